import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnergyHourly } from '../../models';
import { startOfZoneDay } from '../../models/zoneTime';
import { insertReadingsRaw, refreshAggregates } from '../db/readings.repo';
import { isAggregateMeter } from '../kpi/kpi.service';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { storageDrivers } from '../testing/databases';
import type { Db } from '../db/db';
import { call, type TestRole } from '../testing/testAuth';

const Y = 'yaguang-xincun';
const MIN = 60_000;
const HOUR = 60 * MIN;
let srv: TestServer;
let meters: string[];
let household: string;
/** Every reading written: the independent record the hourly sums are checked against. */
const written: { id: string; ts: number; value: number }[] = [];

const get = async (path: string, who: TestRole = 'officer-yaguang') => call(srv.url, path, { as: await srv.login(who) });

/** Use in [from, to) over the given meters, from the record, rounded as the API rounds. */
const sumOf = (ids: string[], from: number, to: number): number | null => {
  const rows = written.filter((r) => ids.includes(r.id) && r.ts >= from && r.ts < to);
  return rows.length ? Math.round(rows.reduce((s, r) => s + r.value, 0) * 1000) / 1000 : null;
};

/** The expected answer for `zone`, hour by hour from the zone's midnights (computed here, not by the server's code). */
function expected(body: EnergyHourly, zone: string) {
  const today0 = startOfZoneDay(body.now, zone);
  const yesterday0 = startOfZoneDay(today0 - 1, zone);
  const hoursToday = Math.floor((body.now - today0) / HOUR) + 1;
  return {
    today0,
    yesterday0,
    today: Array.from({ length: hoursToday }, (_, i) => sumOf(meters, today0 + i * HOUR, today0 + (i + 1) * HOUR)),
    yesterday: Array.from({ length: Math.round((today0 - yesterday0) / HOUR) }, (_, i) => sumOf(meters, yesterday0 + i * HOUR, yesterday0 + (i + 1) * HOUR)),
  };
}

/** A server on `db` with two days of meter readings and the aggregates refreshed (once per driver). */
async function setUp(db: Db): Promise<void> {
  srv = await startTestServer({ db, tickMs: 3_600_000 });
  written.length = 0;
  const devices = srv.app.twins.get(Y)!.entry.doc.devices;
  meters = devices.filter((d) => d.placement.kind === 'building' && isAggregateMeter(d, 'energy_kwh')).map((d) => d.id);
  household = devices.find((d) => d.type === 'electric_meter' && d.households === 1)!.id;
  const now = Date.now();
  const zone = srv.app.twins.registry.get(Y)!.doc.timeZone;
  const start = startOfZoneDay(now, zone) - 30 * HOUR;
  const cols = { ts: [] as number[], deviceIds: [] as string[], metrics: [] as string[], values: [] as number[] };
  const put = (id: string, ts: number, value: number, record = true) => {
    (cols.ts.push(ts), cols.deviceIds.push(id), cols.metrics.push('energy_kwh'), cols.values.push(value));
    if (record) written.push({ id, ts, value });
  };
  let k = 0;
  // Every 10 minutes on each aggregate meter, a value that changes with the hour; one hour of yesterday left empty (a gap).
  for (let t = start + 7 * MIN; t < now; t += 10 * MIN) {
    const skip = t >= startOfZoneDay(now, zone) - 5 * HOUR && t < startOfZoneDay(now, zone) - 4 * HOUR;
    if (skip) continue;
    for (const id of meters) put(id, t, Math.round((1 + ((k++ * 7) % 13) / 10) * 1000) / 1000);
  }
  // On the local midnight exactly, and a minute before it: each belongs to its own local day.
  const midnight = startOfZoneDay(now, zone);
  put(meters[0], midnight, 50);
  put(meters[0], midnight - MIN, 70);
  // A household sub-meter is not the compound's use (the KPIs do not count it either).
  put(household, midnight + 3 * MIN, 1000, false);
  await insertReadingsRaw(srv.db, cols);
  await refreshAggregates(srv.db, 72);
}

// Readings → continuous aggregates → the hourly API, on every driver (embedded, PostgreSQL, TimescaleDB server).
describe.each(storageDrivers())('GET /compounds/:id/energy/hourly on $name', ({ open }) => {
  let done: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const d = await open();
    done = d.done;
    await setUp(d.db);
  }, 180_000);
  afterAll(async () => {
    await srv?.close();
    await done?.();
  });

  it("when asked, then each local hour of today and yesterday is the sum of the aggregate meters' readings in that hour, gaps are null", async () => {
    const res = await get(`/compounds/${Y}/energy/hourly`);
    expect(res.status).toBe(200);
    const body = res.body as EnergyHourly;
    expect(body).toMatchObject({ compoundId: Y, metric: 'energy_kwh', unit: 'kWh', timeZone: 'Asia/Shanghai' });
    const want = expected(body, 'Asia/Shanghai');
    // Shanghai's midnight is 16:00 UTC: a UTC (or server-local) day would start elsewhere
    expect(new Date(body.today.from).getUTCHours()).toBe(16);
    expect(body.today.from).toBe(want.today0);
    expect(body.yesterday).toMatchObject({ from: want.yesterday0, to: want.today0 });
    expect(body.yesterday.values).toHaveLength(24);
    expect(body.today.values).toEqual(want.today);
    expect(body.yesterday.values).toEqual(want.yesterday);
    expect(body.yesterday.values[19]).toBeNull();
    expect(body.today.values[0]).toBeGreaterThanOrEqual(50);
    expect(body.yesterday.values[23]).toBeGreaterThanOrEqual(70);
  });

  it('when the wall (a masked caller) asks, then it gets the same figures; water is its own metric', async () => {
    const officer = await get(`/compounds/${Y}/energy/hourly`);
    const wall = await get(`/compounds/${Y}/energy/hourly`, 'wall');
    expect(wall.status).toBe(200);
    expect(wall.body.yesterday.values).toEqual(officer.body.yesterday.values);
    const water = await get(`/compounds/${Y}/energy/hourly?metric=water_m3`, 'wall');
    expect(water.status).toBe(200);
    expect(water.body).toMatchObject({ metric: 'water_m3', unit: 'm³' });
    expect(water.body.yesterday.values.every((v: number | null) => v === null)).toBe(true);
  });

  it('when the query is bad, then 400 names the parameter', async () => {
    const bad = await get(`/compounds/${Y}/energy/hourly?metric=gas`);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/metric/);
    const unknown = await get(`/compounds/${Y}/energy/hourly?days=3`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatch(/days/);
    expect((await get(`/compounds/sanhe-guanggu/energy/hourly`)).status).toBe(403);
  });

  it('when the compound keeps a half-hour zone, then its hours start at :30 UTC and the days at its own midnight', async () => {
    const doc = srv.app.twins.registry.get(Y)!.doc;
    const was = doc.timeZone;
    doc.timeZone = 'Asia/Kolkata';
    try {
      const res = await get(`/compounds/${Y}/energy/hourly`);
      expect(res.status).toBe(200);
      const body = res.body as EnergyHourly;
      expect(body.timeZone).toBe('Asia/Kolkata');
      const want = expected(body, 'Asia/Kolkata');
      expect(new Date(body.today.from).getUTCMinutes()).toBe(30);
      expect(body.today.from).toBe(want.today0);
      expect(body.today.values).toEqual(want.today);
      expect(body.yesterday.values).toEqual(want.yesterday);
    } finally {
      doc.timeZone = was;
    }
  });
});
