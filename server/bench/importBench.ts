import type { TestServer } from '../testing/startTestServer';
import { largestImport } from '../import/largestImport';
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
