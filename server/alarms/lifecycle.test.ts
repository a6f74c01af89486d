// ISA-18.2 alarm lifecycle against a real server and the embedded database: returned-unacknowledged,
// reactivation, latching, shelving (with expiry and audit), out of service, suppression by design, and
// one definition of every count (the KPIs, the list filters and the SQL agree).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALARM_LIST_STATES, inListState, type Alarm, type Kpis } from '../../models';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import type { TestRole } from '../testing/testAuth';

const Y = 'yaguang-xincun';
let srv: TestServer;

async function ingest(readings: { deviceId: string; metric: string; ts: number; value: number }[]) {
  const res = await fetch(`${srv.url}/api/v1/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': srv.key(Y) },
    body: JSON.stringify({ readings }),
  });
  expect(res.status).toBe(200);
}
async function api(path: string, body?: unknown, who: TestRole = 'officer-yaguang') {
  const { headers: auth } = await srv.login(who);
  const res = await fetch(
    `${srv.url}/api/v1${path}`,
    body === undefined ? { headers: auth } : { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify(body) },
  );
  return { status: res.status, body: await res.json() };
}
const list = async (q: string): Promise<Alarm[]> => (await api(`/alarms?compoundId=${Y}&limit=1000&${q}`)).body;
const kpis = async (): Promise<Kpis> => (await api(`/compounds/${Y}/kpis`)).body;
const byDevice = async (deviceId: string, state = 'all') => list(`deviceId=${deviceId}&state=${state}`);

/** Every count the KPIs give equals the length of the list filter that shows it; the SQL of each filter equals `inListState`. */
async function expectOneTruth() {
  const k = await kpis();
  const all = await list('state=all');
  const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
  expect((await list('state=attention')).length).toBe(k.alarmsAttention);
  expect((await list('state=unacked')).length).toBe(k.alarmsUnacknowledged);
  expect((await list('state=active')).length).toBe(sum(k.alarmsActive));
  expect((await list('state=returned')).length).toBe(k.alarmsReturnedUnack);
  expect((await list('state=shelved')).length).toBe(k.alarmsShelved);
  expect((await list('state=suppressed')).length).toBe(k.alarmsSuppressed);
  for (const s of ALARM_LIST_STATES) {
    const sql = (await list(`state=${s}`)).map((a) => a.id).sort();
    expect(sql, `state=${s}`).toEqual(
      all
        .filter((a) => inListState(a, s))
        .map((a) => a.id)
        .sort(),
    );
  }
  // the snapshot's working set is exactly the open alarms
  const open = (await list('state=open')).map((a) => a.id).sort();
  expect([...srv.app.twins.get(Y)!.alarms.keys()].sort()).toEqual(open);
  return k;
}

beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

describe('ISA-18.2 alarm lifecycle', () => {
  const hydrant = 'yg-b3-u1-f6-hydrant';

  it('when hydrant pressure drops and recovers, then the critical alarm stays open as returned-unacknowledged until an officer acknowledges it', async () => {
    const t0 = Date.now() - 300_000;
    await ingest([0, 15_000, 35_000].map((dt) => ({ deviceId: hydrant, metric: 'pressure_mpa', ts: t0 + dt, value: 0.05 })));
    const [raised] = await byDevice(hydrant);
    expect(raised).toMatchObject({ ruleId: 'hydrant.low_pressure', severity: 'critical', state: 'unack', active: true, latched: false });
    expect((await expectOneTruth()).alarmsUnacknowledged).toBe(1);

    await ingest([{ deviceId: hydrant, metric: 'pressure_mpa', ts: t0 + 57_000, value: 0.32 }]);
    const [back] = await byDevice(hydrant);
    expect(back).toMatchObject({ id: raised.id, state: 'rtn_unack', active: false, acknowledged: false, clearedBy: null, returnedAt: t0 + 57_000 });
    // still calling for attention: in the default list, the unacknowledged count, the snapshot
    expect((await list('state=attention')).map((a) => a.id)).toContain(raised.id);
    const k = await expectOneTruth();
    expect(k.alarmsUnacknowledged).toBe(1);
    expect(k.alarmsReturnedUnack).toBe(1);
    expect(k.alarmsActive.critical).toBe(0);
    expect(srv.app.twins.get(Y)!.alarms.has(raised.id)).toBe(true);

    const ack = await api(`/alarms/${raised.id}/ack`, { comment: 'pump restarted, pressure normal' });
    expect(ack.status).toBe(200);
    expect(ack.body.state).toBe('normal');
    expect(srv.app.twins.get(Y)!.alarms.has(raised.id)).toBe(false);
    expect((await list('state=attention')).map((a) => a.id)).not.toContain(raised.id);
    expect((await expectOneTruth()).alarmsUnacknowledged).toBe(0);
  });

  it('when the condition comes back before anyone acknowledged the return, then the same alarm is in alarm again (one alarm to acknowledge)', async () => {
    const d = 'yg-b1-u1-f6-hydrant';
    const t0 = Date.now() - 280_000;
    await ingest([0, 31_000].map((dt) => ({ deviceId: d, metric: 'pressure_mpa', ts: t0 + dt, value: 0.08 })));
    await ingest([{ deviceId: d, metric: 'pressure_mpa', ts: t0 + 40_000, value: 0.3 }]);
    await ingest([60_000, 95_000].map((dt) => ({ deviceId: d, metric: 'pressure_mpa', ts: t0 + dt, value: 0.07 })));
    const rows = await byDevice(d);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ state: 'unack', active: true, count: 2, returnedAt: null });
    const events = (await api(`/alarms/${rows[0].id}`)).body.events.map((e: any) => e.action);
    expect(events).toEqual(['raised', 'auto_cleared', 'reactivated']);
    await expectOneTruth();
  });

  it('when a latched smoke alarm returns to normal, then it stays active (returned) until acknowledged and cleared by a person', async () => {
    const d = 'yg-b5-u1-f2-smoke';
    const t0 = Date.now() - 200_000;
    await ingest([{ deviceId: d, metric: 'smoke', ts: t0, value: 1 }]);
    await ingest([{ deviceId: d, metric: 'smoke', ts: t0 + 60_000, value: 0 }]);
    const [a] = await byDevice(d);
    expect(a).toMatchObject({ latched: true, active: true, state: 'unack', returnedAt: t0 + 60_000 });
    const ack = await api(`/alarms/${a.id}/ack`, { comment: 'resident burnt toast, checked on site' });
    expect(ack.body).toMatchObject({ state: 'ack', active: true });
    // latched: acknowledging alone does not end it
    expect((await list('state=active')).map((x) => x.id)).toContain(a.id);
    const clr = await api(`/alarms/${a.id}/clear`, { comment: 'detector reset' });
    expect(clr.body).toMatchObject({ state: 'normal', active: false, clearedBy: expect.any(String) });
    await expectOneTruth();
  });

  it('when a person clears an unacknowledged alarm, then it is acknowledged with the same comment and closes', async () => {
    const d = 'yg-b6-u1-f1-smoke';
    await ingest([{ deviceId: d, metric: 'smoke', ts: Date.now() - 50_000, value: 1 }]);
    const [a] = await byDevice(d);
    const clr = await api(`/alarms/${a.id}/clear`, { comment: 'test of the detector by maintenance' });
    expect(clr.body).toMatchObject({ state: 'normal', acknowledged: true, ackComment: 'test of the detector by maintenance' });
  });
});

describe('shelving', () => {
  const gate = 'yg-b6-u1-f2-smoke';
  let id = 0;

  it('when a chattering alarm is shelved, then it leaves attention for the minutes chosen, is audited, and a new occurrence is born shelved', async () => {
    const t0 = Date.now() - 900_000;
    await ingest([{ deviceId: gate, metric: 'battery_pct', ts: t0, value: 12 }]);
    const [a] = await byDevice(gate);
    id = a.id;
    expect(a).toMatchObject({ ruleId: 'smoke.low_battery', severity: 'warning', state: 'unack' });

    for (const [body, field] of [
      [{ comment: 'x' }, /minutes/],
      [{ minutes: 0, comment: 'x' }, /minutes/],
      [{ minutes: 1.5, comment: 'x' }, /minutes/],
      [{ minutes: 1e9, comment: 'x' }, /minutes/],
      [{ minutes: '60', comment: 'x' }, /minutes/],
      [{ minutes: 60 }, /comment/],
      [{ minutes: 60, comment: '   ' }, /comment/],
      [{ minutes: 60, comment: 'x', extra: 1 }, /extra/],
    ] as const) {
      const r = await api(`/alarms/${id}/shelve`, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error).toMatch(field);
    }
    // others may not: the evaluator, the wall, another compound's officer (not found), and nothing changed
    expect((await api(`/alarms/${id}/shelve`, { minutes: 60, comment: 'x' }, 'evaluator')).status).toBe(403);
    expect((await api(`/alarms/${id}/shelve`, { minutes: 60, comment: 'x' }, 'wall')).status).toBe(403);
    expect((await api(`/alarms/${id}/shelve`, { minutes: 60, comment: 'x' }, 'officer-sanhe')).status).toBe(404);
    expect((await byDevice(gate))[0].shelvedUntil).toBeNull();
    expect((await api(`/alarms/${id}/unshelve`, { comment: 'x' })).status).toBe(409);

    const before = Date.now();
    const s = await api(`/alarms/${id}/shelve`, { minutes: 30, comment: 'battery flapping around 20 %, replacement booked' });
    expect(s.status).toBe(200);
    expect(s.body).toMatchObject({ state: 'shelved', shelveComment: 'battery flapping around 20 %, replacement booked', shelvedBy: expect.any(String) });
    expect(s.body.shelvedUntil).toBeGreaterThanOrEqual(before + 30 * 60_000);
    expect((await list('state=attention')).map((a) => a.id)).not.toContain(id);
    expect((await list('state=shelved')).map((a) => a.id)).toEqual([id]);
    expect((await expectOneTruth()).alarmsShelved).toBe(1);

    // the battery reads fine again, the alarm returns; acknowledged, it closes; it drops again: the new one is shelved too
    await ingest([{ deviceId: gate, metric: 'battery_pct', ts: t0 + 300_000, value: 25 }]);
    expect((await api(`/alarms/${id}/ack`, { comment: 'seen' })).body.state).toBe('normal');
    await ingest([{ deviceId: gate, metric: 'battery_pct', ts: t0 + 600_000, value: 11 }]);
    const open = await byDevice(gate, 'open');
    expect(open).toHaveLength(1);
    expect(open[0].id).not.toBe(id);
    expect(open[0].state).toBe('shelved');
    id = open[0].id;

    await srv.app.security.audit.idle();
    const audit = (await api('/admin/audit?action=alarm.shelve', undefined, 'admin')).body;
    const rows = Array.isArray(audit) ? audit : (audit.entries ?? audit.items);
    expect(rows.some((e: any) => e.action === 'alarm.shelve' && e.target === String(a.id))).toBe(true);
  });

  it('when the shelving time is up, then the alarm comes back by itself, and unshelving by hand works too', async () => {
    // not yet
    expect(await srv.app.alarms.expireShelves(Date.now())).toBe(0);
    expect(await srv.app.alarms.expireShelves(Date.now() + 31 * 60_000)).toBe(1);
    const [a] = await byDevice(gate, 'open');
    expect(a).toMatchObject({ id, state: 'unack', shelvedUntil: null });
    const ev = (await api(`/alarms/${id}`)).body.events.map((e: any) => [e.action, e.by]);
    expect(ev).toContainEqual(['unshelved', null]);

    expect((await api(`/alarms/${id}/shelve`, { minutes: 5, comment: 'again' })).body.state).toBe('shelved');
    const un = await api(`/alarms/${id}/unshelve`, { comment: 'fixed sooner' });
    expect(un.body).toMatchObject({ state: 'unack', shelvedUntil: null });
    await expectOneTruth();
  });
});

describe('out of service and suppression by design', () => {
  it('when repair work is in progress on a device, then its alarms are recorded but out of service, and come back when the work is resolved', async () => {
    const d = 'yg-b6-u1-f7-hydrant';
    const t0 = Date.now() - 200_000;
    await ingest([0, 40_000].map((dt) => ({ deviceId: d, metric: 'pressure_mpa', ts: t0 + dt, value: 0.06 })));
    const [a] = await byDevice(d);
    const wo = await api('/work-orders', { compoundId: Y, title: 'replace pressure sensor', category: 'repair', priority: 'high', deviceId: d });
    expect(wo.status).toBe(201);
    expect((await byDevice(d))[0].state).toBe('unack');
    await api(`/work-orders/${wo.body.id}/start`, { comment: 'on site' });
    const oos = (await byDevice(d))[0];
    expect(oos).toMatchObject({ id: a.id, state: 'out_of_service', suppressed: 'service', suppressedBy: `work order ${wo.body.id}` });
    expect((await list('state=attention')).map((x) => x.id)).not.toContain(a.id);
    expect((await expectOneTruth()).alarmsSuppressed).toBeGreaterThanOrEqual(1);
    // shelving something out of service makes no sense
    expect((await api(`/alarms/${a.id}/shelve`, { minutes: 5, comment: 'x' })).status).toBe(409);
    await api(`/work-orders/${wo.body.id}/resolve`, { comment: 'sensor replaced' });
    expect((await byDevice(d))[0]).toMatchObject({ state: 'unack', suppressed: null });
    await expectOneTruth();
  });

  it("when a building loses power, then its meters' and gates' offline alarms are suppressed by design, and come back if they outlast it", async () => {
    const main = 'yg-b7-em';
    const pm = srv.app.twins
      .get(Y)!
      .entry.doc.devices.find((x) => x.type === 'public_meter' && x.placement.kind === 'building' && x.placement.buildingId === 'b7')!;
    expect(pm).toBeDefined();
    // the public meter fell silent an hour and a half ago: offline
    await ingest([{ deviceId: pm.id, metric: 'energy_kwh', ts: Date.now() - 5_400_000, value: 0.2 }]);
    await srv.app.engine.sweep(Date.now());
    const [off] = await byDevice(pm.id);
    expect(off).toMatchObject({ ruleId: 'offline.public_meter', state: 'unack' });
    // a household meter at zero is no power cut
    const flat = srv.app.twins
      .get(Y)!
      .entry.doc.devices.find((x) => x.type === 'electric_meter' && x.households === 1 && x.placement.kind === 'building' && x.placement.buildingId === 'b7')!;
    const t0 = Date.now() - 400_000;
    await ingest([0, 130_000].map((dt) => ({ deviceId: flat.id, metric: 'power_kw', ts: t0 + dt, value: 0 })));
    expect(await byDevice(flat.id)).toHaveLength(0);
    // the building's main meter at zero for over two minutes: power loss, and the offline alarm is suppressed
    await ingest([0, 130_000].map((dt) => ({ deviceId: main, metric: 'power_kw', ts: t0 + dt, value: 0 })));
    const [loss] = await byDevice(main);
    expect(loss).toMatchObject({ ruleId: 'power.loss', severity: 'critical', state: 'unack' });
    expect((await byDevice(pm.id))[0]).toMatchObject({ id: off.id, state: 'suppressed', suppressed: 'design', suppressedBy: `alarm ${loss.id} (power.loss)` });
    await expectOneTruth();
    // power back, the meter still silent: its offline alarm calls for attention again
    await ingest([{ deviceId: main, metric: 'power_kw', ts: t0 + 200_000, value: 42 }]);
    expect((await byDevice(main))[0].state).toBe('rtn_unack');
    expect((await byDevice(pm.id))[0]).toMatchObject({ state: 'unack', suppressed: null });
    await expectOneTruth();
  });

  it('when the server restarts, then open alarms, shelves and suppressions are back as they were', async () => {
    const before = (await list('state=open')).map((a) => [a.id, a.state]).sort();
    const k1 = await kpis();
    const again = await startTestServer({ db: srv.db });
    try {
      const { headers } = await again.login('officer-yaguang');
      const after = ((await (await fetch(`${again.url}/api/v1/alarms?compoundId=${Y}&state=open&limit=1000`, { headers })).json()) as Alarm[])
        .map((a) => [a.id, a.state])
        .sort();
      expect(after).toEqual(before);
      const k2 = (await (await fetch(`${again.url}/api/v1/compounds/${Y}/kpis`, { headers })).json()) as Kpis;
      expect([k2.alarmsAttention, k2.alarmsUnacknowledged, k2.alarmsShelved, k2.alarmsSuppressed]).toEqual([
        k1.alarmsAttention,
        k1.alarmsUnacknowledged,
        k1.alarmsShelved,
        k1.alarmsSuppressed,
      ]);
    } finally {
      await again.close();
    }
  });
});
