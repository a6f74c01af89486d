import type { TestServer } from '../testing/startTestServer';
import { insertReadingsRaw, type ReadingColumns } from '../db/readings.repo';
import { clearAlarm, insertAlarm } from '../db/alarms.repo';
import { percentile, report } from './report';

const Y = 'yaguang-xincun';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BATCH = 20_000;

/**
 * Seeks the replay to random moments of the last 7 days (GET /compounds/:id/state-at) with 7 days of history:
 * every device of the demo compound reporting every `stepMs` (the per-device probe, not the row count, is what a
 * seek pays for), alarms raised and cleared across the week, and work orders worked through step by step.
 */
export async function replayBench(srv: TestServer, opts: { runs: number; stepMs: number; alarms: number; workOrders: number }): Promise<void> {
  const entry = srv.app.twins.get(Y)!.entry;
  const now = Date.now();
  const t0 = performance.now();
  let cols: ReadingColumns = { ts: [], deviceIds: [], metrics: [], values: [] };
  let rows = 0;
  for (let t = now - 7 * DAY; t < now; t += opts.stepMs) {
    for (const d of entry.doc.devices) {
      for (const m of d.metrics) (cols.ts.push(t + ((d.intervalS * 7) % 600_000)), cols.deviceIds.push(d.id), cols.metrics.push(m), cols.values.push(1));
    }
    if (cols.ts.length >= BATCH) {
      rows += await insertReadingsRaw(srv.db, cols);
      cols = { ts: [], deviceIds: [], metrics: [], values: [] };
    }
  }
  if (cols.ts.length) rows += await insertReadingsRaw(srv.db, cols);

  // Alarms over the week: each raised, and most cleared an hour or two later.
  const devs = entry.doc.devices;
  for (let i = 0; i < opts.alarms; i++) {
    const d = devs[(i * 97) % devs.length];
    const at = now - 7 * DAY + ((i + 0.5) / opts.alarms) * 7 * DAY;
    const a = await insertAlarm(srv.db, {
      compoundId: Y,
      deviceId: d.id,
      deviceType: d.type,
      buildingId: d.placement.kind === 'building' ? d.placement.buildingId : null,
      ruleId: `bench.${i}`,
      severity: 'minor',
      message: { zh: '基准测试', en: 'bench' },
      value: null,
      at,
    });
    if (i % 10 !== 0) await clearAlarm(srv.db, a.id, 'bench', 'ok', at + HOUR + (i % 3) * HOUR);
  }
  for (let i = 0; i < opts.workOrders; i++) {
    const at = now - 7 * DAY + ((i + 0.5) / opts.workOrders) * 7 * DAY;
    const w = await srv.app.workOrders.create({ compoundId: Y, title: `基准工单 ${i}`, category: 'repair', description: '', assignee: 'bench' }, 'bench', at);
    await srv.app.workOrders.update(w.id, { status: 'in_progress' }, 'bench', at + HOUR);
    if (i % 4 !== 0) await srv.app.workOrders.update(w.id, { status: 'resolved', comment: 'done' }, 'bench', at + 3 * HOUR);
  }
  process.stderr.write(
    `[bench] replay: ${rows} readings, ${opts.alarms} alarms, ${opts.workOrders} work orders in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );

  const { headers } = await srv.login('admin');
  const times: number[] = [];
  const server: number[] = [];
  for (let i = 0; i < opts.runs + 2; i++) {
    const t = now - Math.floor(Math.random() * (7 * DAY - HOUR));
    const s = performance.now();
    // A keep-alive socket left idle during loading may be closed under the first request: retry the warm-ups once.
    const url = `${srv.url}/api/v1/compounds/${Y}/state-at?t=${t}`;
    const res = await fetch(url, { headers }).catch((err: Error) => (i < 2 ? fetch(url, { headers }) : Promise.reject(err)));
    const body = (await res.json()) as { devices: unknown[]; tookMs: number };
    if (res.status !== 200 || body.devices.length !== devs.length)
      throw new Error(`replay bench: unexpected answer ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    if (i >= 2) (times.push(performance.now() - s), server.push(body.tookMs));
  }
  report('replay_seek_ms', percentile(times, 50), 'ms', {
    p95: percentile(times, 95),
    serverP50: percentile(server, 50),
    devices: devs.length,
    readings: rows,
    runs: times.length,
  });
}
