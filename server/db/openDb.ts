import pg from 'pg';
import type { Db } from './db';
import { openEmbedded } from './embedded';
import { damagedDataDir } from './embeddedDataDir';
import { openPg } from './pgDriver';
import { migrate } from './migrations';

export interface OpenDbOptions {
  /** A PostgreSQL connection string; when absent the embedded TimescaleDB is used. */
  databaseUrl?: string;
  /** Embedded only: folder to persist in; undefined keeps it in memory. */
  dataDir?: string;
  retentionDays?: number;
  log?: (msg: string) => void;
  /** Runs after the migrations, still under the start-up lock (the first admin account: one, however many start). */
  afterMigrate?: (db: Db) => Promise<void>;
  /** A server database: the start-up lock is held until this settles (the app's first writes: compound files, demo seeds). */
  holdUntil?: Promise<unknown>;
}

/** The first key of the start-up lock ('tWin' 'boot'). */
const STARTUP_LOCK = [0x7457696e, 0x626f6f74] as const;

/**
 * Opens the configured database and brings its schema up to date. An embedded folder whose files turn
 * out bad while migrating (the first reads of our tables) is reported as a DamagedDataDirError.
 */
export async function openDb(opts: OpenDbOptions = {}): Promise<Db> {
  if (opts.databaseUrl) {
    // Replicas starting together on one database (compose deploy.replicas) take turns: CREATE EXTENSION, the
    // migrations and the first admin are not safe to run twice at once (duplicate catalog rows, a lost extension).
    const lock = new pg.Client({ connectionString: opts.databaseUrl, application_name: 'compound-twin start-up' });
    // the lock's connection dropping after start-up is harmless (the lock goes with it); it must not crash the process
    lock.on('error', (e) => opts.log?.(`[db] start-up lock connection: ${e.message}`));
    await lock.connect();
    try {
      await lock.query('select pg_advisory_lock($1, $2)', [...STARTUP_LOCK]);
      const db = await migrated(await openPg(opts.databaseUrl, opts.log), opts);
      await opts.afterMigrate?.(db);
      const end = () => void lock.end().catch(() => undefined);
      if (opts.holdUntil) void opts.holdUntil.then(end, end);
      else end();
      return db;
    } catch (err) {
      // ending the session frees the lock
      await lock.end().catch(() => undefined);
      throw err;
    }
  }
  const db = await openEmbedded(opts.dataDir);
  try {
    await migrated(db, opts);
    await opts.afterMigrate?.(db);
    return db;
  } catch (err) {
    throw (opts.dataDir && damagedDataDir(err, opts.dataDir, db.postgresLog())) || err;
  }
}

async function migrated(db: Db, opts: OpenDbOptions): Promise<Db> {
  try {
    await migrate(db, { retentionDays: opts.retentionDays ?? 400 });
  } catch (err) {
    // A crashed embedded PostgreSQL may never answer close(): do not let it hold start-up.
    await Promise.race([db.close().catch(() => undefined), new Promise((r) => setTimeout(r, 2_000).unref())]);
    throw err;
  }
  return db;
}
