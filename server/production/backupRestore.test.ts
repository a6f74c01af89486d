// README "Production → Backup and restore", step by step on the real TimescaleDB server: pg_dump of a
// database with compressed chunks, continuous aggregates and policies; restore into a new database with
// timescaledb_pre_restore / pg_restore / timescaledb_post_restore; the server opens it and sees the same data.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db';
import { openDb } from '../db/openDb';
import { refreshAggregates } from '../db/readings.repo';
import { expectTimescaleServer, freshPgDatabase, TEST_TIMESCALE_URL } from '../testing/databases';

const PG_BIN = process.env.PG_TEST_BIN || '/usr/lib/postgresql/15/bin';
const tmp = mkdtempSync(join(tmpdir(), 'ct-backup-'));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
  rmSync(tmp, { recursive: true, force: true });
});

async function psql(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** What a restore must bring back: raw rows, compressed chunks, aggregates, policies and the application's tables. */
async function fingerprint(db: Db) {
  const one = async (sql: string) =>
    Object.values((await db.query<Record<string, unknown>>(sql)).rows[0])
      .map(String)
      .join(' ');
  return {
    readings: await one(`select count(*)::int, round(sum(value)::numeric, 3) from readings`),
    compressed: await one(`select count(*)::int from timescaledb_information.chunks where hypertable_name = 'readings' and is_compressed`),
    hourly: await one(`select count(*)::int, round(sum(sum)::numeric, 3) from readings_hourly`),
    daily: await one(`select count(*)::int from readings_daily`),
    jobs: (
      await db.query<{ proc_name: string; scheduled: boolean }>(
        `select proc_name, scheduled from timescaledb_information.jobs where hypertable_name in ('readings', 'readings_hourly', 'readings_daily') order by 1`,
      )
    ).rows,
    migrations: await one(`select max(version) from schema_migrations`),
    users: await one(`select count(*)::int from users`),
  };
}

/** The README's steps: pg_dump (custom format); a new database with the extension in restore mode; pg_restore; post-restore. */
async function dumpAndRestore(sourceUrl: string) {
  // 1. back up (custom format)
  const dump = join(tmp, `twin-${cleanups.length}.dump`);
  execFileSync(join(PG_BIN, 'pg_dump'), ['-d', sourceUrl, '-Fc', '-f', dump], { stdio: 'pipe' });
  // 2. a new, empty database with the extension, put in restore mode
  const target = await freshPgDatabase(TEST_TIMESCALE_URL);
  cleanups.push(() => target.drop());
  await psql(target.url, `create extension if not exists timescaledb; select timescaledb_pre_restore();`);
  // 3. restore, then leave restore mode (background workers restart); pg_restore exits non-zero on any error
  execFileSync(join(PG_BIN, 'pg_restore'), ['-d', target.url, '--no-owner', dump], { stdio: 'pipe' });
  await psql(target.url, `select timescaledb_post_restore();`);
  return target;
}

const ORPHANS = `select (select count(*) from _timescaledb_catalog.continuous_aggs_materialization_ranges r
   where not exists (select 1 from _timescaledb_catalog.continuous_agg c where c.mat_hypertable_id = r.materialization_id))::int as n`;

describe.skipIf(!TEST_TIMESCALE_URL || !existsSync(join(PG_BIN, 'pg_dump')))('backup and restore of the TimescaleDB database (README)', () => {
  it('when a database is dumped with pg_dump and restored with the pre/post-restore steps, then the server opens it with every row, compressed chunk, aggregate and policy', async () => {
    const source = await freshPgDatabase(TEST_TIMESCALE_URL);
    cleanups.push(() => source.drop());
    const db = await openDb({ databaseUrl: source.url, log: () => undefined });
    cleanups.push(() => db.close());
    await expectTimescaleServer(db);
    // 12 days of hourly readings for 3 devices: chunks older than 7 days compress
    await db.query(`insert into readings (ts, device_id, metric, value)
      select t, 'dev-' || d, 'power_kw', d * 10 + extract(hour from t)
      from generate_series(date_trunc('hour', now()) - interval '12 days', date_trunc('hour', now()), interval '1 hour') t, generate_series(1, 3) d`);
    await db.query(
      `insert into users (username, display_name, role, compounds, password_hash) values ('restore-check', '核对', 'officer', '{yaguang-xincun}', 'x')`,
    );
    // The cluster's job scheduler runs the same policies on its own clock (its first compression can land on these
    // rows any moment): pause it, then compress what the policy would (older than 7 days), chunk by chunk, where a
    // chunk the scheduler compressed meanwhile is fine as it is.
    const jobIds = (await db.query<{ id: number }>(`select job_id as id from timescaledb_information.jobs where job_id >= 1000`)).rows.map((r) => r.id);
    for (const id of jobIds) await db.query(`select alter_job($1, scheduled => false)`, [id]);
    await refreshAggregates(db);
    await db.query(`do $$ declare c regclass; begin
      for c in select show_chunks('readings', older_than => interval '7 days') loop
        begin perform compress_chunk(c, if_not_compressed => true);
        exception when others then if sqlerrm not like '%already compressed%' then raise; end if;
        end;
      end loop; end $$`);
    for (const id of jobIds) await db.query(`select alter_job($1, scheduled => true)`, [id]);
    const before = await fingerprint(db);
    expect(Number(before.compressed)).toBeGreaterThan(0);
    expect(Number(before.readings.split(' ')[0])).toBe(3 * (12 * 24 + 1));

    const target = await dumpAndRestore(source.url);
    const restored = await openDb({ databaseUrl: target.url, log: () => undefined });
    cleanups.push(() => restored.close());
    await expectTimescaleServer(restored);
    expect(await fingerprint(restored)).toEqual(before);
  }, 120_000);

  it('when a fresh database is made, then the aggregates version 2 made are kept (no drop racing the first refresh) and the catalog names no dropped aggregate', async () => {
    const fresh = await freshPgDatabase(TEST_TIMESCALE_URL);
    cleanups.push(() => fresh.drop());
    const db = await openDb({ databaseUrl: fresh.url, log: () => undefined });
    cleanups.push(() => db.close());
    // hypertable ids are never reused: a drop and re-create would leave a gap
    const ids = (await db.query<{ n: number; top: number }>(`select count(*)::int as n, max(id) as top from _timescaledb_catalog.hypertable`)).rows[0];
    expect(ids.top).toBe(ids.n);
    expect((await db.query<{ n: number }>(ORPHANS)).rows[0].n).toBe(0);
  }, 60_000);

  it('when a database holds catalog rows of an aggregate dropped under a running refresh (what migration 7 could leave), then start-up removes them and the dump restores', async () => {
    const source = await freshPgDatabase(TEST_TIMESCALE_URL);
    cleanups.push(() => source.drop());
    const first = await openDb({ databaseUrl: source.url, log: () => undefined });
    // TimescaleDB writes its catalog past the foreign key; replica mode does the same for this test
    await psql(
      source.url,
      `set session_replication_role = replica;
       insert into _timescaledb_catalog.continuous_aggs_materialization_ranges values (987, 0, 3600000000);
       delete from schema_migrations where version = 12;`,
    );
    expect((await first.query<{ n: number }>(ORPHANS)).rows[0].n).toBe(1);
    await first.close();

    const db = await openDb({ databaseUrl: source.url, log: () => undefined });
    cleanups.push(() => db.close());
    expect((await db.query<{ n: number }>(ORPHANS)).rows[0].n).toBe(0);
    expect((await db.query(`select 1 from schema_migrations where version = 12`)).rows.length).toBe(1);
    const target = await dumpAndRestore(source.url);
    const restored = await openDb({ databaseUrl: target.url, log: () => undefined });
    cleanups.push(() => restored.close());
    expect((await restored.query<{ n: number }>(`select count(*)::int as n from readings_hourly`)).rows[0].n).toBe(0);
  }, 120_000);
});
