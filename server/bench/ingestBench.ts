import type { TestServer } from '../testing/startTestServer';
import { insertReadingsRaw, type ReadingColumns } from '../db/readings.repo';
import { processSpan, type CpuProbe } from './cpuProbe';
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

export interface IngestBenchOptions {
  /** Prefix of the metric names (`pg_` for the pg-driver run); none for the embedded figures. */
  prefix?: string;
  /** CPU figures and a `limit` note on each line. */
  probe?: CpuProbe;
  /** The raw yardstick: how one batch is written and how many batches are in flight (default: insertReadingsRaw, one at a time). */
  raw?: { method: string; concurrency: number; insert(cols: ReadingColumns): Promise<number> };
}

/** HTTP ingest in batches of 1,000 beside a raw `unnest` insert into the same database. */
export async function ingestBench(srv: TestServer, total: number, opts: IngestBenchOptions = {}): Promise<void> {
  const ids = srv.app.twins
    .get(Y)!
    .entry.doc.devices.filter((d) => d.metrics.includes('power_kw'))
    .map((d) => d.id);
  const BATCH = 1_000;
  const bodies: string[] = [];
  const t0 = Date.now() - 30 * 86_400_000;
  for (let off = 0; off < total; off += BATCH) bodies.push(JSON.stringify({ readings: batchOf(ids, t0, BATCH, off) }));

  // Two gateways posting concurrently, as a real site would.
  let next = 0;
  let span = opts.probe?.begin();
  // Without a probe (the embedded database): this process's CPU over each half (HTTP and database share it).
  const self = 'node (the bench posting, the server and the embedded database, one process)';
  let own = opts.probe ? null : processSpan([], { self, children: '' });
  const started = performance.now();
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const res = await fetch(`${srv.url}/api/v1/ingest`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': srv.key(Y) }, body });
      const r = (await res.json()) as { accepted: number };
      if (res.status !== 200 || r.accepted !== BATCH)
        throw new Error(`ingest bench: batch not fully accepted: ${res.status} ${JSON.stringify(r).slice(0, 200)}`);
    }
  };
  await Promise.all([worker(), worker()]);
  const httpRate = total / ((performance.now() - started) / 1000);
  const httpOwn = own?.end();
  const httpUsage = span?.end(`batch ${BATCH}, 2 gateways in flight; each batch is validated, parsed and checked in node and written in one transaction`, {
    n: bodies.length,
    unit: `batch of ${BATCH}`,
  });

  const t1 = Date.now() - 20 * 86_400_000;
  const raw = opts.raw ?? { method: '', concurrency: 1, insert: (cols: ReadingColumns) => insertReadingsRaw(srv.db, cols) };
  let nextOff = 0;
  span = opts.probe?.begin();
  own = opts.probe ? null : processSpan([], { self, children: '' });
  const started2 = performance.now();
  const rawWorker = async () => {
    while (nextOff < total) {
      const b = batchOf(ids, t1, BATCH, nextOff);
      nextOff += BATCH;
      await raw.insert({ deviceIds: b.map((x) => x.deviceId), metrics: b.map((x) => x.metric), ts: b.map((x) => x.ts), values: b.map((x) => x.value) });
    }
  };
  await Promise.all(Array.from({ length: raw.concurrency }, rawWorker));
  const rawRate = total / ((performance.now() - started2) / 1000);
  const rawOwn = own?.end();
  const rawUsage = span?.end(`batch ${BATCH}, ${raw.concurrency} in flight, autocommit: the bare insert of the same rows, no HTTP, JSON or validation`, {
    n: Math.ceil(total / BATCH),
    unit: `batch of ${BATCH}`,
  });
  const p = opts.prefix ?? '';
  report(`${p}ingest_http_readings_per_s`, httpRate, 'readings/s', { readings: total, batch: BATCH, ...httpUsage, ...httpOwn });
  report(`${p}db_raw_insert_readings_per_s`, rawRate, 'readings/s', {
    readings: total,
    batch: BATCH,
    ...(raw.method ? { method: raw.method, in_flight: raw.concurrency } : {}),
    ...rawUsage,
    ...rawOwn,
  });
  report(
    `${p}ingest_vs_raw_ratio`,
    httpRate / rawRate,
    'ratio',
    opts.probe
      ? { limit: `the HTTP path's extra work per reading (JSON parse, validation, alarm rules, the transaction) over the raw insert; see the two lines above` }
      : {
          limit:
            `the HTTP path's extra work per reading (JSON parse, validation, alarm rules, the transaction) over the raw insert, measured in the same run; ` +
            `node CPU per 1,000 readings: HTTP ${perK(httpOwn!, total)} ms, raw ${perK(rawOwn!, total)} ms; HTTP: ${httpOwn!.limit}; raw: ${rawOwn!.limit}`,
        },
  );
}

/** CPU ms of this process per 1,000 readings over a span. */
const perK = (u: { cpu: { self_cpu_s: number } }, readings: number) => Math.round(((u.cpu.self_cpu_s * 1e6) / readings) * 100) / 100;
