import { ENERGY_UNITS, type EnergyHourly, type EnergyMetric, type HourlyDay } from '../../models';
import { startOfZoneDay, zoneOffsetMs } from '../../models/zoneTime';
import type { Queryable } from '../db/db';
import { plausibleValue } from '../db/schema.sql';
import type { CompoundEntry } from '../compounds/registry';
import { isAggregateMeter } from '../kpi/kpi.service';

const HOUR = 3_600_000;

/**
 * Sums of `metric` over `deviceIds` per local hour in [from, to), keyed by bucket start (epoch ms), with the
 * readings counted. `from` is a local midnight: buckets are date_bin'ned from it, so they start on the zone's
 * hours. Where the zone's offset is whole hours on both ends the UTC-aligned hourly aggregate serves (its
 * buckets are the local hours, the current one included: real-time aggregation); a half-hour zone reads raw rows.
 */
export async function hourlySums(
  q: Queryable,
  metric: EnergyMetric,
  deviceIds: string[],
  from: number,
  to: number,
  hourAligned: boolean,
): Promise<Map<number, { sum: number; count: number }>> {
  const out = new Map<number, { sum: number; count: number }>();
  if (!deviceIds.length || !(from < to)) return out;
  const src = hourAligned
    ? { rel: 'readings_hourly', ts: 'bucket', sum: 'sum', cnt: 'cnt', where: 'true' }
    : { rel: 'readings', ts: 'ts', sum: 'value', cnt: '1', where: plausibleValue() };
  const r = await q.query<{ h: number; s: number; n: number }>(
    `select extract(epoch from date_bin(interval '1 hour', ${src.ts}, to_timestamp($3 / 1000.0))) * 1000 as h, sum(${src.sum})::float8 as s, sum(${src.cnt})::int as n
       from ${src.rel}
      where metric = $1 and device_id = any($2::text[]) and ${src.ts} >= to_timestamp($3 / 1000.0) and ${src.ts} < to_timestamp($4 / 1000.0) and ${src.where}
      group by 1`,
    [metric, deviceIds, from, to],
  );
  for (const row of r.rows) out.set(Math.round(Number(row.h)), { sum: Number(row.s), count: Number(row.n) });
  return out;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function day(sums: Map<number, { sum: number; count: number }>, from: number, to: number, until: number): HourlyDay {
  const values: (number | null)[] = [];
  for (let h = from; h < Math.min(to, until); h += HOUR) {
    const s = sums.get(h);
    values.push(s && s.count > 0 ? round(s.sum) : null);
  }
  return { from, to, values };
}

/**
 * The compound's use by local hour, today so far (the current hour partial) against all of yesterday: the
 * meters the KPIs sum (building-level and public meters, never a household's sub-meter), so the hours add up
 * to the KPI's "today".
 */
export async function energyHourly(q: Queryable, entry: CompoundEntry, metric: EnergyMetric, now = Date.now()): Promise<EnergyHourly> {
  const zone = entry.doc.timeZone;
  const today0 = startOfZoneDay(now, zone);
  const yesterday0 = startOfZoneDay(today0 - 1, zone);
  const tomorrow0 = startOfZoneDay(today0 + 26 * HOUR, zone);
  const meters = entry.doc.devices.filter((d) => d.placement.kind === 'building' && d.metrics.includes(metric) && isAggregateMeter(d, metric)).map((d) => d.id);
  const aligned = [yesterday0, today0, now].every((t) => zoneOffsetMs(t, zone) % HOUR === 0);
  // to the end of the current hour: its partial bucket is the last one
  const sums = await hourlySums(q, metric, meters, yesterday0, now + 1, aligned);
  return {
    compoundId: entry.doc.id,
    metric,
    unit: ENERGY_UNITS[metric],
    timeZone: zone,
    now,
    today: day(sums, today0, tomorrow0, now + 1),
    yesterday: day(sums, yesterday0, today0, today0),
  };
}
