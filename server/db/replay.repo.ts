import type { Alarm, AlarmEvent, CommandDelta, CommandState, CommandType, ReadingAt, Severity, TimelineEvent, WorkOrderEvent } from '../../models';
import { alarmAt } from '../replay/alarmAt';
import { OFFLINE_AFTER_INTERVALS } from '../live/liveState';
import type { Queryable } from './db';
import { snapshotInfoSql, toSnapshotInfo } from './cameraEvents.repo';
import { eventsOfWorkOrders, workOrdersByIds, type WorkOrderRecord } from './workorders.repo';

type Row = Record<string, unknown>;
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const sec = (ms: number) => ms / 1000;

/**
 * Every alarm open at t (ISA-18.2: in alarm, returned unacknowledged, shelved or suppressed) as it stood then,
 * folded from its events up to t (server/replay/alarmAt.ts). Candidates: raised by t and not both cleared and
 * acknowledged by t (an alarm that was so is closed for good: it cannot come back once acknowledged). Compound
 * scope in both queries; the events come through alarm_events(alarm_id, at).
 */
export async function alarmsOpenAt(q: Queryable, compoundId: string, t: number): Promise<Alarm[]> {
  const r = await q.query<Row>(
    `select a.id, a.compound_id, a.device_id, a.device_type, a.building_id, a.rule_id, a.severity, a.message_zh, a.message_en, a.value,
            a.latched, a.suppressed, extract(epoch from a.raised_at) * 1000 as raised_at,
            ${snapshotInfoSql('a', 'to_timestamp($2)')} as snapshot
       from alarms a
      where a.compound_id = $1 and a.raised_at <= to_timestamp($2)
        and not (a.cleared_at is not null and a.cleared_at <= to_timestamp($2) and a.ack_at is not null and a.ack_at <= to_timestamp($2))
      order by a.raised_at desc, a.id desc`,
    [compoundId, sec(t)],
  );
  if (r.rows.length === 0) return [];
  const ids = r.rows.map((x) => Number(x.id));
  const ev = await q.query<Row>(
    `select e.alarm_id, extract(epoch from e.at) * 1000 as at, e.action, e.by_user, e.comment
       from alarm_events e join alarms a on a.id = e.alarm_id
      where a.compound_id = $1 and e.alarm_id = any($2::int[]) and e.at <= to_timestamp($3)
      order by e.alarm_id, e.at, e.id`,
    [compoundId, ids, sec(t)],
  );
  const eventsOf = new Map<number, Pick<AlarmEvent, 'at' | 'action' | 'by' | 'comment'>[]>();
  for (const x of ev.rows) {
    const id = Number(x.alarm_id);
    let list = eventsOf.get(id);
    if (!list) eventsOf.set(id, (list = []));
    list.push({ at: Number(x.at), action: x.action as AlarmEvent['action'], by: (x.by_user as string) ?? null, comment: (x.comment as string) ?? null });
  }
  const out: Alarm[] = [];
  for (const x of r.rows) {
    const id = Number(x.id);
    const a = alarmAt(
      {
        id,
        compoundId: String(x.compound_id),
        deviceId: String(x.device_id),
        deviceType: String(x.device_type),
        buildingId: (x.building_id as string) ?? null,
        ruleId: String(x.rule_id),
        severity: x.severity as Severity,
        message: { zh: String(x.message_zh), en: String(x.message_en) },
        value: num(x.value),
        latched: x.latched === true,
        raisedAt: Number(x.raised_at),
        suppressed: (x.suppressed as Alarm['suppressed']) ?? null,
        // the newest camera snapshot of it taken by t (a later repeat's image would show the future)
        snapshot: toSnapshotInfo(x.snapshot),
      },
      eventsOf.get(id) ?? [],
      t,
    );
    if (a) out.push(a);
  }
  return out;
}

/**
 * The last reading per metric at or before t of the given devices of a compound: one backward probe on the
 * readings primary key per (device, metric), bounded below by `since` (the replay window) so old chunks are skipped.
 */
export async function readingsAt(q: Queryable, compoundId: string, deviceIds: readonly string[], t: number, since: number): Promise<ReadingAt[]> {
  if (deviceIds.length === 0) return [];
  const r = await q.query<Row>(
    `select d.id, m.metric, extract(epoch from l.ts) * 1000 as ts, l.value
       from devices d
       cross join unnest(d.metrics) m(metric)
       cross join lateral (select r.ts, r.value from readings r
                            where r.device_id = d.id and r.metric = m.metric and r.ts <= to_timestamp($3) and r.ts > to_timestamp($4)
                            order by r.ts desc limit 1) l
      where d.compound_id = $1 and d.id = any($2::text[])
      order by d.id, m.metric`,
    [compoundId, deviceIds, sec(t), sec(since)],
  );
  return r.rows.map((x) => ({ deviceId: String(x.id), metric: String(x.metric), ts: Number(x.ts), value: Number(x.value) }));
}

/**
 * Figures of the KPIs that are counted from stored rows, as they were at t: alarms raised since the start of
 * t's day (up to t), median times to acknowledge and to clear over the 7 days before t (only what had happened
 * by t), and work orders created since the start of t's day.
 */
export async function figuresAt(
  q: Queryable,
  compoundId: string,
  t: number,
  dayStart: number,
): Promise<{ alarmsToday: number; ackMedianS: number | null; clearMedianS: number | null; workOrdersToday: number }> {
  const r = await q.query<Row>(
    `select
       (select count(*)::int from alarms where compound_id = $1 and raised_at >= to_timestamp($3) and raised_at <= to_timestamp($2)) as today,
       (select percentile_cont(0.5) within group (order by extract(epoch from ack_at - raised_at)) from alarms
         where compound_id = $1 and raised_at > to_timestamp($2) - interval '7 days' and ack_at <= to_timestamp($2)) as ack,
       (select percentile_cont(0.5) within group (order by extract(epoch from cleared_at - raised_at)) from alarms
         where compound_id = $1 and raised_at > to_timestamp($2) - interval '7 days' and cleared_at <= to_timestamp($2)) as clr,
       (select count(*)::int from work_orders where compound_id = $1 and created_at >= to_timestamp($3) and created_at <= to_timestamp($2)) as wo_today`,
    [compoundId, sec(t), sec(dayStart)],
  );
  const x = r.rows[0] ?? {};
  return { alarmsToday: Number(x.today ?? 0), ackMedianS: num(x.ack), clearMedianS: num(x.clr), workOrdersToday: Number(x.wo_today ?? 0) };
}

/**
 * Work orders that existed and were not closed at t, as stored now, with their whole history (to be folded back to t).
 * An order closed now whose last closing was ≤ t stayed closed since then, so it is skipped in SQL.
 */
export async function workOrdersAround(q: Queryable, compoundId: string, t: number): Promise<{ records: WorkOrderRecord[]; events: WorkOrderEvent[] }> {
  const r = await q.query<{ id: number }>(
    `select id from work_orders
      where compound_id = $1 and created_at <= to_timestamp($2) and not (status = 'closed' and closed_at <= to_timestamp($2))`,
    [compoundId, sec(t)],
  );
  const ids = r.rows.map((x) => Number(x.id));
  return { records: await workOrdersByIds(q, ids), events: await eventsOfWorkOrders(q, ids) };
}

/** The longest reporting step a replay trusts as a device's own rhythm (history recorded hourly, e.g. a backfill). */
export const REPLAY_STEP_CAP_S = 3_600;

/**
 * Per device of a compound: its last reading at or before t and the one before it (of its first metric when
 * that one reported, else the last of any metric), looked for no further back than the offline threshold
 * allows (3 × its interval, or 3 × the step cap, plus one step). One backward index probe (limit 2) on the
 * readings primary key per device; only devices silent on their first metric are probed on the others, so a
 * seek costs about one probe per device however dense the history. The constant lower bound lets TimescaleDB
 * skip other chunks at plan time.
 */
export async function lastSeenAt(
  q: Queryable,
  compoundId: string,
  t: number,
  maxIntervalS: number,
): Promise<{ deviceId: string; lastSeen: number | null; prevSeen: number | null }[]> {
  const probe = (metric: string, n: number) => `select r.ts from readings r
     where r.device_id = d.id and r.metric = ${metric} and r.ts <= to_timestamp($2) and r.ts > d.since and r.ts > to_timestamp($4)
     order by r.ts desc limit ${n}`;
  const r = await q.query<{ id: string; last: number | null; prev: number | null; other: number | null }>(
    `with d as (select id, metrics,
                       to_timestamp($2) - make_interval(secs => greatest(interval_s, $5::int) * $3::int + $5::int) as since
                  from devices where compound_id = $1),
          f as (select d.id, d.metrics, d.since, (${probe('d.metrics[1]', 1)}) as last from d)
     select d.id, extract(epoch from d.last) * 1000 as last,
            extract(epoch from (select r.ts from readings r
                                 where r.device_id = d.id and r.metric = d.metrics[1] and r.ts < d.last and r.ts > d.since and r.ts > to_timestamp($4)
                                 order by r.ts desc limit 1)) * 1000 as prev,
            case when d.last is null then extract(epoch from (select max(l.ts) from unnest(d.metrics[2:]) m(metric), lateral (${probe('m.metric', 1)}) l)) * 1000 end as other
       from f d`,
    [
      compoundId,
      sec(t),
      OFFLINE_AFTER_INTERVALS,
      sec(t) - (Math.max(maxIntervalS, REPLAY_STEP_CAP_S) * OFFLINE_AFTER_INTERVALS + REPLAY_STEP_CAP_S),
      REPLAY_STEP_CAP_S,
    ],
  );
  return r.rows.map((x) => ({ deviceId: x.id, lastSeen: num(x.last) ?? num(x.other), prevSeen: num(x.last) === null ? null : num(x.prev) }));
}

/**
 * Whether a device was online at t from its last two readings: silent for no more than 3 of its own reporting
 * steps, a step being its nominal interval, or the spacing of its last two readings when that was longer (up to
 * the cap): live data is judged as live (3 intervals), history recorded at a coarser rate by its own rhythm.
 */
export function onlineAt(t: number, intervalS: number, lastSeen: number | null, prevSeen: number | null): boolean {
  if (lastSeen === null) return false;
  const observedS = prevSeen === null ? 0 : Math.min(REPLAY_STEP_CAP_S, (lastSeen - prevSeen) / 1000);
  return t - lastSeen <= Math.max(intervalS, observedS) * OFFLINE_AFTER_INTERVALS * 1000;
}

/**
 * Device commands created in the hour before t (a broadcast's or single ones), each in the state it had at t:
 * final once its done time had passed, sent once its sent time had, else queued.
 */
export async function commandsAt(q: Queryable, compoundId: string, t: number): Promise<CommandDelta[]> {
  const r = await q.query<Row>(
    `select id, broadcast_id, device_id, type, state, failure, extract(epoch from created_at) * 1000 as created_at,
            extract(epoch from sent_at) * 1000 as sent_at, extract(epoch from done_at) * 1000 as done_at
       from device_commands
      where compound_id = $1 and created_at > to_timestamp($2) - interval '1 hour' and created_at <= to_timestamp($2)
      order by id`,
    [compoundId, sec(t)],
  );
  return r.rows.map((x) => {
    const done = num(x.done_at);
    const sent = num(x.sent_at);
    const [state, at, failure]: [CommandState, number, string | null] =
      done !== null && done <= t
        ? [x.state as CommandState, done, (x.failure as string) ?? null]
        : sent !== null && sent <= t
          ? ['sent', sent, null]
          : ['queued', Number(x.created_at), null];
    return {
      id: Number(x.id),
      broadcastId: x.broadcast_id === null ? null : Number(x.broadcast_id),
      deviceId: String(x.device_id),
      type: x.type as CommandType,
      state,
      at: Math.round(at),
      failure,
    };
  });
}

/**
 * Alarm raises and clears, work-order steps, broadcasts (sent; a stop: stopped) and single device commands in [from, to),
 * oldest first, for the replay scrubber.
 */
export async function timelineEvents(q: Queryable, compoundId: string, from: number, to: number, limit: number): Promise<TimelineEvent[]> {
  const r = await q.query<Row>(
    `select * from (
       select extract(epoch from raised_at) * 1000 as t, 'alarm' as kind, 'raised' as action, id, device_id, building_id, severity, message_zh as label,
              ${snapshotInfoSql('alarms', 'alarms.raised_at')} as snapshot
         from alarms where compound_id = $1 and raised_at >= to_timestamp($2) and raised_at < to_timestamp($3)
       union all
       select extract(epoch from cleared_at) * 1000, 'alarm', case when cleared_by is null then 'auto_cleared' else 'cleared' end, id, device_id, building_id, severity, message_zh, null
         from alarms where compound_id = $1 and cleared_at >= to_timestamp($2) and cleared_at < to_timestamp($3)
       union all
       select extract(epoch from e.at) * 1000, 'workorder', case when e.action = 'created' then 'created' else e.to_status end, w.id, w.device_id, w.building_id, w.priority, w.title, null
         from work_order_events e join work_orders w on w.id = e.work_order_id
        where w.compound_id = $1 and e.at >= to_timestamp($2) and e.at < to_timestamp($3) and e.to_status is not null
       union all
       select extract(epoch from b.due_at) * 1000, 'broadcast', case when b.kind = 'stop' then 'stopped' else 'sent' end, b.id, null, null, b.level, b.message->'title'->>'zh', null
         from broadcasts b where b.compound_id = $1 and b.due_at >= to_timestamp($2) and b.due_at < to_timestamp($3)
       union all
       select extract(epoch from c.created_at) * 1000, 'command', c.type, c.id, c.device_id, d.building_id, 'info', coalesce(c.reason, c.type), null
         from device_commands c left join devices d on d.id = c.device_id
        where c.compound_id = $1 and c.broadcast_id is null and c.created_at >= to_timestamp($2) and c.created_at < to_timestamp($3)
     ) x order by t, kind, id limit $4`,
    [compoundId, sec(from), sec(to), limit],
  );
  return r.rows.map((x) => ({
    t: Number(x.t),
    kind: x.kind as TimelineEvent['kind'],
    action: String(x.action),
    id: Number(x.id),
    deviceId: (x.device_id as string) ?? null,
    buildingId: (x.building_id as string) ?? null,
    severity: String(x.severity),
    label: String(x.label),
    ...(x.action === 'raised' && x.kind === 'alarm' ? { snapshot: toSnapshotInfo(x.snapshot) } : {}),
  }));
}
