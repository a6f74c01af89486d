import type { TestServer } from '../testing/startTestServer';
import { insertReadings, refreshAggregates } from '../db/readings.repo';
import type { CpuProbe, Span } from './cpuProbe';
import { percentile, report } from './report';

export interface QueryBenchOptions {
  /** Prefix of the metric name (`pg_` for the pg-driver run); none for the embedded figure. */
  prefix?: string;
  /** CPU figures and a `limit` note on the line. */
  probe?: CpuProbe;
  /** Runs after the history is loaded and the aggregates refreshed, before the timing (the pg run compresses there); its fields go on the line. */
  beforeTiming?: () => Promise<Record<string, unknown>>;
}

/** One device's 30 days read hourly through the series API (served from the continuous aggregate). */
export async function seriesBench(srv: TestServer, runs: number, opts: QueryBenchOptions = {}): Promise<void> {
  const id = 'yg-b7-em';
  const now = Date.now();
  const ts: number[] = [];
  for (let t = now - 30 * 86_400_000; t < now; t += 900_000) ts.push(t);
  await insertReadings(srv.db, { deviceIds: ts.map(() => id), metrics: ts.map(() => 'energy_kwh'), ts, values: ts.map((_, i) => 1 + (i % 4)) });
  await refreshAggregates(srv.db, 24 * 31);
  const before = opts.beforeTiming ? await opts.beforeTiming() : {};
  const url = `${srv.url}/api/v1/devices/${id}/series?metric=energy_kwh&bucket=1h&from=${now - 30 * 86_400_000}&to=${now}`;
  const times: number[] = [];
  let span: Span | undefined;
  for (let i = 0; i < runs + 2; i++) {
    if (i === 2) span = opts.probe?.begin(); // CPU figures over the timed requests only (the first signs in)
    const t = performance.now();
    const res = await fetch(url, { headers: (await srv.login('admin')).headers });
    const body = (await res.json()) as { points: unknown[] };
    if (res.status !== 200 || body.points.length < 700) throw new Error(`series bench: unexpected answer ${res.status}, ${body.points?.length} points`);
    if (i >= 2) times.push(performance.now() - t);
  }
  const usage = span?.end('one request at a time: the sign-in check, one select of 720 rows from readings_hourly, JSON', { n: runs, unit: 'request' });
  report(`${opts.prefix ?? ''}series_query_30d_ms`, percentile(times, 50), 'ms', { p95: percentile(times, 95), points: 720, ...before, ...usage });
}
