import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './db';
import { openDb } from './openDb';
import { insertReadings } from './readings.repo';
import { migrate } from './migrations';
import { expectTimescaleServer, freshPgDatabase, TEST_TIMESCALE_URL } from '../testing/databases';
import { startTestServer } from '../testing/startTestServer';

// On the TimescaleDB server the database's own background scheduler runs the continuous-aggregate refresh,
// compression and retention policies; the server must not run them a second time with its embedded-only timers.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const EMBEDDED_ONLY = ['aggregate refresh', 'compression/retention'];

interface Job {
  job_id: number;
  proc_name: string;
  target: string;
  scheduled: boolean;
}

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms = 30_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - t0 > ms) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.skipIf(!TEST_TIMESCALE_URL)('the TimescaleDB server runs the storage policies itself', () => {
  let db: Db;
  let drop: () => Promise<void>;
  let jobs: Job[];
  /** The materialization hypertable of a continuous aggregate: what a refresh writes (the view itself also reads raw rows). */
  const materialized: Record<string, string> = {};
  const job = (proc: string, target: string) => {
    const j = jobs.find((x) => x.proc_name === proc && x.target === target);
    if (!j) throw new Error(`no ${proc} job on ${target}: ${JSON.stringify(jobs)}`);
    return j;
  };
  const stats = async (id: number) =>
    (
      await db.query<{ total_runs: number; total_successes: number; last_run_status: string | null }>(
        `select total_runs::int, total_successes::int, last_run_status from timescaledb_information.job_stats where job_id = $1`,
        [id],
      )
    ).rows[0];
  const materializedRows = async (view: string, deviceId: string) =>
    (await db.query<{ n: number }>(`select count(*)::int as n from ${materialized[view]} where device_id = $1`, [deviceId])).rows[0].n;
  const insert = (deviceId: string, ts: number[]) =>
    insertReadings(db, { deviceIds: ts.map(() => deviceId), metrics: ts.map(() => 'energy_kwh'), ts, values: ts.map(() => 0.5) });

  beforeAll(async () => {
    const fresh = await freshPgDatabase(TEST_TIMESCALE_URL);
    db = await openDb({ databaseUrl: fresh.url, log: () => undefined });
    drop = async () => {
      await db.close();
      await fresh.drop();
    };
    await expectTimescaleServer(db);
    const caggs = await db.query<{ view_name: string; s: string; t: string }>(
      `select view_name, materialization_hypertable_schema as s, materialization_hypertable_name as t from timescaledb_information.continuous_aggregates`,
    );
    for (const c of caggs.rows) materialized[c.view_name] = `"${c.s}"."${c.t}"`;
    jobs = (
      await db.query<Job>(
        `select j.job_id, j.proc_name, coalesce(c.view_name, j.hypertable_name) as target, j.scheduled
         from timescaledb_information.jobs j
         left join timescaledb_information.continuous_aggregates c
           on c.materialization_hypertable_schema = j.hypertable_schema and c.materialization_hypertable_name = j.hypertable_name
        where j.hypertable_name is not null order by j.job_id`,
      )
    ).rows;
  });
  afterAll(async () => drop?.());

  it('when the schema is migrated, then the refresh, compression and retention policies are scheduled jobs of the server', () => {
    expect(jobs.map((j) => [j.proc_name, j.target, j.scheduled]).sort()).toEqual(
      [
        ['policy_compression', 'readings', true],
        ['policy_refresh_continuous_aggregate', 'readings_daily', true],
        ['policy_refresh_continuous_aggregate', 'readings_hourly', true],
        // operations (migration 14): income by hour
        ['policy_refresh_continuous_aggregate', 'revenue_hourly', true],
        ['policy_retention', 'readings', true],
      ].sort(),
    );
  });

  it('when the refresh job runs, then the hourly aggregate is materialised', async () => {
    // 10 min into an hour about 3 h ago: both readings fall in one hourly bucket whatever the clock says
    const now = Math.floor((Date.now() - 3 * HOUR) / HOUR) * HOUR + 10 * 60_000 + 3 * HOUR;
    await insert('dev-refresh', [now - 3 * HOUR, now - 3 * HOUR + 60_000]);
    expect(await materializedRows('readings_hourly', 'dev-refresh')).toBe(0);
    const refresh = job('policy_refresh_continuous_aggregate', 'readings_hourly');
    await db.query(`call run_job(${refresh.job_id})`);
    expect(await materializedRows('readings_hourly', 'dev-refresh')).toBe(1);
    const r = await db.query<{ sum: number; cnt: number }>(
      `select sum, cnt from readings_hourly where device_id = 'dev-refresh' and bucket = date_trunc('hour', to_timestamp($1 / 1000.0))`,
      [now - 3 * HOUR],
    );
    expect(r.rows).toEqual([{ sum: 1, cnt: 2 }]);
  });

  it('when the compression job runs, then the chunk older than the policy is compressed and the recent one is not', async () => {
    const now = Date.now();
    // 6 h into a UTC day ten days ago: the two old readings share one (day) chunk even when the test runs near midnight
    const old = Math.floor((now - 10 * DAY) / DAY) * DAY + 6 * HOUR;
    await insert('dev-old', [old, old + 60_000, now - 2 * HOUR]);
    const chunks = async () =>
      (
        await db.query<{ end: Date; is_compressed: boolean }>(
          `select range_end as end, is_compressed from timescaledb_information.chunks where hypertable_name = 'readings' order by range_start`,
        )
      ).rows;
    expect((await chunks()).some((c) => c.is_compressed)).toBe(false);
    await db.query(`call run_job(${job('policy_compression', 'readings').job_id})`);
    const after = await chunks();
    expect(after.filter((c) => c.end.getTime() <= now - 7 * DAY).map((c) => c.is_compressed)).toEqual([true]);
    expect(after.filter((c) => c.end.getTime() > now - DAY).every((c) => !c.is_compressed)).toBe(true);
    // compressed rows still read back, and a late reading into the compressed chunk is still stored once
    const n = await db.query<{ n: number }>(`select count(*)::int as n from readings where device_id = 'dev-old'`);
    expect(n.rows[0].n).toBe(3);
    expect(await insert('dev-old', [old, old + 120_000])).toEqual([1]);
  });

  it('when a job is due, then the background scheduler runs it by itself', async () => {
    const refresh = job('policy_refresh_continuous_aggregate', 'readings_hourly');
    const before = (await stats(refresh.job_id))?.total_runs ?? 0;
    const now = Date.now();
    await insert('dev-bg', [now - 4 * HOUR]);
    expect(await materializedRows('readings_hourly', 'dev-bg')).toBe(0);
    await db.query(`select alter_job($1, schedule_interval => interval '1 second', next_start => now())`, [refresh.job_id]);
    await until('the scheduler refreshes readings_hourly', async () => (await materializedRows('readings_hourly', 'dev-bg')) === 1);
    const s = await until('job stats', async () => {
      const x = await stats(refresh.job_id);
      return x && x.total_runs > before && x.last_run_status ? x : null;
    });
    expect(s.last_run_status).toBe('Success');
    await db.query(`select alter_job($1, schedule_interval => interval '15 minutes')`, [refresh.job_id]);
  });

  it('when retention is re-applied at start, then the scheduler drops the chunks past it by itself', async () => {
    await insert('dev-retention', [Date.now() - 40 * DAY]);
    const left = async () => (await db.query<{ n: number }>(`select count(*)::int as n from readings where device_id = 'dev-retention'`)).rows[0].n;
    expect(await left()).toBe(1);
    expect(await migrate(db, { retentionDays: 30 })).toEqual([]);
    await until('the retention job drops the 40-day-old chunk', async () => (await left()) === 0);
  });

  it('when the server runs on it, then it does not run the embedded maintenance timers; on the embedded database it does', async () => {
    const onServer = await startTestServer({ db });
    const embedded = await startTestServer();
    try {
      expect(onServer.app.timerNames()).toContain('status sweep');
      expect(onServer.app.timerNames().filter((n) => EMBEDDED_ONLY.includes(n))).toEqual([]);
      expect(embedded.app.timerNames().filter((n) => EMBEDDED_ONLY.includes(n))).toEqual(EMBEDDED_ONLY);
    } finally {
      await onServer.close();
      await embedded.close();
    }
  });
});
