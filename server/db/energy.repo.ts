import type { Queryable } from './db';
import { plausibleValue } from './schema.sql';

const HOUR = 3_600_000;

/** One hour's sum per device beside the mean of the same hour over the previous `days` days (from the hourly aggregate). */
export async function hourlySumsVsBaseline(
  q: Queryable,
  metric: string,
  deviceIds: string[],
  hourStart: number,
  days: number,
): Promise<{ deviceId: string; sum: number; baseline: number }[]> {
  const prior = Array.from({ length: days }, (_, i) => (hourStart - (i + 1) * 24 * HOUR) / 1000);
  const r = await q.query<{ device_id: string; sum: number; baseline: number }>(
    `with cur as (
       select device_id, sum from readings_hourly where metric = $1 and device_id = any($2::text[]) and bucket = to_timestamp($3)
     ), base as (
       select device_id, sum(sum) / $5::int as baseline from readings_hourly
        where metric = $1 and device_id = any($2::text[]) and bucket = any(array(select to_timestamp(x) from unnest($4::float8[]) as x))
        group by device_id having count(*) = $5::int
     )
     select cur.device_id, cur.sum, base.baseline from cur join base using (device_id)`,
    [metric, deviceIds, hourStart / 1000, prior, days],
  );
  return r.rows.map((x) => ({ deviceId: x.device_id, sum: Number(x.sum), baseline: Number(x.baseline) }));
}

/** A slice of a window and the relation it is read from (see server/energy/windows.ts). */
export interface SumPart {
  /** Which window the slice belongs to (0 = the window asked for, 1.. = baseline windows). */
  window: number;
  source: 'daily' | 'hourly' | 'raw';
  from: number;
  to: number;
}

// Raw rows get the aggregates' own filter, so a window's raw tail cannot overflow what its buckets do not.
const SOURCE: Record<SumPart['source'], { rel: string; ts: string; sum: string; cnt: string; where: string }> = {
  daily: { rel: 'readings_daily', ts: 'bucket', sum: 'sum', cnt: 'cnt', where: 'true' },
  hourly: { rel: 'readings_hourly', ts: 'bucket', sum: 'sum', cnt: 'cnt', where: 'true' },
  raw: { rel: 'readings', ts: 'ts', sum: 'value', cnt: '1', where: plausibleValue() },
};

/**
 * Per window and device: the sum of `metric` and how many readings it covers, in one statement.
 * Each slice is its own branch with constant bounds, so every branch is an index range scan with chunk exclusion.
 */
export async function windowSums(
  q: Queryable,
  metric: string,
  deviceIds: string[],
  parts: SumPart[],
): Promise<{ window: number; deviceId: string; sum: number; count: number }[]> {
  if (!deviceIds.length || !parts.length) return [];
  const params: unknown[] = [metric, deviceIds];
  const branches = parts.map((p) => {
    const s = SOURCE[p.source];
    params.push(p.from / 1000, p.to / 1000);
    const a = params.length - 1,
      b = params.length;
    return `select ${Math.floor(p.window)} as w, device_id, ${s.sum} as s, ${s.cnt} as n from ${s.rel}
             where metric = $1 and device_id = any($2::text[]) and ${s.ts} >= to_timestamp($${a}) and ${s.ts} < to_timestamp($${b}) and ${s.where}`;
  });
  const r = await q.query<{ w: number; device_id: string; sum: number; n: number }>(
    `select w, device_id, sum(s)::float8 as sum, sum(n)::int as n from (${branches.join('\n union all ')}) u group by w, device_id`,
    params,
  );
  return r.rows.map((x) => ({ window: Number(x.w), deviceId: x.device_id, sum: Number(x.sum), count: Number(x.n) }));
}
