import type { Db } from '../db/db';
import { openDb } from '../db/openDb';
import { freshDatabaseOn } from './freshDatabase';

/** The real PostgreSQL server for driver tests (CI always sets it; locally it is optional). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || '';
/** A real TimescaleDB server (extension preloaded, background job scheduler running): the production database. */
export const TEST_TIMESCALE_URL = process.env.TEST_TIMESCALE_URL || '';
/**
 * Retention of the test databases. Fixtures carry fixed 2026 dates, and on the TimescaleDB server the job scheduler
 * drops chunks past retention by itself (the retention job runs as soon as it is added): keep ten years.
 */
export const TEST_RETENTION_DAYS = 3650;

for (const [name, value, how] of [
  ['TEST_DATABASE_URL', TEST_DATABASE_URL, 'eval "$(bash .ci/start-postgres.sh)"'],
  ['TEST_TIMESCALE_URL', TEST_TIMESCALE_URL, 'bash .ci/install-timescaledb.sh; eval "$(bash .ci/start-postgres.sh --timescaledb)"'],
] as const) {
  if (value) continue;
  const msg = `${name} is not set: the ${name === 'TEST_DATABASE_URL' ? 'real-PostgreSQL' : 'TimescaleDB-server'} tests are SKIPPED (run \`${how}\` first).`;
  if (process.env.CI) throw new Error(msg + ' CI must run them.');
  console.warn(`\n!!! ${msg}\n`);
}

/** Creates a fresh, empty database on the test server and returns its URL and a drop function. */
export function freshPgDatabase(server = TEST_DATABASE_URL): Promise<{ url: string; drop(): Promise<void> }> {
  if (!server) throw new Error('freshPgDatabase: no test database server URL');
  return freshDatabaseOn(server);
}

export interface TestDriver {
  name: string;
  open: () => Promise<{ db: Db; done: () => Promise<void> }>;
}

/**
 * Fails unless `db` really runs on TimescaleDB: the extension loaded and `readings` a hypertable. The `pg`
 * driver falls back to plain tables when the extension is missing; on the TimescaleDB server that must fail a test.
 */
export async function expectTimescaleServer(db: Db): Promise<void> {
  if (!db.timescaledb) throw new Error('the TimescaleDB server test database runs without the timescaledb extension (plain-table fallback)');
  const ht = await db.query(`select 1 from timescaledb_information.hypertables where hypertable_name = 'readings'`);
  if (ht.rowCount !== 1) throw new Error('readings is not a hypertable on the TimescaleDB server');
}

/** A fresh database on a test server, migrated, with a function that closes and drops it. */
async function openFresh(server: string, timescale: boolean): Promise<{ db: Db; done: () => Promise<void> }> {
  const fresh = await freshPgDatabase(server);
  const db = await openDb({ databaseUrl: fresh.url, retentionDays: TEST_RETENTION_DAYS, log: () => undefined });
  const done = async () => {
    await db.close();
    await fresh.drop();
  };
  if (timescale)
    await expectTimescaleServer(db).catch(async (err) => {
      await done();
      throw err;
    });
  return { db, done };
}

/**
 * The drivers a storage suite runs on: the embedded TimescaleDB (PGlite) always; a fresh database on the real
 * PostgreSQL server and one on the real TimescaleDB server when their URLs are set (CI sets both).
 */
export function storageDrivers(): TestDriver[] {
  const drivers: TestDriver[] = [
    {
      name: 'embedded TimescaleDB (PGlite)',
      open: async () => {
        const db = await openDb({ retentionDays: TEST_RETENTION_DAYS });
        return { db, done: () => db.close() };
      },
    },
  ];
  if (TEST_DATABASE_URL) drivers.push({ name: 'PostgreSQL server (pg)', open: () => openFresh(TEST_DATABASE_URL, false) });
  if (TEST_TIMESCALE_URL) drivers.push({ name: 'TimescaleDB server (pg)', open: () => openFresh(TEST_TIMESCALE_URL, true) });
  return drivers;
}
