// The pg-driver figures (`BENCH_DATABASE_URL`): the embedded ingest, series and heatmap benches again with the server
// on a PostgreSQL/TimescaleDB server, in a fresh database created here and dropped at the end.
import { loadavg } from 'node:os';
import { freshDatabaseOn } from '../testing/freshDatabase';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { runStorageJobs, type ReadingColumns } from '../db/readings.repo';
import { cpuProbe } from './cpuProbe';
import { ingestBench } from './ingestBench';
import { seriesBench } from './queryBench';
import { heatmapBench } from './heatmapBench';
import { report } from './report';

export const PG_FIGURES = [
  'pg_ingest_http_readings_per_s',
  'pg_db_raw_insert_readings_per_s',
  'pg_ingest_vs_raw_ratio',
  'pg_series_query_30d_ms',
  'pg_heatmap_query_30d_ms',
];

/** The raw yardstick on pg: one statement a batch of column arrays, no `on conflict`, no transaction of ours. */
const RAW_METHOD =
  'unnest: insert into readings select * from unnest($1::timestamptz[], $2::text[], $3::text[], $4::float8[]), one statement a batch (no COPY: pg-copy-streams is not a dependency)';

function rawInsert(srv: TestServer) {
  return async (c: ReadingColumns) => {
    const r = await srv.db.query(
      `insert into readings (ts, device_id, metric, value) select * from unnest($1::timestamptz[], $2::text[], $3::text[], $4::float8[])`,
      [c.ts.map((t) => new Date(t).toISOString()), c.deviceIds, c.metrics, c.values],
    );
    return r.rowCount;
  };
}

/** Compresses what the compression policy would (chunks older than 7 days) before the queries are timed, and says so. */
async function compressBeforeTiming(srv: TestServer): Promise<Record<string, unknown>> {
  if (!srv.db.timescaledb)
    return {
      compression: 'none: TimescaleDB is not available on this server (plain tables; the aggregates are views over raw rows)',
    };
  const t = performance.now();
  await runStorageJobs(srv.db);
  const c = await srv.db.query<{ compressed: number; total: number }>(
    `select (count(*) filter (where is_compressed))::int as compressed, count(*)::int as total from timescaledb_information.chunks where hypertable_name = 'readings'`,
  );
  const { compressed, total } = c.rows[0];
  return {
    compression: `ran before timing (CALL run_job of the compression policy, chunks older than 7 days): ${compressed} of ${total} readings chunks compressed, ${((performance.now() - t) / 1000).toFixed(1)} s`,
    aggregates: 'refreshed before timing (CALL refresh_continuous_aggregate, last 31 days)',
  };
}

export interface PgBenchOptions {
  ingest: number;
  seriesRuns: number;
  heatmap: { runs: number; households: boolean; stepMs: number };
  step(s: string): void;
}

/** Runs the pg-driver figures on `baseUrl`'s server, or reports that they were skipped when it is unset. */
export async function pgBench(baseUrl: string | undefined, o: PgBenchOptions): Promise<void> {
  if (!baseUrl) {
    process.stderr.write('[bench] pg: SKIPPED: BENCH_DATABASE_URL is not set (a PostgreSQL/TimescaleDB server to create a throwaway database on)\n');
    report('pg_figures', 0, 'figures', {
      skipped: `BENCH_DATABASE_URL is not set: ${PG_FIGURES.join(', ')} were not measured`,
    });
    return;
  }
  const { name, url, drop } = await freshDatabaseOn(baseUrl, 'bench_');
  const load0 = loadavg()[0];
  let srv: TestServer | undefined;
  try {
    o.step(`pg: server on a fresh database ${name}`);
    srv = await startTestServer({
      staticDir: '/nonexistent',
      databaseUrl: url,
    });
    const s = srv;
    const probe = await cpuProbe(s.db);
    process.stderr.write(`[bench] pg: ${JSON.stringify(probe.server)}\n`);
    o.step('pg: ingest');
    await ingestBench(s, o.ingest, {
      prefix: 'pg_',
      probe,
      raw: { method: RAW_METHOD, concurrency: 2, insert: rawInsert(s) },
    });
    o.step('pg: series');
    await seriesBench(s, o.seriesRuns, {
      prefix: 'pg_',
      probe,
      beforeTiming: () => compressBeforeTiming(s),
    });
    o.step('pg: heatmap');
    await heatmapBench(s, {
      ...o.heatmap,
      prefix: 'pg_',
      probe,
      beforeTiming: () => compressBeforeTiming(s),
    });
    // what the server's own job scheduler did meanwhile (it shares the cores with the timings)
    const jobs = s.db.timescaledb
      ? (
          await s.db.query<{ proc: string; runs: number }>(
            `select j.proc_name as proc, coalesce(st.total_runs, 0)::int as runs from timescaledb_information.jobs j
               left join timescaledb_information.job_stats st using (job_id) where j.job_id >= 1000 order by j.job_id`,
          )
        ).rows.map((j) => `${j.proc}: ${j.runs}`)
      : [];
    report('pg_figures', PG_FIGURES.length + (o.heatmap.households ? 1 : 0), 'figures', {
      server: probe.server,
      database: `${name} (created for this run, dropped after it)`,
      job_runs_incl_ours: jobs,
      load1: {
        before: Math.round(load0 * 100) / 100,
        after: Math.round(loadavg()[0] * 100) / 100,
      },
    });
  } finally {
    await srv?.close();
    await drop();
  }
}
