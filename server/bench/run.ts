// `npm run bench [-- --quick]`: JSON lines {"metric","value","unit"} on stdout; progress on stderr.
// With BENCH_DATABASE_URL (a PostgreSQL/TimescaleDB server) the pg_* figures follow, each with the `limit` that bounds it.
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { ingestBench } from './ingestBench';
import { realtimeBench } from './realtimeBench';
import { seriesBench } from './queryBench';
import { heatmapBench } from './heatmapBench';
import { operationsBench } from './operationsBench';
import { replayBench } from './replayBench';
import { socketLoadBench, sustainedIngestBench } from './loadBench';
import { wallSoakBench } from './wallSoakBench';
import { renderBench } from './renderBench';
import { districtBench, importedDistrictRenderBench } from './districtBench';
import { districtImportBench, importBench } from './importBench';
import { pgBench } from './pgBench';
import { clusterBench } from './clusterBench';

const quick = process.argv.includes('--quick');
/** `--scale`: only the realtime, ingest and cluster figures (README "Scale"): well within 60 s with --quick. */
const scaleOnly = process.argv.includes('--scale');
let last = Date.now();
const step = (s: string) => {
  const now = Date.now();
  process.stderr.write(`[bench] (+${((now - last) / 1000).toFixed(1)} s) ${s}\n`);
  last = now;
};

async function main(): Promise<void> {
  const started = Date.now();
  const srv = await startTestServer({ staticDir: '/nonexistent' });
  try {
    step('ingest');
    await ingestBench(srv, quick ? 30_000 : 200_000);
    step('realtime');
    await realtimeBench(srv, { clients: 20, rate: 2_000, seconds: quick ? 5 : 30, alarms: quick ? 20 : 100 });
    step('load');
    // One server process holding 2,000 sockets (quick, 3 s) or 5,000 (full, 30 s) under 2,000 readings/s, the clients in
    // two child processes; full: then 60 s of sustained ingest (stamped per meter in the past, a refused batch fails it).
    await socketLoadBench(srv, { clients: quick ? 2_000 : 5_000, rate: 2_000, seconds: quick ? 3 : 30, alarms: quick ? 6 : 30, processes: 2 });
    if (!quick) await sustainedIngestBench(srv, { seconds: 60, gateways: 4, batch: 1_000 });
    if (!scaleOnly) await serverBenches(srv);
  } finally {
    await srv.close();
  }
  if (!scaleOnly) await browserBenches();
  // The same ingest, series and heatmap benches with the server on a PostgreSQL/TimescaleDB server (pg_* figures),
  // in a database created on BENCH_DATABASE_URL's server and dropped after; reported as skipped when it is unset.
  await pgBench(process.env.BENCH_DATABASE_URL || undefined, {
    ingest: quick ? 30_000 : 200_000,
    seriesRuns: quick ? 20 : 100,
    heatmap: { runs: quick ? 20 : 100, households: !quick, stepMs: quick ? 3_600_000 : 900_000 },
    step,
  });
  // Two server processes on Redis and that server: cluster_alarm_latency_p99_ms and failover_s (skipped without it or redis-server).
  step('cluster');
  await clusterBench(process.env.BENCH_DATABASE_URL || undefined, { alarms: quick ? 30 : 200, step });
  step(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Queries, replay and import on the bench's own server. */
async function serverBenches(srv: TestServer): Promise<void> {
  step('series');
  await seriesBench(srv, quick ? 20 : 100);
  step('heatmap');
  await heatmapBench(srv, { runs: quick ? 20 : 100, households: !quick, stepMs: quick ? 3_600_000 : 900_000 });
  step('operations');
  await operationsBench(srv, quick ? 20 : 100);
  step('replay');
  await replayBench(srv, { runs: quick ? 20 : 100, stepMs: quick ? 3 * 3_600_000 : 3_600_000, alarms: quick ? 200 : 1_000, workOrders: quick ? 20 : 100 });
  step('import');
  // the largest accepted GeoJSON import while /api/health is probed from another process; quick: once
  await importBench(srv, { runs: quick ? 1 : 3 });
  // a 5,000-building district with its streets, stored for real: import_5000_s and import_buildings_per_s
  await districtImportBench(srv, { runs: quick ? 1 : 3 });
}

/** The benches that drive headless Chromium, each on a server of its own. */
async function browserBenches(): Promise<void> {
  step('wall soak');
  // its own server (simulator at 100×) and headless Chromium; quick: 2 s warm-up, 4 s run; full: 1 min, 10 min
  await wallSoakBench(quick ? { warmupS: 2, runS: 4, simRate: 100 } : { warmupS: 60, runS: 600, simRate: 100 });
  step('render');
  // its own server (both demos and a 200-building / 20,000-device compound) and headless Chromium; reuses a fresh client build
  await renderBench({ quick });
  step('district');
  // its own server (20 compounds / 100,000 devices at real coordinates) and headless Chromium: /district's draw calls
  await districtBench();
  // the 5,000-building district import opened in the console: render_draw_calls_import5000
  await importedDistrictRenderBench();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
