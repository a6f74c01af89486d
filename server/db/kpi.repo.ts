import { DEFAULT_TIME_ZONE } from '../../models/compound';
import { startOfZoneDay } from '../../models/zoneTime';
import { plausibleValue } from './schema.sql';
import type { Queryable } from './db';

export interface KpiFigures {
  alarmsToday: number;
  ackMedianS: number | null;
  clearMedianS: number | null;
  energyTodayKwh: number;
  energyYesterdayKwh: number;
  waterTodayM3: number;
}

/** Where "today" and "yesterday up to the same time of day" begin and end, in the compound's time zone. */
export function kpiDays(now: number, zone: string = DEFAULT_TIME_ZONE): { today: number; yesterday: number; yesterdayTo: number } {
  const today = startOfZoneDay(now, zone);
  const yesterday = startOfZoneDay(today - 1, zone);
  return { today, yesterday, yesterdayTo: Math.min(today, yesterday + (now - today)) };
}

/** Alarm handling times and today's energy/water for a compound, in one round of queries; days are `zone` days. */
export async function kpiFigures(
  q: Queryable,
  compoundId: string,
  energyDevices: string[],
  waterDevices: string[],
  now: number,
  zone: string = DEFAULT_TIME_ZONE,
): Promise<KpiFigures> {
  const day = kpiDays(now, zone);
  const a = await q.query<{ today: number; ack: number | null; clr: number | null }>(
    `select
       count(*) filter (where raised_at >= to_timestamp($3 / 1000.0))::int as today,
       percentile_cont(0.5) within group (order by extract(epoch from ack_at - raised_at)) filter (where ack_at is not null) as ack,
       percentile_cont(0.5) within group (order by extract(epoch from cleared_at - raised_at)) filter (where cleared_at is not null) as clr
     from alarms where compound_id = $1 and raised_at >= to_timestamp($2 / 1000.0) - interval '7 days'`,
    [compoundId, now, day.today],
  );
  // Today so far vs yesterday up to the same time of day; hourly buckets plus the raw tail of the current hour.
  const e = await q.query<{ metric: string; today: number; yesterday: number }>(
    `select metric,
            coalesce(sum(value) filter (where ts >= to_timestamp($4 / 1000.0)), 0) as today,
            coalesce(sum(value) filter (where ts >= to_timestamp($5 / 1000.0) and ts < to_timestamp($6 / 1000.0)), 0) as yesterday
       from readings
      where ts >= to_timestamp($5 / 1000.0) and ts <= to_timestamp($3 / 1000.0)
        and ((metric = 'energy_kwh' and device_id = any($1::text[])) or (metric = 'water_m3' and device_id = any($2::text[])))
        and ${plausibleValue()}
      group by metric`,
    [energyDevices, waterDevices, now, day.today, day.yesterday, day.yesterdayTo],
  );
  const en = e.rows.find((r) => r.metric === 'energy_kwh');
  const wa = e.rows.find((r) => r.metric === 'water_m3');
  const row = a.rows[0];
  return {
    alarmsToday: Number(row?.today ?? 0),
    ackMedianS: row?.ack == null ? null : Number(row.ack),
    clearMedianS: row?.clr == null ? null : Number(row.clr),
    energyTodayKwh: Number(en?.today ?? 0),
    energyYesterdayKwh: Number(en?.yesterday ?? 0),
    waterTodayM3: Number(wa?.today ?? 0),
  };
}
