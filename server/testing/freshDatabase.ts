import pg from 'pg';
import { randomBytes } from 'node:crypto';

/**
 * Creates a fresh, empty database named `<prefix><random>` on the PostgreSQL server at `server` and returns its URL
 * and a function that drops it (forcing out whoever is still connected). No side effects on import: the tests reach
 * it through server/testing/databases.ts, the bench directly.
 */
export async function freshDatabaseOn(server: string, prefix = 'ct_'): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  if (!server) throw new Error('freshDatabaseOn: no database server URL');
  const name = prefix + randomBytes(6).toString('hex');
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: server, connectionTimeoutMillis: 5_000 });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  // template0: nobody (TimescaleDB's launcher included) is ever connected to it, so copying it never fails as "being accessed by other users"
  await admin(`create database ${name} template template0`);
  const u = new URL(server);
  u.pathname = '/' + name;
  return { name, url: u.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}
