// Runs GeoJSON imports in a worker thread so that the geometry, the device layout and the schema
// check of the largest accepted import never hold the event loop (/api/health, sockets, ingest).
// One long-lived worker, started on first use (starting one costs ~1 s of loading) and unref'd so
// it never keeps the process alive; a crashed worker is replaced on the next import.
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ImportBadInput, ImportError, ImportTooLarge } from './importErrors';
import type { Compound, ImportReport } from '../../models';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { CompoundPieces, ImportAnswer, ImportJob } from './importWorker';

// Compiled (dist/server/main.js beside dist/server/importWorker.js): the worker's own bundle, plain Node.
// From the sources (tsx, vitest): a boot file that registers tsx in the worker first.
const COMPILED = new URL('./importWorker.js', import.meta.url);
const BOOT = existsSync(fileURLToPath(COMPILED)) ? COMPILED : new URL('./importWorker.boot.mjs', import.meta.url);

/** importGeojson's result, plus the hash of the compound's JSON (what the compounds table keeps). */
export interface WorkerImportResult {
  compound: Compound;
  report: ImportReport;
  hash: string;
  /** The compound's JSON as the worker wrote it (compoundPieces.jsonTexts gives the whole text). */
  pieces: CompoundPieces;
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

/** The worker's error as the class the import would have thrown (classes do not cross threads). */
function asError(e: { name: string; message: string; import: boolean }): Error {
  if (!e.import) return new Error(e.message);
  if (e.name === 'ImportTooLarge') return new ImportTooLarge(e.message);
  if (e.name === 'ImportBadInput') return new ImportBadInput(e.message);
  return new ImportError(e.message);
}

export class ImportWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: WorkerImportResult) => void; reject: (e: Error) => void }>();

  /**
   * importGeojson(JSON.parse(text), options), in the worker: the body is parsed there too (a 4 MB
   * document takes the loop ~0.2 s to parse and more to clone); rejects with ImportBadInput,
   * ImportTooLarge or ImportError as the import would throw.
   */
  async run(text: string, options: unknown): Promise<WorkerImportResult> {
    const w = this.worker ?? this.start();
    const id = this.nextId++;
    const answer = new Promise<WorkerImportResult>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    w.postMessage({ id, text, options } satisfies ImportJob);
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
      if (a.ok) assemble(a.compound).then((compound) => p.resolve({ compound, report: a.report, hash: a.hash, pieces: a.compound }), p.reject);
      else p.reject(asError(a.error));
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
