import pg from 'pg';
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/db';
import { openDb } from '../db/openDb';

/** The real PostgreSQL server for driver tests (CI always sets it; locally it is optional). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || '';

if (!TEST_DATABASE_URL) {
  const msg = 'TEST_DATABASE_URL is not set: the real-PostgreSQL tests are SKIPPED (run `eval "$(bash .ci/start-postgres.sh)"` first).';
  if (process.env.CI) throw new Error(msg + ' CI must run them.');
  console.warn(`\n!!! ${msg}\n`);
}

/** Creates a fresh, empty database on the test server and returns its URL and a drop function. */
export async function freshPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = 'ct_' + randomBytes(6).toString('hex');
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(TEST_DATABASE_URL);
  u.pathname = '/' + name;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface TestDriver {
  name: string;
  open: () => Promise<{ db: Db; done: () => Promise<void> }>;
}

/** The drivers a storage suite runs on: the embedded TimescaleDB always, a fresh database on the real PostgreSQL server when there is one. */
export function storageDrivers(): TestDriver[] {
  const drivers: TestDriver[] = [
    {
      name: 'embedded TimescaleDB (PGlite)',
      open: async () => {
        const db = await openDb();
        return { db, done: () => db.close() };
      },
    },
  ];
  if (TEST_DATABASE_URL) {
    drivers.push({
      name: 'PostgreSQL server (pg)',
      open: async () => {
        const fresh = await freshPgDatabase();
        const db = await openDb({ databaseUrl: fresh.url, log: () => undefined });
        return { db, done: async () => { await db.close(); await fresh.drop(); } };
      },
    });
  }
  return drivers;
}
