import type { Alarm, Severity, TimelineEvent, WorkOrderEvent } from '../../models';
import { OFFLINE_AFTER_INTERVALS } from '../live/liveState';
import type { Queryable } from './db';
import { eventsOfWorkOrders, workOrdersByIds, type WorkOrderRecord } from './workorders.repo';

type Row = Record<string, unknown>;
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const sec = (ms: number) => ms / 1000;

/**
 * Alarms active at t (raised ≤ t, not cleared by t) as they stood then: acknowledgement only if it came by t,
 * count and last occurrence from the events up to t. Found through (compound_id, cleared_at): the still-active
 * ones plus those cleared after t.
 */
export async function alarmsActiveAt(q: Queryable, compoundId: string, t: number): Promise<Alarm[]> {
  const r = await q.query<Row>(
    `select a.id, a.compound_id, a.device_id, a.device_type, a.building_id, a.rule_id, a.severity, a.message_zh, a.message_en, a.value,
            extract(epoch from a.raised_at) * 1000 as raised_at, extract(epoch from a.ack_at) * 1000 as ack_at, a.ack_by, a.ack_comment,
            ev.n, extract(epoch from ev.last_at) * 1000 as last_at
       from alarms a
       cross join lateral (select count(*)::int as n, max(e.at) as last_at from alarm_events e
                            where e.alarm_id = a.id and e.action in ('raised', 'repeated') and e.at <= to_timestamp($2)) ev
      where a.compound_id = $1 and a.raised_at <= to_timestamp($2) and (a.cleared_at is null or a.cleared_at > to_timestamp($2))
      order by a.raised_at desc, a.id desc`,
    [compoundId, sec(t)],
  );
  return r.rows.map((x) => {
    const ackAt = num(x.ack_at);
    const acked = ackAt !== null && ackAt <= t;
    const raisedAt = Number(x.raised_at);
    return {
      id: Number(x.id),
      compoundId: String(x.compound_id),
      deviceId: String(x.device_id),
      deviceType: String(x.device_type),
      buildingId: (x.building_id as string) ?? null,
      ruleId: String(x.rule_id),
      severity: x.severity as Severity,
      message: { zh: String(x.message_zh), en: String(x.message_en) },
      value: num(x.value),
      active: true,
      acknowledged: acked,
      // as it stood then; shelving and suppression are not replayed
      state: acked ? 'ack' : 'unack',
      latched: false,
      returnedAt: null,
      shelvedUntil: null,
      shelvedBy: null,
      shelveComment: null,
      suppressed: null,
      suppressedBy: null,
      version: 0,
      count: Math.max(1, Number(x.n)),
      raisedAt,
      lastAt: num(x.last_at) ?? raisedAt,
      ackAt: acked ? ackAt : null,
      ackBy: acked ? ((x.ack_by as string) ?? null) : null,
      ackComment: acked ? ((x.ack_comment as string) ?? null) : null,
      clearedAt: null,
      clearedBy: null,
      clearComment: null,
    };
  });
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

/**
 * Per device of a compound: whether it reported in the OFFLINE_AFTER_INTERVALS × its interval before t (else it
 * was offline at t), and when. One backward index probe on the readings primary key for the device's first
 * metric; only devices silent on it are probed on their other metrics, so a seek costs about one probe per
 * device however dense the history. The constant lower bound lets TimescaleDB skip other chunks at plan time.
 */
export async function lastSeenAt(q: Queryable, compoundId: string, t: number, maxIntervalS: number): Promise<{ deviceId: string; lastSeen: number | null }[]> {
  const probe = (metric: string) => `select r.ts from readings r
     where r.device_id = d.id and r.metric = ${metric} and r.ts <= to_timestamp($2) and r.ts > d.since and r.ts > to_timestamp($4)
     order by r.ts desc limit 1`;
  const r = await q.query<{ id: string; last: number | null }>(
    `with d as (select id, metrics, to_timestamp($2) - make_interval(secs => interval_s * $3::int) as since from devices where compound_id = $1)
     select d.id, extract(epoch from coalesce(
              (${probe('d.metrics[1]')}),
              (select max(l.ts) from unnest(d.metrics[2:]) m(metric), lateral (${probe('m.metric')}) l))) * 1000 as last
       from d`,
    [compoundId, sec(t), OFFLINE_AFTER_INTERVALS, sec(t) - maxIntervalS * OFFLINE_AFTER_INTERVALS],
  );
  return r.rows.map((x) => ({ deviceId: x.id, lastSeen: num(x.last) }));
}

/** Alarm raises and clears and work-order steps in [from, to), oldest first, for the replay scrubber. */
export async function timelineEvents(q: Queryable, compoundId: string, from: number, to: number, limit: number): Promise<TimelineEvent[]> {
  const r = await q.query<Row>(
    `select * from (
       select extract(epoch from raised_at) * 1000 as t, 'alarm' as kind, 'raised' as action, id, device_id, building_id, severity, message_zh as label
         from alarms where compound_id = $1 and raised_at >= to_timestamp($2) and raised_at < to_timestamp($3)
       union all
       select extract(epoch from cleared_at) * 1000, 'alarm', case when cleared_by is null then 'auto_cleared' else 'cleared' end, id, device_id, building_id, severity, message_zh
         from alarms where compound_id = $1 and cleared_at >= to_timestamp($2) and cleared_at < to_timestamp($3)
       union all
       select extract(epoch from e.at) * 1000, 'workorder', case when e.action = 'created' then 'created' else e.to_status end, w.id, w.device_id, w.building_id, w.priority, w.title
         from work_order_events e join work_orders w on w.id = e.work_order_id
        where w.compound_id = $1 and e.at >= to_timestamp($2) and e.at < to_timestamp($3) and e.to_status is not null
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
  }));
}
