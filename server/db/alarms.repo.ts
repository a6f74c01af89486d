import { alarmState, type Alarm, type AlarmEvent, type AlarmListState, type Severity } from '../../models';
import type { Queryable } from './db';
import { snapshotInfoSql, toSnapshotInfo } from './cameraEvents.repo';

const COLS = `id, compound_id, device_id, device_type, building_id, rule_id, severity, message_zh, message_en, value, active, acknowledged, count,
  extract(epoch from raised_at) * 1000 as raised_at, extract(epoch from last_at) * 1000 as last_at,
  extract(epoch from ack_at) * 1000 as ack_at, ack_by, ack_comment,
  extract(epoch from cleared_at) * 1000 as cleared_at, cleared_by, clear_comment,
  latched, extract(epoch from returned_at) * 1000 as returned_at, extract(epoch from shelved_until) * 1000 as shelved_until, shelved_by, shelve_comment,
  suppressed, suppressed_by, version, ${snapshotInfoSql('alarms')} as snapshot`;

type Row = Record<string, unknown>;
/** SQL for `isOpenAlarm` (models/alarmState.ts). */
const OPEN = `(active or (not acknowledged and suppressed is null))`;
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function toAlarm(r: Row): Alarm {
  const a: Omit<Alarm, 'state'> = {
    id: Number(r.id),
    compoundId: r.compound_id as string,
    deviceId: r.device_id as string,
    deviceType: r.device_type as string,
    buildingId: (r.building_id as string) ?? null,
    ruleId: r.rule_id as string,
    severity: r.severity as Severity,
    message: { zh: r.message_zh as string, en: r.message_en as string },
    value: num(r.value),
    active: r.active as boolean,
    acknowledged: r.acknowledged as boolean,
    count: Number(r.count),
    raisedAt: Number(r.raised_at),
    lastAt: Number(r.last_at),
    ackAt: num(r.ack_at),
    ackBy: (r.ack_by as string) ?? null,
    ackComment: (r.ack_comment as string) ?? null,
    clearedAt: num(r.cleared_at),
    clearedBy: (r.cleared_by as string) ?? null,
    clearComment: (r.clear_comment as string) ?? null,
    latched: r.latched === true,
    returnedAt: num(r.returned_at),
    shelvedUntil: num(r.shelved_until),
    shelvedBy: (r.shelved_by as string) ?? null,
    shelveComment: (r.shelve_comment as string) ?? null,
    suppressed: (r.suppressed as Alarm['suppressed']) ?? null,
    suppressedBy: (r.suppressed_by as string) ?? null,
    version: Number(r.version ?? 1),
    snapshot: toSnapshotInfo(r.snapshot),
  };
  return { ...a, state: alarmState(a) };
}

export interface NewAlarm {
  compoundId: string;
  deviceId: string;
  deviceType: string;
  buildingId: string | null;
  ruleId: string;
  severity: Severity;
  message: { zh: string; en: string };
  value: number | null;
  at: number;
  latched?: boolean;
  /** The point's shelf, when it is shelved: a new occurrence of a shelved alarm is born shelved. */
  shelf?: Shelf | null;
  suppressed?: Alarm['suppressed'];
  suppressedBy?: string | null;
}

export interface Shelf {
  deviceId: string;
  ruleId: string;
  compoundId: string;
  until: number;
  by: string;
  comment: string;
}

export async function insertAlarm(q: Queryable, a: NewAlarm): Promise<Alarm> {
  const r = await q.query<Row>(
    `insert into alarms (compound_id, device_id, device_type, building_id, rule_id, severity, message_zh, message_en, value, raised_at, last_at,
                         latched, shelved_until, shelved_by, shelve_comment, suppressed, suppressed_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, to_timestamp($10 / 1000.0), to_timestamp($10 / 1000.0),
             $11, to_timestamp($12 / 1000.0), $13, $14, $15, $16) returning ${COLS}`,
    [
      a.compoundId,
      a.deviceId,
      a.deviceType,
      a.buildingId,
      a.ruleId,
      a.severity,
      a.message.zh,
      a.message.en,
      a.value,
      a.at,
      a.latched ?? false,
      a.shelf?.until ?? null,
      a.shelf?.by ?? null,
      a.shelf?.comment ?? null,
      a.suppressed ?? null,
      a.suppressedBy ?? null,
    ],
  );
  const alarm = toAlarm(r.rows[0]);
  await addEvent(q, alarm.id, a.at, 'raised', null, null);
  return alarm;
}

/** Another occurrence while active: count up; a latched alarm whose condition had returned holds again. */
/** A repeat of an active alarm; null when it is no longer active (cleared meanwhile, e.g. by a person on another process). */
export async function bumpAlarm(q: Queryable, id: number, value: number | null, at: number): Promise<Alarm | null> {
  const r = await q.query<Row>(
    `update alarms set version = version + 1, count = count + 1, value = $2, last_at = greatest(last_at, to_timestamp($3 / 1000.0)), returned_at = null where id = $1 and active returning ${COLS}`,
    [id, value, at],
  );
  if (!r.rows.length) return null;
  await addEvent(q, id, at, 'repeated', null, null);
  return toAlarm(r.rows[0]);
}

/** The condition came back before anyone acknowledged the return: the same alarm is in alarm again (no second row to acknowledge). */
export async function reactivateAlarm(q: Queryable, id: number, value: number | null, at: number): Promise<Alarm | null> {
  const r = await q.query<Row>(
    `update alarms set version = version + 1, active = true, count = count + 1, value = $2, last_at = greatest(last_at, to_timestamp($3 / 1000.0)),
            returned_at = null, cleared_at = null, cleared_by = null, clear_comment = null
      where id = $1 and not active and not acknowledged returning ${COLS}`,
    [id, value, at],
  );
  if (!r.rows[0]) return null;
  await addEvent(q, id, at, 'reactivated', null, null);
  return toAlarm(r.rows[0]);
}

/** A latched alarm's condition returned to normal: it stays active until a person clears it. */
export async function markReturned(q: Queryable, id: number, at: number): Promise<Alarm | null> {
  const r = await q.query<Row>(
    `update alarms set version = version + 1, returned_at = to_timestamp($2 / 1000.0) where id = $1 and active and returned_at is null returning ${COLS}`,
    [id, at],
  );
  if (!r.rows[0]) return null;
  await addEvent(q, id, at, 'returned', null, null);
  return toAlarm(r.rows[0]);
}

/** Shelves every open alarm of the point and records the shelf (for its next occurrences), in one transaction. */
export async function shelvePoint(q: Queryable, s: Shelf, at: number): Promise<Alarm[]> {
  await q.query(
    `insert into alarm_shelves (device_id, rule_id, compound_id, until, by_user, comment) values ($1, $2, $3, to_timestamp($4 / 1000.0), $5, $6)
     on conflict (device_id, rule_id) do update set until = excluded.until, by_user = excluded.by_user, comment = excluded.comment, compound_id = excluded.compound_id`,
    [s.deviceId, s.ruleId, s.compoundId, s.until, s.by, s.comment],
  );
  const r = await q.query<Row>(
    `update alarms set version = version + 1, shelved_until = to_timestamp($3 / 1000.0), shelved_by = $4, shelve_comment = $5
      where device_id = $1 and rule_id = $2 and (active or not acknowledged) returning ${COLS}`,
    [s.deviceId, s.ruleId, s.until, s.by, s.comment],
  );
  for (const row of r.rows) await addEvent(q, Number(row.id), at, 'shelved', s.by, `${s.comment} (until ${new Date(s.until).toISOString()})`);
  return r.rows.map(toAlarm);
}

/** Ends a point's shelving (by a person, or by the clock when `by` is null). */
export async function unshelvePoint(q: Queryable, deviceId: string, ruleId: string, by: string | null, comment: string | null, at: number): Promise<Alarm[]> {
  await q.query(`delete from alarm_shelves where device_id = $1 and rule_id = $2`, [deviceId, ruleId]);
  const r = await q.query<Row>(
    `update alarms set version = version + 1, shelved_until = null, shelved_by = null, shelve_comment = null
      where device_id = $1 and rule_id = $2 and shelved_until is not null and ${OPEN} returning ${COLS}`,
    [deviceId, ruleId],
  );
  for (const row of r.rows) await addEvent(q, Number(row.id), at, 'unshelved', by, comment ?? (by ? null : 'shelving time is up'));
  return r.rows.map(toAlarm);
}

export async function allShelves(q: Queryable): Promise<Shelf[]> {
  const r = await q.query<Row>(`select device_id, rule_id, compound_id, extract(epoch from until) * 1000 as until, by_user, comment from alarm_shelves`);
  return r.rows.map((x) => ({
    deviceId: String(x.device_id),
    ruleId: String(x.rule_id),
    compoundId: String(x.compound_id),
    until: Number(x.until),
    by: String(x.by_user),
    comment: String(x.comment),
  }));
}

/** Sets or lifts an alarm's suppression (by design or out of service); `why` names the cause. */
export async function setSuppression(q: Queryable, id: number, suppressed: Alarm['suppressed'], why: string | null, at: number): Promise<Alarm | null> {
  const r = await q.query<Row>(
    `update alarms set version = version + 1, suppressed = $2, suppressed_by = $3 where id = $1 and suppressed is distinct from $2 returning ${COLS}`,
    [id, suppressed, why],
  );
  if (!r.rows[0]) return null;
  await addEvent(q, id, at, suppressed ? 'suppressed' : 'unsuppressed', null, why);
  return toAlarm(r.rows[0]);
}

export async function acknowledgeAlarm(q: Queryable, id: number, by: string, comment: string, at: number): Promise<Alarm | null> {
  const r = await q.query<Row>(
    `update alarms set version = version + 1, acknowledged = true, ack_at = to_timestamp($4 / 1000.0), ack_by = $2, ack_comment = $3
      where id = $1 and not acknowledged returning ${COLS}`,
    [id, by, comment, at],
  );
  if (!r.rows[0]) return null;
  await addEvent(q, id, at, 'acknowledged', by, comment);
  return toAlarm(r.rows[0]);
}

export async function clearAlarm(q: Queryable, id: number, by: string | null, comment: string | null, at: number): Promise<Alarm | null> {
  const r = await q.query<Row>(
    `update alarms set version = version + 1, active = false, cleared_at = to_timestamp($4 / 1000.0), cleared_by = $2, clear_comment = $3,
            returned_at = case when $2::text is null then coalesce(returned_at, to_timestamp($4 / 1000.0)) else returned_at end
      where id = $1 and active returning ${COLS}`,
    [id, by, comment, at],
  );
  if (!r.rows[0]) return null;
  await addEvent(q, id, at, by ? 'cleared' : 'auto_cleared', by, comment);
  return toAlarm(r.rows[0]);
}

async function addEvent(q: Queryable, id: number, at: number, action: AlarmEvent['action'], by: string | null, comment: string | null): Promise<void> {
  await q.query(`insert into alarm_events (alarm_id, at, action, by_user, comment) values ($1, to_timestamp($2 / 1000.0), $3, $4, $5)`, [
    id,
    at,
    action,
    by,
    comment,
  ]);
}

/** One alarm; with `compounds`, only when it belongs to one of them (null: any compound). */
export async function getAlarm(q: Queryable, id: number, compounds: readonly string[] | null = null): Promise<Alarm | null> {
  const r = compounds
    ? await q.query<Row>(`select ${COLS} from alarms where id = $1 and compound_id = any($2::text[])`, [id, compounds])
    : await q.query<Row>(`select ${COLS} from alarms where id = $1`, [id]);
  return r.rows[0] ? toAlarm(r.rows[0]) : null;
}

/** Not shelved, not suppressed: the alarm may call for attention. */
const ANNUNCIATED = `suppressed is null and shelved_until is null`;

/** The SQL of each list state; mirrors `inListState` in models/alarmState.ts (alarmState.test holds them together). */
export const LIST_STATE_SQL: Record<AlarmListState, string | null> = {
  attention: `(${ANNUNCIATED} and (active or not acknowledged))`,
  unacked: `(${ANNUNCIATED} and not acknowledged)`,
  active: `(${ANNUNCIATED} and active)`,
  returned: `(${ANNUNCIATED} and not active and not acknowledged)`,
  shelved: `(suppressed is null and shelved_until is not null and ${OPEN})`,
  suppressed: `(suppressed is not null and active)`,
  open: OPEN,
  cleared: `(not ${OPEN})`,
  all: null,
};

/** Open alarms of every compound (not yet closed): the in-memory working set at start-up. */
export async function openAlarms(q: Queryable): Promise<Alarm[]> {
  const r = await q.query<Row>(`select ${COLS} from alarms where ${OPEN} order by id`);
  return r.rows.map(toAlarm);
}

export interface AlarmFilter {
  /** The compounds the caller may see (null or absent: every compound). */
  compounds?: readonly string[] | null;
  state?: AlarmListState;
  acknowledged?: boolean;
  severities?: string[];
  deviceId?: string;
  buildingId?: string;
  deviceType?: string;
  since?: number;
  limit?: number;
}

export async function listAlarms(q: Queryable, f: AlarmFilter): Promise<Alarm[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.compounds) add('compound_id = any(?::text[])', f.compounds);
  const stateSql = f.state ? LIST_STATE_SQL[f.state] : null;
  if (stateSql) where.push(stateSql);
  if (f.acknowledged !== undefined) add('acknowledged = ?', f.acknowledged);
  if (f.severities?.length) add('severity = any(?::text[])', f.severities);
  if (f.deviceId) add('device_id = ?', f.deviceId);
  if (f.buildingId) add('building_id = ?', f.buildingId);
  if (f.deviceType) add('device_type = ?', f.deviceType);
  if (f.since !== undefined) add('raised_at >= to_timestamp(? / 1000.0)', f.since);
  params.push(f.limit ?? 200);
  const r = await q.query<Row>(
    `select ${COLS} from alarms ${where.length ? 'where ' + where.join(' and ') : ''} order by raised_at desc, id desc limit $${params.length}`,
    params,
  );
  return r.rows.map(toAlarm);
}

export async function alarmEvents(q: Queryable, id: number): Promise<AlarmEvent[]> {
  const r = await q.query<Row>(
    `select alarm_id, extract(epoch from at) * 1000 as at, action, by_user, comment from alarm_events where alarm_id = $1 order by at, id`,
    [id],
  );
  return r.rows.map((e) => ({
    alarmId: Number(e.alarm_id),
    at: Number(e.at),
    action: e.action as AlarmEvent['action'],
    by: (e.by_user as string) ?? null,
    comment: (e.comment as string) ?? null,
  }));
}
