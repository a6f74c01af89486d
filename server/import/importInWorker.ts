// Runs GeoJSON imports in a worker thread so that the geometry, the device layout and the schema
// check of the largest accepted import never hold the event loop (/api/health, sockets, ingest).
// One long-lived worker, started on first use (starting one costs ~1 s of loading) and unref'd so
// it never keeps the process alive; a crashed worker is replaced on the next import.
import { Worker } from 'node:worker_threads';
import { ImportError, ImportTooLarge } from './importErrors';
import type { Compound, ImportReport } from '../../models';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { CompoundPieces, ImportAnswer, ImportJob } from './importWorker';

const BOOT = new URL('./importWorker.boot.mjs', import.meta.url);

/** importGeojson's result, plus the hash of the compound's JSON (what the compounds table keeps). */
export interface WorkerImportResult {
  compound: Compound;
  report: ImportReport;
  hash: string;
}

/** Parses the pieces, letting other callbacks run every ~10 ms so that no request waits on a big compound. */
async function assemble(pieces: CompoundPieces): Promise<Compound> {
  let since = performance.now();
  const parse = async <T>(text: string): Promise<T> => {
    if (performance.now() - since > 10) {
      await nextTurn();
      since = performance.now();
    }
    return JSON.parse(text) as T;
  };
  const head = await parse<Omit<Compound, 'buildings' | 'devices'>>(pieces.head);
  const buildings: Compound['buildings'] = [];
  for (const b of pieces.buildings) buildings.push(await parse<Compound['buildings'][number]>(b));
  const devices: Compound['devices'] = [];
  for (const d of pieces.devices) devices.push(...(await parse<Compound['devices']>(d)));
  return { ...head, buildings, devices };
}

export class ImportWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: WorkerImportResult) => void; reject: (e: Error) => void }>();

  /** importGeojson(input, options), in the worker; rejects with ImportError / ImportTooLarge as it would throw. */
  async run(input: unknown, options: unknown): Promise<WorkerImportResult> {
    const w = this.worker ?? this.start();
    const id = this.nextId++;
    const answer = new Promise<WorkerImportResult>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    // Sent feature by feature, yielding every ~10 ms: one postMessage of a 4 MB document clones it in
    // one go (~100–250 ms of the loop); the worker puts the features back in order.
    const doc = input as { type?: unknown; features?: unknown } | null;
    if (doc && typeof doc === 'object' && doc.type === 'FeatureCollection' && Array.isArray(doc.features)) {
      const { features, ...head } = doc;
      let since = performance.now();
      for (const feature of features as unknown[]) {
        if (performance.now() - since > 10) {
          await nextTurn();
          since = performance.now();
        }
        w.postMessage({ id, feature } satisfies ImportJob);
      }
      w.postMessage({ id, input: head, options, features: true } satisfies ImportJob);
    } else w.postMessage({ id, input, options } satisfies ImportJob);
    return answer;
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  private start(): Worker {
    // A ceiling on the heap: an input that slips past the size limits fails alone, not the server.
    const w = new Worker(BOOT, { resourceLimits: { maxOldGenerationSizeMb: 1024 } });
    w.unref();
    w.on('message', (a: ImportAnswer) => {
      const p = this.pending.get(a.id);
      if (!p) return;
      this.pending.delete(a.id);
      if (a.ok) assemble(a.compound).then((compound) => p.resolve({ compound, report: a.report, hash: a.hash }), p.reject);
      else p.reject(!a.error.import ? new Error(a.error.message) : a.error.name === 'ImportTooLarge' ? new ImportTooLarge(a.error.message) : new ImportError(a.error.message));
    });
    const fail = (err: Error) => {
      if (this.worker === w) this.worker = null;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`import worker stopped (exit code ${code})`)));
    this.worker = w;
    return w;
  }
}
