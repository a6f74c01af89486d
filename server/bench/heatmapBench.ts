import type { TestServer } from '../testing/startTestServer';
import { insertReadingsRaw, refreshAggregates, type ReadingColumns } from '../db/readings.repo';
import { isAggregateMeter } from '../kpi/kpi.service';
import { isHouseholdMeter } from '../energy/energyItems';
import type { QueryBenchOptions } from './queryBench';
import type { Span } from './cpuProbe';
import { percentile, report } from './report';

const Y = 'yaguang-xincun';
const DAY = 86_400_000;
const BATCH = 20_000;

/** Writes `days` of readings every `stepMs` for the given meters straight through the storage layer (fast). */
async function loadHistory(srv: TestServer, meters: { id: string; metric: string }[], days: number, stepMs: number, now: number): Promise<number> {
  let cols: ReadingColumns = { ts: [], deviceIds: [], metrics: [], values: [] };
  let n = 0;
  const flush = async () => {
    if (cols.ts.length) n += await insertReadingsRaw(srv.db, cols);
    cols = { ts: [], deviceIds: [], metrics: [], values: [] };
  };
  for (let t = now - days * DAY - (now % stepMs); t < now; t += stepMs) {
    for (const m of meters) {
      (cols.ts.push(t), cols.deviceIds.push(m.id), cols.metrics.push(m.metric));
      cols.values.push(m.metric === 'water_m3' ? 0.01 + Math.random() * 0.05 : 0.2 + Math.random() * 2);
    }
    if (cols.ts.length >= BATCH) await flush();
  }
  await flush();
  return n;
}

async function timeQuery(
  srv: TestServer,
  query: string,
  runs: number,
  check: (body: { items: unknown[] }) => boolean,
  warmedUp?: () => void,
): Promise<number[]> {
  const { headers } = await srv.login('admin');
  const times: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    if (i === 2) warmedUp?.();
    const t = performance.now();
    // A keep-alive socket left idle during loading may be closed under the first request: retry the warm-ups once.
    const url = `${srv.url}/api/v1/compounds/${Y}/energy?${query}`;
    const res = await fetch(url, { headers }).catch((err: Error) => (i < 2 ? fetch(url, { headers }) : Promise.reject(err)));
    const body = (await res.json()) as { items: unknown[] };
    if (res.status !== 200 || !check(body)) throw new Error(`heatmap bench: unexpected answer ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    if (i >= 2) times.push(performance.now() - t);
  }
  return times;
}

/**
 * The energy heatmap of every building of the demo compound over 30 days (with baselines over the 4 previous
 * 30-day windows), through the HTTP API, with 30 days of building-meter history every `stepMs` (the meters report
 * every 15 minutes; the query reads the aggregates, so a coarser quick load times the same query).
 * Full mode also loads the household sub-meters (hourly) and times a drill-down into one building's floor cells.
 */
export async function heatmapBench(srv: TestServer, opts: { runs: number; households: boolean; stepMs: number } & QueryBenchOptions): Promise<void> {
  const devices = srv.app.twins.get(Y)!.entry.doc.devices;
  const now = Date.now();
  const building = devices.flatMap((d) => (['energy_kwh', 'water_m3'] as const).filter((m) => isAggregateMeter(d, m)).map((metric) => ({ id: d.id, metric })));
  const t0 = performance.now();
  let rows = await loadHistory(srv, building, 30, opts.stepMs, now);
  if (opts.households) {
    const households = devices.flatMap((d) =>
      (['energy_kwh', 'water_m3'] as const).filter((m) => isHouseholdMeter(d, m)).map((metric) => ({ id: d.id, metric })),
    );
    rows += await loadHistory(srv, households, 30, 3_600_000, now);
  }
  await refreshAggregates(srv.db, 24 * 31);
  process.stderr.write(`[bench] heatmap: ${rows} readings loaded and aggregated in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  const before = opts.beforeTiming ? await opts.beforeTiming() : {};
  const p = opts.prefix ?? '';
  const hint = 'one request at a time: the sign-in check, the 30-day sums and 4 baseline windows from the aggregates, JSON';

  const buildings = new Set(building.map((m) => devices.find((d) => d.id === m.id)!.placement).map((p) => (p.kind === 'building' ? p.buildingId : '')));
  let span: Span | undefined;
  const times = await timeQuery(
    srv,
    'metric=energy_kwh&window=30d&per=household',
    opts.runs,
    (b) => b.items.length === buildings.size,
    () => (span = opts.probe?.begin()),
  );
  report(`${p}heatmap_query_30d_ms`, percentile(times, 50), 'ms', {
    p95: percentile(times, 95),
    buildings: buildings.size,
    meters: building.length,
    runs: times.length,
    ...before,
    ...span?.end(hint, { n: opts.runs, unit: 'request' }),
  });
  if (opts.households) {
    const cells = await timeQuery(
      srv,
      'metric=energy_kwh&window=30d&level=floor&buildingId=b1',
      opts.runs,
      (b) => b.items.length > 10,
      () => (span = opts.probe?.begin()),
    );
    report(`${p}heatmap_floors_30d_ms`, percentile(cells, 50), 'ms', {
      p95: percentile(cells, 95),
      building: 'b1',
      ...span?.end("one request at a time: one building's floor cells over 30 days from the aggregates, JSON", { n: opts.runs, unit: 'request' }),
    });
  }
}
