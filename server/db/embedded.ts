// The only module that knows the embedded build of Postgres + TimescaleDB: swap it here. PGlite runs in a
// worker thread (embeddedWorker.mjs) so that a query's CPU never holds the server's event loop: HTTP
// parsing, validation and Socket.IO go on while a batch is written.
import { Worker } from 'node:worker_threads';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db, Queryable, QueryResult } from './db';
import { DbUnavailableError } from './db';
import { checkDataDir, damagedDataDir } from './embeddedDataDir';

/** The embedded database, with what PostgreSQL said last (a crash's own error says nothing). */
export interface EmbeddedDb extends Db {
  postgresLog(): readonly string[];
}

// From the sources (tsx, vitest): the plain-JavaScript worker beside this file. Compiled: the bundle's own
// dist/server/embeddedWorker.js, beside main.js; this module's code sits there or in dist/server/chunks.
const WORKER = [
  new URL('./embeddedWorker.mjs', import.meta.url),
  new URL('./embeddedWorker.js', import.meta.url),
  new URL('../embeddedWorker.js', import.meta.url),
].find((u) => existsSync(fileURLToPath(u)));

type Op = { op: 'query'; sql: string; params?: unknown[]; tx?: number } | { op: 'begin' } | { op: 'end'; tx: number; commit: boolean } | { op: 'close' };
type RemoteError = Record<string, unknown> & { name: string; message: string; stack?: string };
type Answer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: RemoteError; log: string[] };
type Opened = { open: true } | { open: false; error: RemoteError; log: string[] };

/** The worker's error as an Error with the same name, message and fields (code, detail, constraint…): callers read `err.code`. */
function localError(e: RemoteError): Error {
  const { name, message, stack, ...fields } = e;
  const err = Object.assign(new Error(message), fields);
  err.name = name;
  if (stack) err.stack = stack;
  return err;
}

/**
 * Opens the embedded database: in memory when `dataDir` is undefined, else persisted there. A folder
 * that is not a whole, readable database is refused with a DamagedDataDirError, never initialised over.
 */
export async function openEmbedded(dataDir?: string): Promise<EmbeddedDb> {
  if (!WORKER) throw new Error(`embedded database: no embeddedWorker.mjs or embeddedWorker.js beside ${fileURLToPath(import.meta.url)}`);
  if (dataDir) {
    checkDataDir(dataDir);
    mkdirSync(dataDir, { recursive: true });
  }
  // No execArgv: the worker is plain JavaScript and needs no TypeScript loader (tsx would add ~0.5 s per start).
  const worker = new Worker(WORKER, { workerData: { dataDir }, execArgv: [] });
  let log: string[] = [];
  const opened = await new Promise<Opened>((resolve) => {
    const failed = (err: unknown) => resolve({ open: false, error: { name: 'Error', message: String((err as Error)?.message ?? err) }, log: [] });
    const exited = (code: number) => failed(`embedded database worker stopped while opening (exit code ${code})`);
    worker.once('message', (m: Opened) => {
      worker.off('error', failed).off('exit', exited);
      resolve(m);
    });
    worker.once('error', failed).once('exit', exited);
  });
  if (!opened.open) {
    await worker.terminate();
    const err = localError(opened.error);
    throw (dataDir && damagedDataDir(err, dataDir, opened.log)) || err;
  }

  let closed = false;
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  /** Statements and transactions running now: while one runs, the single connection is busy, not gone. */
  let inFlight = 0;
  // Idle, the worker does not keep the process alive (as PGlite on the main thread did not); busy, it does.
  worker.unref();

  worker.on('message', (a: Answer) => {
    const p = pending.get(a.id);
    if (!p) return;
    pending.delete(a.id);
    if (a.ok) p.resolve(a.value);
    else {
      log = a.log;
      p.reject(localError(a.error));
    }
  });
  const stopped = (err: Error) => {
    closed = true;
    for (const p of pending.values()) p.reject(new DbUnavailableError('embedded database worker stopped', err));
    pending.clear();
  };
  worker.on('error', stopped);
  worker.on('exit', (code) => stopped(new Error(`exit code ${code}`)));

  const send = async <T>(msg: Op): Promise<T> => {
    if (closed && msg.op !== 'close' && msg.op !== 'end') throw new DbUnavailableError('embedded database is closed');
    const id = nextId++;
    if (inFlight++ === 0) worker.ref();
    try {
      return await new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        worker.postMessage({ id, ...msg });
      });
    } finally {
      if (--inFlight === 0) worker.unref();
    }
  };

  const queryable = (tx?: number): Queryable => ({
    query<T>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
      return send<QueryResult<T>>({ op: 'query', sql, params, tx });
    },
  });
  const base = queryable();

  return {
    driver: 'embedded',
    timescaledb: true,
    query: base.query.bind(base),
    postgresLog: () => log,
    async transaction(fn) {
      if (closed) throw new DbUnavailableError('embedded database is closed');
      // Counted as in flight from BEGIN to COMMIT: the connection is held (and the process kept alive) between statements.
      if (inFlight++ === 0) worker.ref();
      try {
        const tx = await send<number>({ op: 'begin' });
        let result;
        try {
          result = await fn(queryable(tx));
        } catch (err) {
          // Rolled back; the callback's own error is what the caller sees.
          await send({ op: 'end', tx, commit: false }).catch(() => undefined);
          throw err;
        }
        await send({ op: 'end', tx, commit: true });
        return result;
      } finally {
        if (--inFlight === 0) worker.unref();
      }
    },
    async ping() {
      if (closed) return false;
      // A long write (storing a large import) holds the one connection; health must not wait behind it.
      if (inFlight > 0) return true;
      await base.query('select 1');
      return true;
    },
    async close() {
      if (closed) return;
      // Refused from now on, as before; what is already sent is answered before PGlite closes.
      closed = true;
      try {
        // A crashed PostgreSQL may never answer: the thread is ended after 5 s regardless.
        await Promise.race([send({ op: 'close' }), new Promise((r) => setTimeout(r, 5_000).unref())]);
      } finally {
        await worker.terminate();
      }
    },
  };
}
