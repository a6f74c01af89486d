import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ROOT } from '../testing/startTestServer';
import { openDb } from './openDb';
import { openEmbedded } from './embedded';

// One persisted folder, copied and damaged per case; the real entry file is started on each copy.
// The folder holds only schema_migrations (the first table start-up reads): a full migration would
// double the test's time and adds nothing to what is checked here.
const tmp = mkdtempSync(join(tmpdir(), 'ct-damaged-'));
const base = join(tmp, 'base');
let migrationsFile = '';
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

beforeAll(async () => {
  const db = await openEmbedded(base);
  await db.query('create table schema_migrations (version int primary key, name text not null, applied_at timestamptz not null default now())');
  await db.query(`insert into schema_migrations(version, name) values (1, 'core tables')`);
  migrationsFile = (await db.query<{ p: string }>(`select pg_relation_filepath('schema_migrations') as p`)).rows[0].p;
  await db.close();
});

/** Every file under `dir` with its content hash, so a test sees what start-up changed. */
function listing(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), createHash('sha1').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

function damaged(name: string, damage: (dir: string) => void): string {
  const dir = join(tmp, name);
  cpSync(base, dir, { recursive: true });
  damage(dir);
  return dir;
}

function start(dataDir: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, SIMULATOR: 'off', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

/** Start-up stopped with one line that names the folder, says `reason` and what to do, and no stack. */
function expectRefused(r: ReturnType<typeof start>, dir: string, reason: RegExp) {
  expect(r.status, r.stdout + r.stderr).toBe(1);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  const esc = dir.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  expect(lines[0]).toMatch(new RegExp(`^\\[db\\] cannot start: The embedded database in ${esc} could not be opened: `));
  expect(lines[0]).toMatch(reason);
  expect(lines[0]).toContain(`Restore it from a backup, or move the folder aside (mv ${dir} ${dir}.damaged) to start with an empty database.`);
  expect(r.stdout).not.toMatch(/\[http\] Compound Twin/);
}

describe('a damaged embedded data folder', () => {
  it('when PG_VERSION is gone, then start-up refuses it and writes nothing (no fresh cluster over it)', () => {
    const dir = damaged('no-version', (d) => rmSync(join(d, 'PG_VERSION')));
    const before = listing(dir);
    expectRefused(start(dir), dir, /holds \d+ entries but no PG_VERSION/);
    expect(listing(dir)).toEqual(before);
  });

  it('when global/pg_control is gone, then start-up names it and writes nothing', () => {
    const dir = damaged('no-control', (d) => rmSync(join(d, 'global', 'pg_control')));
    const before = listing(dir);
    expectRefused(start(dir), dir, /global\/pg_control is missing/);
    expect(listing(dir)).toEqual(before);
  });

  it("when a catalog file is truncated, then start-up gives PostgreSQL's reason and leaves the file as it was", () => {
    const dir = damaged('catalog', (d) => truncateSync(join(d, 'base', '1', '1259'))); // pg_class
    expectRefused(start(dir), dir, /could not be opened: (could not open critical system index|invalid page|could not read block)/);
    expect(readFileSync(join(dir, 'base', '1', '1259')).length).toBe(0);
    expect(existsSync(join(dir, 'PG_VERSION'))).toBe(true);
  });

  it('when one of our tables holds garbage, then start-up names the relation and leaves the garbage for recovery', () => {
    const garbage = Buffer.alloc(8192, 0x5a);
    const dir = damaged('relation', (d) => writeFileSync(join(d, migrationsFile), garbage));
    expectRefused(start(dir), dir, new RegExp(`invalid page in block 0 of relation ${migrationsFile}`));
    expect(readFileSync(join(dir, migrationsFile)).equals(garbage)).toBe(true);
  });

  it('when the folder is there but empty, then it is a first start, not damage', async () => {
    const dir = join(tmp, 'empty');
    mkdirSync(dir);
    const db = await openDb({ dataDir: dir });
    expect((await db.query<{ n: number }>('select count(*)::int as n from schema_migrations')).rows[0].n).toBeGreaterThan(0);
    await db.close();
  });
});
