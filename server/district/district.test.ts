// GET /api/v1/district against a real server on the embedded database: who sees which compounds, the
// figures agreeing with each compound's KPI bar, the sums, the levels of the rating service, bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DistrictSchema, type District, type Kpis } from '../../models';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import type { TestRole } from '../testing/testAuth';

const A = 'yaguang-xincun';
const B = 'sanhe-guanggu';
let srv: TestServer;

const get = async (path: string, who: TestRole | null = 'admin') => {
  const res = await fetch(`${srv.url}/api/v1${path}`, { headers: who ? (await srv.login(who)).headers : {} });
  return { status: res.status, body: (await res.json()) as unknown };
};
const district = async (who: TestRole = 'admin'): Promise<District> => {
  const r = await get('/district', who);
  expect(r.status).toBe(200);
  return DistrictSchema.parse(r.body);
};

beforeAll(async () => {
  srv = await startTestServer();
  // something open in both: a low-pressure alarm on a hydrant (critical rule) and a work order in Yaguang
  const now = Date.now();
  for (const id of [A, B]) {
    const hydrant = srv.app.twins.get(id)!.entry.doc.devices.find((d) => d.type === 'hydrant_pressure')!;
    const res = await fetch(`${srv.url}/api/v1/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': srv.key(id) },
      body: JSON.stringify({ readings: [now - 61_000, now - 30_000, now].map((ts) => ({ deviceId: hydrant.id, metric: 'pressure_mpa', ts, value: 0.05 })) }),
    });
    expect(res.status).toBe(200);
  }
  const smoke = srv.app.twins.get(A)!.entry.doc.devices.find((d) => d.type === 'smoke_detector')!;
  const wo = await fetch(`${srv.url}/api/v1/work-orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await srv.login('admin')).headers },
    body: JSON.stringify({ compoundId: A, deviceId: smoke.id, title: 'district test', category: 'repair' }),
  });
  expect(wo.status).toBe(201);
  // the next KPI pass (every second here) has counted them
  await new Promise((r) => setTimeout(r, 1_500));
}, 120_000);

afterAll(async () => {
  await srv?.close();
});

describe('GET /api/v1/district', () => {
  it('when the admin asks, then both demos come in the order of GET /compounds, placed, with light buildings and no units or devices', async () => {
    const d = await district('admin');
    const list = (await get('/compounds')).body as { id: string }[];
    expect(d.compounds.map((c) => c.id)).toEqual(list.map((c) => c.id));
    expect(d.compounds.map((c) => c.id)).toEqual([B, A]);
    const a = d.compounds.find((c) => c.id === A)!;
    const doc = srv.app.twins.get(A)!.entry.doc;
    expect(a.origin).toEqual(doc.origin);
    expect(a.redLine).toEqual(doc.redLine);
    expect(a.buildings).toHaveLength(doc.buildings.length);
    const b0 = doc.buildings[0];
    expect(a.buildings[0]).toMatchObject({ id: b0.id, footprint: b0.footprint, use: b0.use, height: (b0.baseHeight ?? 0) + b0.floors * b0.floorHeight });
    expect(a.context.roadAreas.length).toBe(doc.roads.length);
    expect(a.district).toBe(doc.district ?? null);
    const text = JSON.stringify(d);
    expect(text).not.toContain('"units"');
    expect(text).not.toContain('"devices":[');
    expect(text).not.toContain(doc.devices[0].id);
    // the centre lies between the two origins
    expect(d.centre.lat).toBeCloseTo((30.4812 + 30.1876) / 2, 6);
    expect(d.centre.lon).toBeCloseTo((114.4107 + 114.9921) / 2, 6);
  });

  it("when compared with each compound's KPI bar, then devices, online, open alarms and open work orders agree, and the totals are their sums", async () => {
    const d = await district('admin');
    const summaries = (await get('/compounds')).body as { id: string; households: number; residents: number }[];
    for (const c of d.compounds) {
      const k = (await get(`/compounds/${c.id}/kpis`)).body as Kpis;
      expect({ devices: c.devices, online: c.online, onlinePct: c.onlinePct, openAlarms: c.openAlarms, workOrdersOpen: c.workOrdersOpen }).toEqual({
        devices: k.devicesTotal,
        online: k.devicesOnline,
        onlinePct: k.onlinePct,
        openAlarms: k.alarmsAttention,
        workOrdersOpen: k.workOrdersOpen,
      });
      const s = summaries.find((x) => x.id === c.id)!;
      expect([c.households, c.residents]).toEqual([s.households, s.residents]);
      expect(Object.values(c.alarmsBySeverity).reduce((x, y) => x + y, 0)).toBe(c.openAlarms);
    }
    // the seeded alarms and work order are counted, so the sums below are not sums of zeros
    expect(d.compounds.every((c) => c.openAlarms >= 1 && c.alarmsBySeverity.critical >= 1)).toBe(true);
    expect(d.compounds.find((c) => c.id === A)!.workOrdersOpen).toBe(1);
    const sum = (f: (c: District['compounds'][number]) => number) => d.compounds.reduce((s, c) => s + f(c), 0);
    expect(d.totals).toMatchObject({
      compounds: 2,
      devices: sum((c) => c.devices),
      online: sum((c) => c.online),
      openAlarms: sum((c) => c.openAlarms),
      workOrdersOpen: sum((c) => c.workOrdersOpen),
      households: sum((c) => c.households),
      residents: sum((c) => c.residents),
    });
    expect(d.totals.devices).toBe(2007 + 2936);
    expect(d.totals.alarmsBySeverity.critical).toBe(sum((c) => c.alarmsBySeverity.critical));
    expect(d.totals.onlinePct).toBe(Math.round((d.totals.online / d.totals.devices) * 1000) / 10);
  });

  it('when compared with the rating district, then each compound has the level the rating service gives', async () => {
    const d = await district('admin');
    const r = (await get('/rating/district')).body as { rubric: { id: string }; compounds: { compoundId: string; level: { id: string } | null }[] };
    expect(d.rubric.id).toBe(r.rubric.id);
    for (const c of d.compounds) expect(c.level?.id ?? null).toBe(r.compounds.find((x) => x.compoundId === c.id)!.level?.id ?? null);
    const other = await get('/district?rubric=hubei-smart-compound-2023');
    expect(other.status).toBe(200);
    expect((other.body as District).rubric).toMatchObject({ id: 'hubei-smart-compound-2023', levels: 2 });
  });

  it("when an officer asks, then only the officer's compound comes back and the totals are its own", async () => {
    const s = await district('officer-sanhe');
    expect(s.compounds.map((c) => c.id)).toEqual([B]);
    expect(s.totals.devices).toBe(s.compounds[0].devices);
    expect(JSON.stringify(s)).not.toContain(A);
    const y = await district('officer-yaguang');
    expect(y.compounds.map((c) => c.id)).toEqual([A]);
    expect(y.totals.compounds).toBe(1);
  });

  it('when the evaluator asks, then every compound comes back (aggregates only)', async () => {
    const e = await district('evaluator');
    expect(e.compounds.map((c) => c.id)).toEqual([B, A]);
  });

  it('when no one is signed in, then 401; a bad parameter or unknown rubric is a 4xx naming it', async () => {
    expect((await get('/district', null)).status).toBe(401);
    const bad = await get('/district?colour=red');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('colour');
    const none = await get('/district?rubric=no-such-rubric');
    expect(none.status).toBe(404);
    expect(JSON.stringify(none.body)).toContain('no-such-rubric');
    expect((await get('/district?rubric=a&rubric=b')).status).toBe(400);
  });
});
