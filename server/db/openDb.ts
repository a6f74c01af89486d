import type { Db } from './db';
import { openEmbedded } from './embedded';
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

/** Opens the configured database and brings its schema up to date. */
export async function openDb(opts: OpenDbOptions = {}): Promise<Db> {
  const db = opts.databaseUrl ? await openPg(opts.databaseUrl, opts.log) : await openEmbedded(opts.dataDir);
  try {
    await migrate(db, { retentionDays: opts.retentionDays ?? 400 });
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  return db;
}
