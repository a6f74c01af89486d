import pg from 'pg';
import type { Db, Queryable, QueryResult } from './db';

// timestamptz stays a Date (pg default); int8 counts are cast to int in SQL.

/** Opens a pool on a PostgreSQL server; detects whether timescaledb can be used. */
export async function openPg(connectionString: string, log: (msg: string) => void = console.warn): Promise<Db> {
  const pool = new pg.Pool({ connectionString, max: 8, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', (err) => log(`[db] idle client error: ${err.message}`));
  let timescaledb = false;
  try {
    await pool.query('CREATE EXTENSION IF NOT EXISTS timescaledb');
    timescaledb = true;
  } catch (err) {
    const avail = await pool.query(`select 1 from pg_available_extensions where name = 'timescaledb'`).catch(() => ({ rowCount: 0 }));
    log(
      `[db] WARNING: TimescaleDB is not available on this PostgreSQL server (${(err as Error).message.split('\n')[0]}${avail.rowCount ? '' : '; not installed'}).\n` +
        '[db] WARNING: running on plain tables: no hypertables, no continuous aggregates, no compression or retention. Charts read raw rows.',
    );
  }
  const wrap = (c: { query: pg.Pool['query'] }): Queryable => ({
    async query<T>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
      const r = await c.query(sql, params);
      return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
    },
  });
  const base = wrap(pool);
  return {
    driver: 'pg',
    timescaledb,
    query: base.query.bind(base),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(wrap(client));
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async ping() {
      await pool.query('select 1');
      return true;
    },
    async close() {
      await pool.end();
    },
  };
}
