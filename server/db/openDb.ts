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
}

/**
 * Opens the configured database and brings its schema up to date. An embedded folder whose files turn
 * out bad while migrating (the first reads of our tables) is reported as a DamagedDataDirError.
 */
export async function openDb(opts: OpenDbOptions = {}): Promise<Db> {
  if (opts.databaseUrl) return migrated(await openPg(opts.databaseUrl, opts.log), opts);
  const db = await openEmbedded(opts.dataDir);
  try {
    return await migrated(db, opts);
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
