import type { TestServer } from '../testing/startTestServer';
import { largestImport } from '../import/largestImport';
import { districtGeojson } from '../import/fixtures/district';
import { startHealthProbe } from '../import/healthProbe';
import { IMPORT_LIMITS } from '../../models';
import { percentile, report, sleep } from './report';

/**
 * The largest GeoJSON import the limits accept (200,000 ring positions, default device kit), stored
 * for real, while a separate process asks /api/health every 20 ms: the slowest answer is the figure
 * (target < 200 ms). Also the import's own time and the refusal time of a 100,000-vertex ring.
 */
export async function importBench(srv: TestServer, opts: { runs: number }): Promise<void> {
  const admin = await srv.login('admin');
  const post = (id: string, body: string) =>
    fetch(`${srv.url}/api/v1/admin/compounds/import?id=${id}&name=bench&replace=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...admin.headers },
      body,
    });

  const { text, vertices } = largestImport();
  const maxes: number[] = [];
  const took: number[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const probe = startHealthProbe(srv.url, 20);
    await sleep(300);
    const t0 = performance.now();
    const res = await post(`bench-largest-${i}`, text);
    took.push(performance.now() - t0);
    const { latencies, failed } = await probe.stop();
    if (res.status !== 201 || failed.length)
      throw new Error(`import bench: import answered ${res.status}, ${failed.length} health probes failed (${failed[0]})`);
    maxes.push(Math.max(...latencies));
  }

  const ring = Array.from({ length: 100_000 }, (_, k) => [1 + 0.01 * Math.cos((2 * Math.PI * k) / 100_000), 1 + 0.01 * Math.sin((2 * Math.PI * k) / 100_000)]);
  const huge = JSON.stringify({ type: 'Feature', properties: { building: 'yes' }, geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]]] } });
  const t1 = performance.now();
  const refused = await post('bench-huge', huge);
  const refusedMs = performance.now() - t1;
  if (refused.status !== 413) throw new Error(`import bench: a 100,000-vertex ring answered ${refused.status}`);

  report('import_health_max_ms', Math.max(...maxes), 'ms', {
    runs: opts.runs,
    p50_of_runs: percentile(maxes, 50),
    vertices,
    bytes: text.length,
    limits: IMPORT_LIMITS,
  });
  report('import_largest_s', percentile(took, 50) / 1000, 's', { vertices });
  report('import_refuse_100k_ms', refusedMs, 'ms');
}

/**
 * The scale of an import: a 5,000-building district (OpenStreetMap profile, a realistic mix of uses,
 * ~280 streets as context) posted (dryRun unless opts.store: the embedded database's own write is not the import's); `import_5000_s` is the request's time (target
 * < 10 s), `import_buildings_per_s` the rate. /api/health is probed throughout (the worker thread).
 */
export async function districtImportBench(srv: TestServer, opts: { runs: number; store?: boolean }): Promise<void> {
  const admin = await srv.login('admin');
  const text = JSON.stringify(districtGeojson(5_000));
  const took: number[] = [];
  const healthMax: number[] = [];
  let devices = 0;
  for (let i = 0; i < opts.runs; i++) {
    const probe = startHealthProbe(srv.url, 50);
    const t0 = performance.now();
    const res = await fetch(`${srv.url}/api/v1/admin/compounds/import?id=bench-district&name=bench&replace=true${opts.store ? '' : '&dryRun=true'}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...admin.headers },
      body: text,
    });
    took.push(performance.now() - t0);
    const body = (await res.json()) as { report?: { buildings: number; devices: number }; error?: string };
    const { latencies, failed } = await probe.stop();
    if (res.status >= 300 || body.report?.buildings !== 5_000 || failed.length)
      throw new Error(`district import bench: ${res.status} ${body.error ?? ''}, ${body.report?.buildings} buildings, ${failed.length} health probes failed`);
    devices = body.report.devices;
    healthMax.push(Math.max(...latencies));
  }
  const s = percentile(took, 50) / 1000;
  report('import_5000_s', s, 's', { buildings: 5_000, devices, bytes: text.length, runs: opts.runs, health_max_ms: Math.max(...healthMax) });
  report('import_buildings_per_s', 5_000 / s, 'buildings/s', { devices });
}
