import type { BadActor } from '../../models';
import type { Queryable } from './db';

// Alarm-system performance (ISA-18.2 §16 "monitoring and assessment", EEMUA 191). An annunciation is an
// alarm_events row 'raised' or 'reactivated' (an alarm that returned and came back before anyone
// acknowledged it is the same row, annunciated again). Periods are 10 minutes, counted from the window's start.

export interface AnnunciationFigures {
  /** Annunciations in the window. */
  raised: number;
  /** Most annunciations in one 10-minute period, and when that period began (epoch ms; null: none). */
  peak: number;
  peakAt: number | null;
  /** 10-minute periods with more than `FLOOD_OVER` annunciations. */
  floodPeriods: number;
  /** Active alarms raised more than `STALE_MS` before `to`. */
  stale: number;
  /** (device, rule) pairs annunciated `CHATTER_COUNT` times or more within `CHATTER_MS`. */
  chattering: number;
  /** The `limit` sources with most annunciations, most first. */
  badActors: BadActor[];
}

export const PERIOD_MS = 10 * 60_000;
/** A period with more annunciations than this is a flood (ISA-18.2 Table 5; EEMUA 191). */
export const FLOOD_OVER = 10;
/** Active longer than this: stale (ISA-18.2). */
export const STALE_MS = 24 * 3_600_000;
/** This many annunciations of one point within `CHATTER_MS`: chattering (ISA-TR18.2.5). */
export const CHATTER_COUNT = 3;
export const CHATTER_MS = 60_000;

/**
 * The window's annunciation figures in one pass over alarm_events(at) (joined to alarms by id).
 * `shownAs` renames devices before sources are counted (household device → its aggregate for masked
 * callers), so a masked caller's bad actors are ranked on what it may see.
 */
export async function annunciationFigures(
  q: Queryable,
  compoundId: string,
  from: number,
  to: number,
  shownAs: ReadonlyMap<string, string> = new Map(),
  limit = 10,
): Promise<AnnunciationFigures> {
  const r = await q.query<{ raised: number; peak: number; peak_at: number | null; flood: number; stale: number; chattering: number; actors: unknown }>(
    `with ann as materialized (
       select e.at, a.device_id, a.rule_id, a.device_type, a.building_id, a.severity
         from alarm_events e join alarms a on a.id = e.alarm_id
        where e.at >= to_timestamp($2 / 1000.0) and e.at < to_timestamp($3 / 1000.0)
          and e.action in ('raised', 'reactivated') and a.compound_id = $1
     ), periods as (
       select date_bin('10 minutes', at, to_timestamp($2 / 1000.0)) as p, count(*)::int as n from ann group by 1
     ), bursts as (
       select device_id, rule_id,
              count(*) over (partition by device_id, rule_id order by at range between make_interval(secs => $7 / 1000.0) preceding and current row) as n
         from ann
     ), actors as (
       select coalesce(m.shown, ann.device_id) as shown_id, ann.rule_id, max(ann.device_type) as device_type, max(ann.building_id) as building_id,
              (array_agg(ann.severity order by ann.at desc))[1] as severity, count(*)::int as raises
         from ann left join unnest($4::text[], $5::text[]) as m(id, shown) on m.id = ann.device_id
        group by 1, 2
        order by count(*) desc, coalesce(m.shown, ann.device_id) collate "C", ann.rule_id collate "C"
        limit $6
     )
     select (select count(*)::int from ann) as raised,
            (select coalesce(max(n), 0)::int from periods) as peak,
            (select extract(epoch from p) * 1000 from periods order by n desc, p limit 1) as peak_at,
            (select count(*)::int from periods where n > $8) as flood,
            (select count(*)::int from alarms where compound_id = $1 and active and raised_at < to_timestamp($3 / 1000.0) - make_interval(secs => $9 / 1000.0)) as stale,
            (select count(distinct (device_id, rule_id))::int from bursts where n >= $10) as chattering,
            (select coalesce(json_agg(json_build_object('deviceId', shown_id, 'ruleId', rule_id, 'deviceType', device_type, 'buildingId', building_id,
                                                        'severity', severity, 'raises', raises) order by raises desc, shown_id collate "C", rule_id collate "C"), '[]'::json)
               from actors) as actors`,
    [compoundId, from, to, [...shownAs.keys()], [...shownAs.values()], limit, CHATTER_MS, FLOOD_OVER, STALE_MS, CHATTER_COUNT],
  );
  const row = r.rows[0];
  const actors = (typeof row.actors === 'string' ? JSON.parse(row.actors) : row.actors) as BadActor[];
  return {
    raised: Number(row.raised),
    peak: Number(row.peak),
    peakAt: row.peak_at === null ? null : Number(row.peak_at),
    floodPeriods: Number(row.flood),
    stale: Number(row.stale),
    chattering: Number(row.chattering),
    badActors: actors.map((a) => ({ ...a, buildingId: a.buildingId ?? null, raises: Number(a.raises) })),
  };
}

/**
 * Median minutes from raise to acknowledgement of the compound's alarms raised in [from, to), with how
 * many were acknowledged and raised: the metrics' `ackTimeMedianMin` and the rating's `alarm_ack_median_min`.
 */
export async function ackMedianMin(
  q: Queryable,
  compoundId: string,
  from: number,
  to: number,
): Promise<{ median: number | null; acked: number; raised: number }> {
  const r = await q.query<{ m: number | null; acked: number; raised: number }>(
    `select percentile_cont(0.5) within group (order by extract(epoch from ack_at - raised_at) / 60.0) filter (where ack_at is not null) as m,
            count(ack_at)::int as acked, count(*)::int as raised
       from alarms where compound_id = $1 and raised_at >= to_timestamp($2 / 1000.0) and raised_at < to_timestamp($3 / 1000.0)`,
    [compoundId, from, to],
  );
  const row = r.rows[0];
  return { median: row.m === null ? null : Number(row.m), acked: Number(row.acked), raised: Number(row.raised) };
}

/**
 * Annunciations (raised or reactivated) per hour and severity in [from, to), keyed by bucket start (epoch
 * ms). Buckets are date_bin'ned from `from`, a local hour boundary of the compound's zone.
 */
export async function annunciationsByHour(q: Queryable, compoundId: string, from: number, to: number): Promise<{ at: number; severity: string; n: number }[]> {
  const r = await q.query<{ h: number; severity: string; n: number }>(
    `select extract(epoch from date_bin(interval '1 hour', e.at, to_timestamp($2 / 1000.0))) * 1000 as h, a.severity, count(*)::int as n
       from alarm_events e join alarms a on a.id = e.alarm_id
      where e.at >= to_timestamp($2 / 1000.0) and e.at < to_timestamp($3 / 1000.0)
        and e.action in ('raised', 'reactivated') and a.compound_id = $1
      group by 1, 2`,
    [compoundId, from, to],
  );
  return r.rows.map((x) => ({ at: Math.round(Number(x.h)), severity: x.severity, n: Number(x.n) }));
}
