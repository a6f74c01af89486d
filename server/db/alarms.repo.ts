import type { Alarm, AlarmEvent, Severity } from '../../models';
import type { Queryable } from './db';

const COLS = `id, compound_id, device_id, device_type, building_id, rule_id, severity, message_zh, message_en, value, active, acknowledged, count,
  extract(epoch from raised_at) * 1000 as raised_at, extract(epoch from last_at) * 1000 as last_at,
  extract(epoch from ack_at) * 1000 as ack_at, ack_by, ack_comment,
  extract(epoch from cleared_at) * 1000 as cleared_at, cleared_by, clear_comment`;

type Row = Record<string, unknown>;
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function toAlarm(r: Row): Alarm {
  return {
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
  };
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
}

export async function insertAlarm(q: Queryable, a: NewAlarm): Promise<Alarm> {
  const r = await q.query<Row>(
    `insert into alarms (compound_id, device_id, device_type, building_id, rule_id, severity, message_zh, message_en, value, raised_at, last_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, to_timestamp($10 / 1000.0), to_timestamp($10 / 1000.0)) returning ${COLS}`,
    [a.compoundId, a.deviceId, a.deviceType, a.buildingId, a.ruleId, a.severity, a.message.zh, a.message.en, a.value, a.at],
  );
  const alarm = toAlarm(r.rows[0]);
  await addEvent(q, alarm.id, a.at, 'raised', null, null);
  return alarm;
}

export async function bumpAlarm(q: Queryable, id: number, value: number | null, at: number): Promise<Alarm> {
  const r = await q.query<Row>(
    `update alarms set count = count + 1, value = $2, last_at = greatest(last_at, to_timestamp($3 / 1000.0)) where id = $1 returning ${COLS}`,
    [id, value, at],
  );
  await addEvent(q, id, at, 'repeated', null, null);
  return toAlarm(r.rows[0]);
}

export async function acknowledgeAlarm(q: Queryable, id: number, by: string, comment: string, at: number): Promise<Alarm | null> {
  const r = await q.query<Row>(
    `update alarms set acknowledged = true, ack_at = to_timestamp($4 / 1000.0), ack_by = $2, ack_comment = $3
      where id = $1 and not acknowledged returning ${COLS}`,
    [id, by, comment, at],
  );
  if (!r.rows[0]) return null;
  await addEvent(q, id, at, 'acknowledged', by, comment);
  return toAlarm(r.rows[0]);
}

export async function clearAlarm(q: Queryable, id: number, by: string | null, comment: string | null, at: number): Promise<Alarm | null> {
  const r = await q.query<Row>(
    `update alarms set active = false, cleared_at = to_timestamp($4 / 1000.0), cleared_by = $2, clear_comment = $3
      where id = $1 and active returning ${COLS}`,
    [id, by, comment, at],
  );
  if (!r.rows[0]) return null;
  await addEvent(q, id, at, by ? 'cleared' : 'auto_cleared', by, comment);
  return toAlarm(r.rows[0]);
}

async function addEvent(q: Queryable, id: number, at: number, action: AlarmEvent['action'], by: string | null, comment: string | null): Promise<void> {
  await q.query(`insert into alarm_events (alarm_id, at, action, by_user, comment) values ($1, to_timestamp($2 / 1000.0), $3, $4, $5)`, [id, at, action, by, comment]);
}

/** One alarm; with `compounds`, only when it belongs to one of them (null: any compound). */
export async function getAlarm(q: Queryable, id: number, compounds: readonly string[] | null = null): Promise<Alarm | null> {
  const r = compounds
    ? await q.query<Row>(`select ${COLS} from alarms where id = $1 and compound_id = any($2::text[])`, [id, compounds])
    : await q.query<Row>(`select ${COLS} from alarms where id = $1`, [id]);
  return r.rows[0] ? toAlarm(r.rows[0]) : null;
}

/** Active or unacknowledged alarms of every compound: the in-memory working set at start-up. */
export async function openAlarms(q: Queryable): Promise<Alarm[]> {
  const r = await q.query<Row>(`select ${COLS} from alarms where active or not acknowledged order by id`);
  return r.rows.map(toAlarm);
}

export interface AlarmFilter {
  /** The compounds the caller may see (null or absent: every compound). */
  compounds?: readonly string[] | null;
  state?: 'active' | 'cleared' | 'open' | 'all';
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
  if (f.state === 'active') where.push('active');
  if (f.state === 'cleared') where.push('not active');
  if (f.state === 'open') where.push('(active or not acknowledged)');
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
  return r.rows.map((e) => ({ alarmId: Number(e.alarm_id), at: Number(e.at), action: e.action as AlarmEvent['action'], by: (e.by_user as string) ?? null, comment: (e.comment as string) ?? null }));
}
