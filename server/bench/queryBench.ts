import type { TestServer } from '../testing/startTestServer';
import { insertReadings, refreshAggregates } from '../db/readings.repo';
import { percentile, report } from './report';

/** One device's 30 days read hourly through the series API (served from the continuous aggregate). */
export async function seriesBench(srv: TestServer, runs: number): Promise<void> {
  const id = 'yg-b7-em';
  const now = Date.now();
  const ts: number[] = [];
  for (let t = now - 30 * 86_400_000; t < now; t += 900_000) ts.push(t);
  await insertReadings(srv.db, { deviceIds: ts.map(() => id), metrics: ts.map(() => 'energy_kwh'), ts, values: ts.map((_, i) => 1 + (i % 4)) });
  await refreshAggregates(srv.db, 24 * 31);
  const url = `${srv.url}/api/v1/devices/${id}/series?metric=energy_kwh&bucket=1h&from=${now - 30 * 86_400_000}&to=${now}`;
  const times: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const t = performance.now();
    const res = await fetch(url, { headers: (await srv.login('admin')).headers });
    const body = (await res.json()) as { points: unknown[] };
    if (res.status !== 200 || body.points.length < 700) throw new Error(`series bench: unexpected answer ${res.status}, ${body.points?.length} points`);
    if (i >= 2) times.push(performance.now() - t);
  }
  report('series_query_30d_ms', percentile(times, 50), 'ms', { p95: percentile(times, 95), points: 720 });
}
