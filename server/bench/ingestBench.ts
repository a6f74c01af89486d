import type { TestServer } from '../testing/startTestServer';
import { insertReadingsRaw } from '../db/readings.repo';
import { report } from './report';

const Y = 'yaguang-xincun';

/** Readings for meters of one compound at distinct timestamps starting at `t0`. */
function batchOf(ids: string[], t0: number, n: number, offset: number) {
  const out: { deviceId: string; metric: string; ts: number; value: number }[] = [];
  for (let i = 0; i < n; i++) {
    const k = offset + i;
    out.push({ deviceId: ids[k % ids.length], metric: 'power_kw', ts: t0 + Math.floor(k / ids.length) * 1000, value: (k % 97) / 10 });
  }
  return out;
}

/** HTTP ingest in batches of 1,000 beside a raw `unnest` insert into the same database. */
export async function ingestBench(srv: TestServer, total: number): Promise<void> {
  const ids = srv.app.twins.get(Y)!.entry.doc.devices.filter((d) => d.metrics.includes('power_kw')).map((d) => d.id);
  const BATCH = 1_000;
  const bodies: string[] = [];
  const t0 = Date.now() - 30 * 86_400_000;
  for (let off = 0; off < total; off += BATCH) bodies.push(JSON.stringify({ readings: batchOf(ids, t0, BATCH, off) }));

  // Two gateways posting concurrently, as a real site would.
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const res = await fetch(`${srv.url}/api/v1/ingest`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': srv.key(Y) }, body });
      const r = (await res.json()) as { accepted: number };
      if (res.status !== 200 || r.accepted !== BATCH) throw new Error(`ingest bench: batch not fully accepted: ${res.status} ${JSON.stringify(r).slice(0, 200)}`);
    }
  };
  await Promise.all([worker(), worker()]);
  const httpRate = total / ((performance.now() - started) / 1000);

  const t1 = Date.now() - 20 * 86_400_000;
  const started2 = performance.now();
  for (let off = 0; off < total; off += BATCH) {
    const b = batchOf(ids, t1, BATCH, off);
    await insertReadingsRaw(srv.db, { deviceIds: b.map((x) => x.deviceId), metrics: b.map((x) => x.metric), ts: b.map((x) => x.ts), values: b.map((x) => x.value) });
  }
  const rawRate = total / ((performance.now() - started2) / 1000);
  report('ingest_http_readings_per_s', httpRate, 'readings/s', { readings: total, batch: BATCH });
  report('db_raw_insert_readings_per_s', rawRate, 'readings/s', { readings: total, batch: BATCH });
  report('ingest_vs_raw_ratio', httpRate / rawRate, 'ratio');
}
