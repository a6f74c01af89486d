import type { Db, Queryable } from './db';
import type { SeriesPoint } from '../../models';
import { DAILY_AGGREGATE_ZONE, plausibleValue, UTC_ORIGIN } from './schema.sql';

/** Column arrays for one `unnest` insert: never one row per statement, never near the bind-parameter cap. */
export interface ReadingColumns {
  ts: number[];
  deviceIds: string[];
  metrics: string[];
  values: number[];
}

class SomeExisted extends Error {}

/**
 * Inserts readings; rows already stored (same device, metric, ts) are skipped.
 * Returns the index (into the columns) of each newly inserted row so only new readings reach the alarm engine.
 * Fast path: a plain insert that turns out to have inserted every row needs no bookkeeping; only a batch
 * holding rows already stored (a retry) is rolled back and redone with the slower per-row report.
 */
export async function insertReadings(db: Db, cols: ReadingColumns): Promise<number[]> {
  const n = cols.ts.length;
  if (n === 0) return [];
  try {
    await db.transaction(async (q) => {
      if ((await insertReadingsRaw(q, cols)) !== n) throw new SomeExisted();
    });
    return cols.ts.map((_, i) => i);
  } catch (err) {
    if (!(err instanceof SomeExisted)) throw err;
  }
  const r = await db.query<{ i: number }>(
    `with src as (
       select * from unnest($1::float8[], $2::text[], $3::text[], $4::float8[], $5::int[]) as u(t, d, m, v, i)
     ), ins as (
       insert into readings (ts, device_id, metric, value)
       select to_timestamp(t / 1000.0), d, m, v from src
       on conflict do nothing
       returning device_id, metric, ts
     )
     select src.i from ins join src on src.d = ins.device_id and src.m = ins.metric and to_timestamp(src.t / 1000.0) = ins.ts`,
    [cols.ts, cols.deviceIds, cols.metrics, cols.values, cols.ts.map((_, i) => i)],
  );
  return r.rows.map((row) => row.i);
}

/** The bare `unnest` insert with no bookkeeping: the benchmark's yardstick for what ingest adds on top. */
export async function insertReadingsRaw(q: Queryable, cols: ReadingColumns): Promise<number> {
  const r = await q.query(
    `insert into readings (ts, device_id, metric, value)
     select to_timestamp(t / 1000.0), d, m, v from unnest($1::float8[], $2::text[], $3::text[], $4::float8[]) as u(t, d, m, v)
     on conflict do nothing`,
    [cols.ts, cols.deviceIds, cols.metrics, cols.values],
  );
  return r.rowCount;
}

export interface LatestRow {
  device_id: string;
  metric: string;
  t: number;
  value: number;
}

/** The newest plausible reading per device and metric within `days`, for the devices of one compound (a stored 1e308 or NaN never becomes live state). */
export async function latestReadings(db: Queryable, compoundId: string, days = 2): Promise<LatestRow[]> {
  const r = await db.query<LatestRow>(
    `select distinct on (r.device_id, r.metric) r.device_id, r.metric, extract(epoch from r.ts) * 1000 as t, r.value
       from readings r join devices d on d.id = r.device_id
      where d.compound_id = $1 and r.ts > now() - make_interval(days => $2::int) and ${plausibleValue('r.value')}
      order by r.device_id, r.metric, r.ts desc`,
    [compoundId, days],
  );
  return r.rows.map((row) => ({ ...row, t: Number(row.t) }));
}

const RAW_BUCKETS: Record<string, string> = { '1m': '1 minute', '5m': '5 minutes', '15m': '15 minutes' };

/** One device's series: raw rows, raw rows bucketed, or the hourly / daily continuous aggregates; implausible rows left out like the aggregates do. */
export async function querySeries(
  db: Db,
  deviceId: string,
  metric: string,
  from: number,
  to: number,
  bucket: 'raw' | '1m' | '5m' | '15m' | '1h' | '1d',
  /** The compound's time zone: '1d' buckets start at its midnight. */
  zone: string = DAILY_AGGREGATE_ZONE,
): Promise<SeriesPoint[]> {
  const params: unknown[] = [deviceId, metric, from / 1000, to / 1000];
  let sql: string;
  if (bucket === 'raw') {
    sql = `select extract(epoch from ts) * 1000 as t, value as avg, value as min, value as max, value as sum, 1 as count
             from readings where device_id = $1 and metric = $2 and ts >= to_timestamp($3) and ts < to_timestamp($4) and ${plausibleValue()}
             order by ts limit 20000`;
  } else if (bucket === '1d' && zone !== DAILY_AGGREGATE_ZONE) {
    // the materialised days are Asia/Shanghai days: other zones sum the (zone-neutral) hourly buckets into their own days
    params.push(zone);
    sql = `select extract(epoch from date_trunc('day', bucket, $5::text)) * 1000 as t, sum(sum) / nullif(sum(cnt), 0) as avg,
                  min(min) as min, max(max) as max, sum(sum) as sum, sum(cnt)::int as count
             from readings_hourly where device_id = $1 and metric = $2 and bucket >= to_timestamp($3) and bucket < to_timestamp($4)
             group by 1 order by 1`;
  } else if (bucket === '1h' || bucket === '1d') {
    const view = bucket === '1h' ? 'readings_hourly' : 'readings_daily';
    sql = `select extract(epoch from bucket) * 1000 as t, avg, min, max, sum, cnt as count
             from ${view} where device_id = $1 and metric = $2 and bucket >= to_timestamp($3) and bucket < to_timestamp($4)
             order by bucket`;
  } else {
    sql = `select extract(epoch from date_bin(interval '${RAW_BUCKETS[bucket]}', ts, timestamptz '${UTC_ORIGIN}')) * 1000 as t,
                  avg(value) as avg, min(value) as min, max(value) as max, sum(value) as sum, count(*)::int as count
             from readings where device_id = $1 and metric = $2 and ts >= to_timestamp($3) and ts < to_timestamp($4) and ${plausibleValue()}
             group by 1 order by 1`;
  }
  const r = await db.query<SeriesPoint>(sql, params);
  return r.rows.map((p) => ({ t: Number(p.t), avg: Number(p.avg), min: Number(p.min), max: Number(p.max), sum: Number(p.sum), count: Number(p.count) }));
}

/**
 * Refreshes the continuous aggregates (embedded mode has no background workers): over the last `hoursBack` hours,
 * or, without it, wherever raw rows changed since the last pass. The latter is what maintenance runs: it only
 * recomputes invalidated ranges (a few ms when nothing changed), and history written before the first pass (the
 * simulator's backfill) or arriving days late would otherwise stay out of the aggregates for good.
 */
export async function refreshAggregates(db: Db, hoursBack?: number): Promise<void> {
  if (!db.timescaledb) return;
  const from = (extraHours: number) => (hoursBack === undefined ? 'NULL' : `now() - make_interval(hours => ${Math.floor(hoursBack) + extraHours})`);
  await db.query(`call refresh_continuous_aggregate('readings_hourly', ${from(0)}, date_trunc('hour', now()))`);
  await db.query(`call refresh_continuous_aggregate('readings_daily', ${from(48)}, date_trunc('day', now()))`);
  await db.query(`call refresh_continuous_aggregate('revenue_hourly', ${from(0)}, date_trunc('hour', now()))`);
}

/** Runs the compression and retention jobs by hand (embedded mode has no background workers). */
export async function runStorageJobs(db: Db): Promise<void> {
  if (!db.timescaledb) return;
  const jobs = await db.query<{ job_id: number }>(
    `select job_id from timescaledb_information.jobs where proc_name in ('policy_compression', 'policy_retention') and hypertable_name = 'readings'`,
  );
  for (const j of jobs.rows) await db.query(`call run_job(${Number(j.job_id)})`);
}
