import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from './db';
import { openDb } from './openDb';
import { migrate } from './migrations';
import { insertReadings, querySeries, refreshAggregates } from './readings.repo';
import { storageDrivers, TEST_RETENTION_DAYS } from '../testing/databases';

const HOUR = 3_600_000;

function cols(rows: [string, string, number, number][]) {
  return { deviceIds: rows.map((r) => r[0]), metrics: rows.map((r) => r[1]), ts: rows.map((r) => r[2]), values: rows.map((r) => r[3]) };
}

// The same storage suite runs on both drivers.
const drivers = storageDrivers();

describe.each(drivers)('storage on $name', ({ open }) => {
  let db: Db;
  let done: () => Promise<void>;
  beforeAll(async () => {
    ({ db, done } = await open());
  });
  afterAll(async () => done?.());

  it('when migrations run again, then nothing is applied twice', async () => {
    // the retention this re-applies is enforced by the TimescaleDB server's own scheduler: keep the fixtures' dates
    expect(await migrate(db, { retentionDays: TEST_RETENTION_DAYS })).toEqual([]);
    const v = await db.query<{ version: number }>('select version from schema_migrations order by version');
    const versions = v.rows.map((r) => r.version);
    expect(versions.slice(0, 2)).toEqual([1, 2]);
    expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b));
  });

  it('when a batch is retried, then no reading is stored twice', async () => {
    const t0 = Date.UTC(2026, 0, 10, 0);
    const rows: [string, string, number, number][] = [];
    for (let i = 0; i < 120; i++) rows.push(['dev-a', 'energy_kwh', t0 + i * 60_000, 0.5]);
    const first = await insertReadings(db, cols(rows));
    expect(first.length).toBe(120);
    const again = await insertReadings(db, cols(rows));
    expect(again).toEqual([]);
    const c = await db.query<{ n: number }>(`select count(*)::int as n from readings where device_id = 'dev-a'`);
    expect(c.rows[0].n).toBe(120);
  });

  it('when only some rows are new, then exactly their indexes come back', async () => {
    const t0 = Date.UTC(2026, 0, 11, 0);
    const rows: [string, string, number, number][] = [
      ['dev-b', 'power_kw', t0, 1],
      ['dev-b', 'power_kw', t0 + 1000, 2],
    ];
    await insertReadings(db, cols(rows.slice(0, 1)));
    expect(await insertReadings(db, cols(rows))).toEqual([1]);
  });

  it('when series are read hourly, then sums and counts match the raw rows', async () => {
    await refreshAggregates(db, 24 * 400);
    const t0 = Date.UTC(2026, 0, 10, 0);
    const pts = await querySeries(db, 'dev-a', 'energy_kwh', t0, t0 + 2 * HOUR, '1h');
    expect(pts.map((p) => [p.t, p.sum, p.count])).toEqual([
      [t0, 30, 60],
      [t0 + HOUR, 30, 60],
    ]);
    const raw = await querySeries(db, 'dev-a', 'energy_kwh', t0, t0 + 10 * 60_000, 'raw');
    expect(raw.length).toBe(10);
    const five = await querySeries(db, 'dev-a', 'energy_kwh', t0, t0 + HOUR, '5m');
    expect(five.length).toBe(12);
    expect(five[0].sum).toBeCloseTo(2.5);
    const daily = await querySeries(db, 'dev-a', 'energy_kwh', t0 - 86_400_000, t0 + 86_400_000, '1d');
    expect(daily.reduce((s, p) => s + p.sum, 0)).toBeCloseTo(60);
  });

  it('when the same alarm is raised twice for a device and rule, then the database refuses the second', async () => {
    await db.query(`insert into compounds (id, name, doc, doc_hash) values ('c1', 'c', '{}', 'h')`);
    const ins = `insert into alarms (compound_id, device_id, device_type, rule_id, severity, message_zh, message_en, raised_at, last_at) values ('c1', 'd1', 'camera', 'r1', 'minor', 'x', 'x', now(), now())`;
    await db.query(ins);
    await expect(db.query(ins)).rejects.toThrow();
  });
});

describe('embedded TimescaleDB persisted to a folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ct-embedded-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('when the folder is reopened, then inserts into the hypertable, refreshes and queries still work', async () => {
    const t0 = Date.UTC(2026, 1, 1, 0);
    const first = await openDb({ dataDir: dir });
    expect(first.timescaledb).toBe(true);
    await insertReadings(first, cols([['dev-p', 'pressure_mpa', t0, 0.3]]));
    await first.close();

    const again = await openDb({ dataDir: dir });
    expect(
      await insertReadings(
        again,
        cols([
          ['dev-p', 'pressure_mpa', t0, 0.3],
          ['dev-p', 'pressure_mpa', t0 + 60_000, 0.5],
        ]),
      ),
    ).toEqual([1]);
    await refreshAggregates(again, 24 * 400);
    const pts = await querySeries(again, 'dev-p', 'pressure_mpa', t0, t0 + HOUR, '1h');
    expect(pts).toHaveLength(1);
    expect(pts[0].avg).toBeCloseTo(0.4);
    const ht = await again.query<{ n: number }>(`select count(*)::int as n from timescaledb_information.hypertables where hypertable_name = 'readings'`);
    expect(ht.rows[0].n).toBe(1);
    await again.close();
  });
});
