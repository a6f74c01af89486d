import type { Queryable } from './db';

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
