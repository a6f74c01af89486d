import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import type { TestAuth } from '../testing/testAuth';
import { largestImport } from './largestImport';
import { startHealthProbe } from './healthProbe';

let srv: TestServer;
let admin: TestAuth;

beforeAll(async () => {
  srv = await startTestServer();
  admin = await srv.login('admin');
});
afterAll(async () => srv?.close());

// 5 decimals (~1 m), so that even 1,000,000 positions fit the 32 MB body.
const r5 = (v: number) => Math.round(v * 1e5) / 1e5;
function ring(n: number, lon = 114.4, lat = 30.5, radius = 0.001): number[][] {
  const pts = Array.from({ length: n - 1 }, (_, k) => [
    r5(lon + radius * Math.cos((2 * Math.PI * k) / (n - 1))),
    r5(lat + radius * Math.sin((2 * Math.PI * k) / (n - 1))),
  ]);
  return [...pts, pts[0]];
}
const building = (rings: number[][][]) => ({ type: 'Feature', properties: { building: 'yes' }, geometry: { type: 'Polygon', coordinates: rings } });

async function importBody(id: string, body: string, query = '') {
  const res = await fetch(`${srv.url}/api/v1/admin/compounds/import?id=${id}&name=x${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...admin.headers },
    body,
  });
  return { status: res.status, body: (await res.json()) as { error?: string; status?: string; report?: { buildings: number; holes: number } } };
}

const exists = async (id: string) => (await fetch(`${srv.url}/api/v1/compounds/${id}`, { headers: admin.headers })).status !== 404;

describe('import size limits', () => {
  it('when one ring has 100,000 vertices, then it is refused at once with the feature and the limit, and nothing is stored', async () => {
    const body = JSON.stringify({ type: 'FeatureCollection', features: [building([ring(5)]), building([ring(100_001, 114.41)])] });
    const r = await importBody('huge-ring', body);
    expect(r.status).toBe(413);
    expect(r.body.error).toBe('feature 1: outer ring has 100001 positions; at most 5000 per ring');
    expect(await exists('huge-ring')).toBe(false);
  });

  it('when features, holes or the total are over their limits, then each reason names where and the limit', async () => {
    const many = await importBody(
      'many',
      JSON.stringify({ type: 'FeatureCollection', features: Array.from({ length: 50_001 }, () => ({ type: 'Feature', properties: {}, geometry: null })) }),
    );
    expect(many.status).toBe(413);
    expect(many.body.error).toMatch(/50001 features; at most 50000/);
    const holes = await importBody('holes', JSON.stringify(building([ring(5), ...Array.from({ length: 101 }, () => ring(4))])));
    expect(holes.body.error).toBe('feature 0: polygon of 102 rings; at most 101 (an outline and 100 holes)');
    const hole = await importBody('hole', JSON.stringify(building([ring(5), ring(5_001)])));
    expect(hole.body.error).toBe('feature 0: hole 1 has 5001 positions; at most 5000 per ring');
    const total = await importBody(
      'total',
      JSON.stringify({
        type: 'FeatureCollection',
        features: Array.from({ length: 201 }, (_, i) => building([ring(5_000, 1 + (i % 20) * 0.1, 1 + Math.floor(i / 20) * 0.1, 0.02)])),
      }),
    );
    expect(total.status).toBe(413);
    expect(total.body.error).toMatch(/^feature 200: the input passes 1000000 positions/);
    for (const id of ['many', 'holes', 'hole', 'total']) expect(await exists(id)).toBe(false);
  });

  it('when a footprint crosses itself, then it is still skipped with the reason', async () => {
    const bow = [
      [114.4, 30.5],
      [114.401, 30.501],
      [114.401, 30.5],
      [114.4, 30.501],
      [114.4, 30.5],
    ];
    const r = await importBody('bow', JSON.stringify({ type: 'FeatureCollection', features: [building([bow]), building([ring(5)])] }));
    expect(r.status).toBe(201);
    expect(JSON.stringify(r.body.report)).toMatch(/ring intersects itself: edges \d and \d cross/);
  });

  it('when the largest accepted import is checked, then /api/health answers throughout', async () => {
    const { text, vertices } = largestImport();
    expect(vertices).toBe(1_000_000);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const probe = startHealthProbe(srv.url, 20);
    await new Promise((r) => setTimeout(r, 300));
    // dryRun: all of the import's own work (sizes, geometry, ~100,000 devices, schema, the result back)
    // without the store. Writing a compound this big to the embedded database (in-process WASM) holds
    // the loop for seconds by itself; the benchmark's import_health_max_ms measures the whole import.
    const t0 = performance.now();
    const r = await importBody('largest', text, '&dryRun=true');
    const took = performance.now() - t0;
    const { latencies, failed } = await probe.stop();
    loop.disable();
    expect(failed).toEqual([]);
    expect(r.status, r.body.error).toBe(200);
    expect(r.body.report).toMatchObject({ buildings: 100, holes: 100 });
    const max = Math.max(...latencies);
    console.log(
      `[importBounds] import ${took.toFixed(0)} ms; ${latencies.length} health probes, max ${max.toFixed(0)} ms; event-loop delay max ${(loop.max / 1e6).toFixed(0)} ms`,
    );
    // Relative, so it holds on two busy shared cores (where every figure stretches alike): with the
    // geometry on the loop, health waited for the whole import. The strict 200 ms is the benchmark's.
    expect(max).toBeLessThan(Math.max(2_000, took / 3));
  }, 180_000);
});
