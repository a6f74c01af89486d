import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildingTotals, ringArea, unitTotals, type Device } from '../../models';
import { insertReadingsRaw, refreshAggregates } from '../db/readings.repo';
import { isAggregateMeter } from '../kpi/kpi.service';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { storageDrivers } from '../testing/databases';
import type { Db } from '../db/db';

const Y = 'yaguang-xincun';
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
let srv: TestServer;
let devices: Device[];
/** Every reading the test wrote: the independent record the API's sums are checked against. */
const written: { id: string; metric: string; ts: number; value: number }[] = [];

let seed = 7;
const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;

async function write(ids: string[], metric: string, from: number, to: number, value: (id: string, ts: number) => number) {
  const cols = { ts: [] as number[], deviceIds: [] as string[], metrics: [] as string[], values: [] as number[] };
  for (let t = from; t < to; t += 15 * MIN) {
    for (const id of ids) {
      const v = Math.round(value(id, t) * 1000) / 1000;
      (cols.ts.push(t), cols.deviceIds.push(id), cols.metrics.push(metric), cols.values.push(v));
      written.push({ id, metric, ts: t, value: v });
    }
  }
  await insertReadingsRaw(srv.db, cols);
}

const sumOf = (ids: string[], metric: string, from: number, to: number) =>
  written.filter((r) => r.metric === metric && ids.includes(r.id) && r.ts >= from && r.ts < to).reduce((s, r) => s + r.value, 0);
const inBuilding = (d: Device, b: string) => d.placement.kind === 'building' && d.placement.buildingId === b;
const aggregateMeters = (b: string, metric: 'energy_kwh' | 'water_m3') =>
  devices.filter((d) => inBuilding(d, b) && isAggregateMeter(d, metric)).map((d) => d.id);
const householdMeters = (b: string) => devices.filter((d) => inBuilding(d, b) && d.type === 'electric_meter' && d.households === 1);

async function energy(query: string) {
  const res = await fetch(`${srv.url}/api/v1/compounds/${Y}/energy?${query}`, { headers: (await srv.login('officer-yaguang')).headers });
  return { status: res.status, body: await res.json() };
}

/** A server on `db` with 12 days of meter readings and the aggregates refreshed (once per driver). */
async function setUp(db: Db): Promise<void> {
  srv = await startTestServer({ db });
  written.length = 0;
  seed = 7;
  devices = srv.app.twins.get(Y)!.entry.doc.devices;
  const now = Date.now();
  const start = now - (now % (15 * MIN)) - 12 * DAY;
  // b1 steady; b2 three times its usual use over the last 24 hours.
  await write(aggregateMeters('b1', 'energy_kwh'), 'energy_kwh', start, now, () => 0.2 + rand());
  await write(aggregateMeters('b2', 'energy_kwh'), 'energy_kwh', start, now, (_id, t) => (t >= now - DAY ? 3 : 1) * (0.5 + 0.2 * Math.sin(t / HOUR)));
  await write(aggregateMeters('b1', 'water_m3'), 'water_m3', now - 2 * DAY, now, () => 0.01 + rand() / 50);
  await write(
    householdMeters('b1').map((d) => d.id),
    'energy_kwh',
    now - 2 * DAY,
    now,
    () => rand() / 4,
  );
  await refreshAggregates(srv.db, 24 * 14);
}

// Readings → continuous aggregates → the energy API, on every driver (embedded, PostgreSQL, TimescaleDB server).
describe.each(storageDrivers())('energy heatmap on $name', ({ open }) => {
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

  it("when a custom window with ragged edges is asked for, then each building total equals the sum of its meters' readings, with per household and per m²", async () => {
    const now = Date.now();
    const from = now - 3 * DAY - 5 * HOUR - 7 * MIN - 123;
    const to = now - 2 * HOUR + 11 * MIN;
    const r = await energy(`metric=energy_kwh&window=custom&from=${from}&to=${new Date(to).toISOString()}&per=household`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ compoundId: Y, metric: 'energy_kwh', unit: 'kWh', level: 'building', per: 'household', from, to });
    const byId = new Map(r.body.items.map((i: any) => [i.id, i]));
    expect([...byId.keys()].sort()).toEqual(expect.arrayContaining(['b1', 'b2']));
    const doc = srv.app.twins.get(Y)!.entry.buildings;
    for (const b of ['b1', 'b2']) {
      const item: any = byId.get(b);
      const expected = sumOf(aggregateMeters(b, 'energy_kwh'), 'energy_kwh', from, to);
      expect(expected).toBeGreaterThan(10);
      expect(item.total).toBeCloseTo(expected, 6);
      const households = buildingTotals(doc.get(b)!).households;
      expect(item.households).toBe(households);
      expect(item.perHousehold).toBeCloseTo(expected / households, 8);
      expect(item.value).toBe(item.perHousehold);
      const area = Math.abs(ringArea(doc.get(b)!.footprint)) * doc.get(b)!.floors;
      expect(item.areaM2).toBeCloseTo(area, 6);
      expect(item.perM2).toBeCloseTo(expected / area, 8);
      expect(item.meters).toBe(aggregateMeters(b, 'energy_kwh').length);
    }
    expect((byId.get('b3') as any).total).toBe(0);
    const values = r.body.items.map((i: any) => i.value);
    expect(r.body.scale).toEqual({ min: Math.min(...values), max: Math.max(...values) });
  });

  it('when the named windows are asked for, then each covers its span and sums match', async () => {
    for (const [w, span] of [
      ['24h', DAY],
      ['7d', 7 * DAY],
      ['30d', 30 * DAY],
    ] as const) {
      const r = await energy(`window=${w}&per=m2`);
      expect(r.status).toBe(200);
      expect(r.body.to - r.body.from).toBe(span);
      const b1 = r.body.items.find((i: any) => i.id === 'b1');
      expect(b1.total).toBeCloseTo(sumOf(aggregateMeters('b1', 'energy_kwh'), 'energy_kwh', r.body.from, r.body.to), 6);
      expect(b1.value).toBe(b1.perM2);
    }
    const today = await energy('window=today');
    const local = new Date(today.body.from + 8 * HOUR);
    expect([local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds()]).toEqual([0, 0, 0]);
    const water = await energy('metric=water_m3&window=24h');
    expect(water.body.unit).toBe('m³');
    expect(water.body.items.find((i: any) => i.id === 'b1').total).toBeCloseTo(
      sumOf(aggregateMeters('b1', 'water_m3'), 'water_m3', water.body.from, water.body.to),
      6,
    );
  });

  it('when a building is drilled into, then units and floor cells sum their household sub-meters', async () => {
    const b1 = srv.app.twins.get(Y)!.entry.buildings.get('b1')!;
    const hh = householdMeters('b1');
    const units = await energy('window=24h&level=unit&buildingId=b1&per=household');
    expect(units.status).toBe(200);
    expect(units.body.items).toHaveLength(b1.units.length);
    for (const u of b1.units) {
      const item = units.body.items.find((i: any) => i.id === u.id);
      const ids = hh.filter((d) => d.placement.kind === 'building' && d.placement.unitId === u.id).map((d) => d.id);
      const expected = sumOf(ids, 'energy_kwh', units.body.from, units.body.to);
      expect(item.total).toBeCloseTo(expected, 6);
      expect(item.perHousehold).toBeCloseTo(expected / unitTotals(u).households, 8);
      expect(item.meters).toBe(ids.length);
    }
    const floors = await energy('window=24h&level=floor&buildingId=b1');
    const cell = floors.body.items.find((i: any) => i.id === 'b1-u2/3');
    expect(cell).toMatchObject({ kind: 'floor', buildingId: 'b1', unitId: 'b1-u2', floor: 3 });
    const ids = hh.filter((d) => d.placement.kind === 'building' && d.placement.unitId === 'b1-u2' && d.placement.floor === 3).map((d) => d.id);
    expect(cell.total).toBeCloseTo(sumOf(ids, 'energy_kwh', floors.body.from, floors.body.to), 6);
    const cellsTotal = floors.body.items.reduce((s: number, i: any) => s + i.total, 0);
    expect(cellsTotal).toBeCloseTo(
      sumOf(
        hh.map((d) => d.id),
        'energy_kwh',
        floors.body.from,
        floors.body.to,
      ),
      6,
    );
  });

  it('when a building uses far more than over its previous windows, then it is flagged with its ratio and baseline', async () => {
    const r = await energy('window=24h');
    expect(r.body.outlierRule).toMatchObject({ baselinePeriods: 4, factor: 1.5 });
    expect(r.body.baselineWindows).toHaveLength(4);
    expect(r.body.baselineWindows[0]).toEqual({ from: r.body.from - DAY, to: r.body.to - DAY });
    const b2 = r.body.items.find((i: any) => i.id === 'b2');
    const base = r.body.baselineWindows.map((w: any) => sumOf(aggregateMeters('b2', 'energy_kwh'), 'energy_kwh', w.from, w.to));
    expect(b2.baseline).toBeCloseTo(base.reduce((s: number, x: number) => s + x, 0) / 4, 6);
    expect(b2.ratio).toBeGreaterThan(2.5);
    expect(b2.outlier).toBe(true);
    const b1 = r.body.items.find((i: any) => i.id === 'b1');
    expect(b1.outlier).toBe(false);
    expect(b1.ratio).toBeGreaterThan(0.7);
    expect(b1.ratio).toBeLessThan(1.3);
    // 30 days back there are only 12 days of history: too few previous windows for a baseline.
    const month = await energy('window=30d');
    expect(month.body.items.find((i: any) => i.id === 'b2')).toMatchObject({ baseline: null, ratio: null, outlier: false });
  });

  it('when readings arrive days late, then the next maintenance refresh brings them into the heatmap', async () => {
    const b4 = aggregateMeters('b4', 'energy_kwh');
    const now = Date.now();
    const from = now - 10 * DAY - ((now - 10 * DAY + 8 * HOUR) % DAY);
    await write(b4, 'energy_kwh', from, from + DAY, () => 0.5);
    await refreshAggregates(srv.db); // what the embedded maintenance timer runs
    const r = await energy(`window=custom&from=${from}&to=${from + 2 * DAY}`);
    expect(r.body.items.find((i: any) => i.id === 'b4').total).toBeCloseTo(sumOf(b4, 'energy_kwh', from, from + 2 * DAY), 6);
    expect(sumOf(b4, 'energy_kwh', from, from + 2 * DAY)).toBeCloseTo(0.5 * 96 * b4.length, 6);
  });

  it('when parameters are bad, then the answer names the parameter', async () => {
    const cases: [string, number, RegExp][] = [
      ['metric=gas_m3', 400, /metric/],
      ['window=fortnight', 400, /window/],
      ['window=custom', 400, /from/],
      ['window=24h&from=1', 400, /window/],
      [`window=custom&from=${Date.now()}&to=${Date.now() - DAY}`, 400, /from: must be before to/],
      ['window=custom&from=yesterday', 400, /from/],
      ['level=unit', 400, /buildingId/],
      ['level=floor&buildingId=b99', 400, /buildingId: building "b99"/],
      ['per=person', 400, /per/],
      ['colour=red', 400, /colour/],
    ];
    for (const [q, status, msg] of cases) {
      const r = await energy(q);
      expect(r.status, q).toBe(status);
      expect(r.body.error, q).toMatch(msg);
    }
    const nope = await fetch(`${srv.url}/api/v1/compounds/nope/energy`, { headers: (await srv.login('admin')).headers });
    expect(nope.status).toBe(404);
  });
});
