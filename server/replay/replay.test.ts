import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORK_ORDER_SLA_MIN } from '../../models';
import { startOfZoneDay } from '../../models/zoneTime';
import { startTestServer, type TestServer } from '../testing/startTestServer';

const Y = 'yaguang-xincun';
const HYDRANT = 'yg-b2-u1-f6-hydrant';
/** A second hydrant whose pressure drops at t3, after the first alarm. */
const HYDRANT2 = 'yg-b1-u1-f6-hydrant';
/** A staircase-lighting meter: an aggregate meter, so its energy counts in the KPIs. */
const METER = 'yg-b1-u1-light-pm';
const MIN = 60_000;
let srv: TestServer;
const now = Date.now();
/** The low-pressure alarm is raised at t1 and clears by itself at t2. */
const t1 = now - 3 * 60 * MIN;
const t2 = now - 60 * MIN;
const t3 = t1 + 60 * MIN;
/** Energy readings around t1: one before it, one after it. */
const energy = [
  { ts: t1 - 20 * MIN, value: 1.5 },
  { ts: t1 + 20 * MIN, value: 2.5 },
];
let alarmId: number;
let workOrderId: number;

async function ingest(readings: unknown[]) {
  const res = await fetch(`${srv.url}/api/v1/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': srv.key(Y) },
    body: JSON.stringify({ readings }),
  });
  expect(res.status).toBe(200);
}
async function get(path: string) {
  const res = await fetch(`${srv.url}/api/v1${path}`, { headers: (await srv.login('officer-yaguang')).headers });
  return { status: res.status, body: await res.json() };
}
const stateAt = async (t: number | string) => (await get(`/compounds/${Y}/state-at?t=${t}`)).body;

beforeAll(async () => {
  srv = await startTestServer();
  // Pressure low for 31 s (rule: 30 s) → raised at t1; normal every 30 s from t2 for 5 minutes, then silence.
  await ingest([
    { deviceId: HYDRANT, metric: 'pressure_mpa', ts: t1 - 31_000, value: 0.05 },
    { deviceId: HYDRANT, metric: 'pressure_mpa', ts: t1, value: 0.06 },
  ]);
  await ingest(Array.from({ length: 10 }, (_, i) => ({ deviceId: HYDRANT, metric: 'pressure_mpa', ts: t2 + i * 30_000, value: 0.33 })));
  await ingest([
    { deviceId: HYDRANT2, metric: 'pressure_mpa', ts: t3 - 31_000, value: 0.05 },
    { deviceId: HYDRANT2, metric: 'pressure_mpa', ts: t3, value: 0.05 },
  ]);
  await ingest(energy.map((e) => ({ deviceId: METER, metric: 'energy_kwh', ...e })));
  // Filtered by rule: the maintenance sweep may meanwhile raise the hydrant's offline alarm (it has been silent).
  const a = (await get(`/alarms?deviceId=${HYDRANT}`)).body.find((x: any) => x.ruleId === 'hydrant.low_pressure');
  expect(a).toMatchObject({ ruleId: 'hydrant.low_pressure', active: false, raisedAt: t1, clearedAt: t2 });
  alarmId = a.id;
  // Acknowledged only now: before now the replay must show it unacknowledged.
  const ack = await fetch(`${srv.url}/api/v1/alarms/${alarmId}/ack`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await srv.login('officer-yaguang')).headers },
    body: JSON.stringify({ comment: '已复核' }),
  });
  expect(ack.status).toBe(200);
  // A work order worked through in the past, step by step.
  const wo = srv.app.workOrders;
  const w = await wo.create({ compoundId: Y, alarmId, description: '' }, 'officer-yaguang', t1 + 5 * MIN);
  workOrderId = w.id;
  await wo.update(w.id, { assignee: 'wang' }, 'officer-yaguang', t1 + 25 * MIN);
  await wo.update(w.id, { status: 'in_progress' }, 'wang', t1 + 40 * MIN);
  await wo.update(w.id, { assignee: 'li', priority: 'low' }, 'officer-yaguang', t1 + 50 * MIN);
  await wo.update(w.id, { status: 'resolved', comment: '阀门已更换' }, 'li', t2 + 5 * MIN);
  await wo.update(w.id, { status: 'closed' }, 'officer-yaguang', t2 + 20 * MIN);
});
afterAll(async () => srv?.close());

describe('history replay', () => {
  it('when the moment lies between raise and clear, then the alarm is active, unacknowledged as it was then, and its device in alarm', async () => {
    const s = await stateAt(t1 + 10 * MIN);
    expect(s.t).toBe(t1 + 10 * MIN);
    const a = s.alarms.find((x: any) => x.id === alarmId);
    expect(a).toMatchObject({ active: true, acknowledged: false, ackAt: null, ackBy: null, clearedAt: null, raisedAt: t1, count: 1 });
    expect(s.devices.find((d: any) => d.deviceId === HYDRANT)).toMatchObject({ status: 'alarm' });
    expect(s.counts.online + s.counts.offline + s.counts.alarm).toBe(srv.app.twins.get(Y)!.entry.doc.devices.length);
    expect(s.counts.alarm).toBe(1);
    expect(typeof s.tookMs).toBe('number');
  });

  it('when the moment lies after the clear but before the acknowledgement, then the alarm is returned-unacknowledged; the device is online while it reports and offline once silent', async () => {
    const after = await stateAt(t2 + 2 * MIN);
    expect(after.alarms.find((x: any) => x.id === alarmId)).toMatchObject({
      active: false,
      acknowledged: false,
      state: 'rtn_unack',
      returnedAt: t2,
      clearedAt: t2,
    });
    expect(after.devices.find((d: any) => d.deviceId === HYDRANT)).toEqual({ deviceId: HYDRANT, status: 'online', lastSeen: t2 + 2 * MIN });
    const silent = await stateAt(new Date(t2 + 30 * MIN).toISOString());
    expect(silent.devices.find((d: any) => d.deviceId === HYDRANT)).toEqual({ deviceId: HYDRANT, status: 'offline', lastSeen: t2 + 9 * 30_000 });
    const before = await stateAt(t1 - 10 * MIN);
    expect(before.alarms).toEqual([]);
    expect(before.devices.find((d: any) => d.deviceId === HYDRANT).status).toBe('offline');
  });

  it('when the moment is replayed, then work orders show the status, assignee, priority and comments they had then', async () => {
    expect((await stateAt(t1 + MIN)).workOrders).toEqual([]);
    const assigned = (await stateAt(t1 + 30 * MIN)).workOrders.find((w: any) => w.id === workOrderId);
    expect(assigned).toMatchObject({
      status: 'assigned',
      assignee: 'wang',
      priority: 'urgent',
      startedAt: null,
      resolvedAt: null,
      respondedAt: t1 + 25 * MIN,
      slaAt: t1 + 30 * MIN,
    });
    expect(assigned.overdue).toBe(false);
    expect(assigned.responseBreached).toBe(true);
    const handedOver = (await stateAt(t1 + 55 * MIN)).workOrders.find((w: any) => w.id === workOrderId);
    expect(handedOver).toMatchObject({ status: 'in_progress', assignee: 'li', priority: 'low', startedAt: t1 + 40 * MIN, comments: [] });
    const resolved = (await stateAt(t2 + 10 * MIN)).workOrders.find((w: any) => w.id === workOrderId);
    expect(resolved).toMatchObject({ status: 'resolved', resolvedAt: t2 + 5 * MIN, closedAt: null });
    expect(resolved.comments.map((c: any) => c.text)).toEqual(['阀门已更换']);
    expect((await stateAt(t2 + 30 * MIN)).workOrders.map((w: any) => w.id)).not.toContain(workOrderId);
  });

  it('when a timeline is asked for, then alarm raises and clears and work-order steps come oldest first', async () => {
    const r = await get(`/compounds/${Y}/timeline?from=${t1 - MIN}&to=${now}`);
    expect(r.status).toBe(200);
    const marks = r.body.events.map((e: any) => [e.kind, e.action, e.t]);
    expect(marks).toEqual([
      ['alarm', 'raised', t1],
      ['workorder', 'created', t1 + 5 * MIN],
      ['workorder', 'assigned', t1 + 25 * MIN],
      ['workorder', 'in_progress', t1 + 40 * MIN],
      ['alarm', 'raised', t3],
      ['alarm', 'auto_cleared', t2],
      ['workorder', 'resolved', t2 + 5 * MIN],
      ['workorder', 'closed', t2 + 20 * MIN],
    ]);
    expect(r.body.events[0]).toMatchObject({ id: alarmId, deviceId: HYDRANT, buildingId: 'b2', severity: 'critical' });
    expect(r.body.truncated).toBe(false);
    const few = await get(`/compounds/${Y}/timeline?from=${t1 - MIN}&limit=2`);
    expect(few.body).toMatchObject({ truncated: true });
    expect(few.body.events).toHaveLength(2);
  });

  it('when the KPIs are replayed, then they count the alarms as they were at t: one raised after t is not counted, one cleared after t is', async () => {
    const k = async (t: number) => (await stateAt(t)).kpis;
    const before = await k(t1 - 10 * MIN);
    expect(before).toMatchObject({
      at: t1 - 10 * MIN,
      alarmsAttention: 0,
      alarmsUnacknowledged: 0,
      alarmsActive: { critical: 0, major: 0, minor: 0, warning: 0 },
    });
    // only the first hydrant's alarm: the second one is raised at t3, after this moment
    const one = await k(t3 - 5 * MIN);
    expect(one).toMatchObject({ alarmsAttention: 1, alarmsUnacknowledged: 1, alarmsReturnedUnack: 0, alarmsActive: { critical: 1 } });
    const two = await k(t3 + 5 * MIN);
    expect(two).toMatchObject({ alarmsAttention: 2, alarmsUnacknowledged: 2, alarmsActive: { critical: 2 } });
    // the first one returned at t2 and is acknowledged only now: returned-unacknowledged at t2 + 10 min, not active
    const returned = await k(t2 + 10 * MIN);
    expect(returned).toMatchObject({ alarmsAttention: 2, alarmsUnacknowledged: 2, alarmsReturnedUnack: 1, alarmsActive: { critical: 1 } });
    // alarms raised today up to t, in the compound's zone
    const zone = srv.app.twins.get(Y)!.entry.doc.timeZone;
    const raisedBy = (t: number) => [t1, t3].filter((r) => r <= t && r >= startOfZoneDay(t, zone)).length;
    expect(one.alarmsToday).toBe(raisedBy(t3 - 5 * MIN));
    expect(two.alarmsToday).toBe(raisedBy(t3 + 5 * MIN));
  });

  it('when the KPIs are replayed, then a work order opened before t and closed after t counts as open at t, and not before or after', async () => {
    const k = async (t: number) => (await stateAt(t)).kpis;
    expect((await k(t1 + MIN)).workOrdersOpen).toBe(0);
    const open = await k(t1 + 30 * MIN);
    expect(open.workOrdersOpen).toBe(1);
    expect(open.workOrdersOverdue).toBe(t1 + 30 * MIN > t1 + 5 * MIN + WORK_ORDER_SLA_MIN.urgent.resolve * MIN ? 1 : 0);
    // resolved, not yet closed: still open (the live KPIs' definition)
    expect((await k(t2 + 10 * MIN)).workOrdersOpen).toBe(1);
    expect((await k(t2 + 30 * MIN)).workOrdersOpen).toBe(0);
    const zone = srv.app.twins.get(Y)!.entry.doc.timeZone;
    expect(open.workOrdersToday).toBe(t1 + 5 * MIN >= startOfZoneDay(t1 + 30 * MIN, zone) ? 1 : 0);
  });

  it('when the KPIs are replayed, then the online share and the energy so far today are those at t', async () => {
    const total = srv.app.twins.get(Y)!.entry.doc.devices.length;
    const zone = srv.app.twins.get(Y)!.entry.doc.timeZone;
    const energyBy = (t: number) => energy.filter((e) => e.ts <= t && e.ts >= startOfZoneDay(t, zone)).reduce((s, e) => s + e.value, 0);
    for (const t of [t1 - 25 * MIN, t1, t1 + 30 * MIN]) {
      const s = await stateAt(t);
      expect(s.kpis.devicesTotal).toBe(total);
      expect(s.kpis.devicesOnline).toBe(s.counts.online + s.counts.alarm);
      expect(s.kpis.onlinePct).toBeCloseTo((100 * s.kpis.devicesOnline) / total, 1);
      expect(s.kpis.energyTodayKwh, new Date(t).toISOString()).toBeCloseTo(energyBy(t), 5);
    }
    // the meter's two readings lie 40 min apart (its interval: 15 min): history recorded at that rhythm counts as
    // online for 3 such steps after the last one (not 3 intervals), then offline
    const meter = async (t: number) => (await stateAt(t)).devices.find((d: any) => d.deviceId === METER).status;
    expect(await meter(t1 + 20 * MIN + 80 * MIN)).toBe('online');
    expect(await meter(t1 + 20 * MIN + 125 * MIN)).toBe('offline');
    // the hydrant reports from t2 for 5 minutes, the meter at t1 ± 20 min: online then, offline once silent
    const reporting = await stateAt(t2 + 2 * MIN);
    const silent = await stateAt(t2 + 30 * MIN);
    // between the two: the hydrant fell silent (3 × 30 s) and the meter too (3 × 40 min after t1 + 20 min)
    expect(reporting.kpis.devicesOnline - silent.kpis.devicesOnline).toBe(2);
  });

  it('when devices are named, then their last readings at or before t come back, none after t', async () => {
    const s = await stateAt(`${t2 + 2 * MIN}&devices=${HYDRANT},${METER}`);
    expect(s.readings).toEqual([
      { deviceId: METER, metric: 'energy_kwh', ts: t1 + 20 * MIN, value: 2.5 },
      { deviceId: HYDRANT, metric: 'pressure_mpa', ts: t2 + 2 * MIN, value: 0.33 },
    ]);
    const early = await stateAt(`${t1 + 10 * MIN}&devices=${HYDRANT}`);
    expect(early.readings).toEqual([{ deviceId: HYDRANT, metric: 'pressure_mpa', ts: t1, value: 0.06 }]);
    expect((await stateAt(t1)).readings).toEqual([]);
  });

  it('when the moment or window is bad, then the answer says which parameter and why', async () => {
    const cases: [string, number, RegExp][] = [
      [`/compounds/${Y}/state-at`, 400, /t/],
      [`/compounds/${Y}/state-at?t=yesterday`, 400, /t/],
      [`/compounds/${Y}/state-at?t=${now - 8 * 24 * 60 * MIN}`, 400, /t: .* more than 7 days ago/],
      [`/compounds/${Y}/state-at?t=${Date.now() + 60 * MIN}`, 400, /t: .* in the future/],
      [`/compounds/${Y}/timeline?from=${now}&to=${now - MIN}`, 400, /from: must be before to/],
      [`/compounds/${Y}/timeline?to=${now}`, 400, /from/],
      [`/compounds/${Y}/timeline?from=${now - 30 * 24 * 60 * MIN}`, 400, /7 days/],
      [`/compounds/${Y}/state-at?t=${now}&devices=nope`, 400, /devices: "nope" is not a device of compound/],
      [`/compounds/${Y}/state-at?t=${now}&devices=${Array.from({ length: 21 }, (_, i) => `d${i}`).join(',')}`, 400, /devices.*at most 20/],
      [`/compounds/${Y}/state-at?t=${now}&deviceId=x`, 400, /deviceId/],
    ];
    for (const [path, status, msg] of cases) {
      const r = await get(path);
      expect(r.status, path).toBe(status);
      expect(r.body.error, path).toMatch(msg);
    }
    const res = await fetch(`${srv.url}/api/v1/compounds/nope/state-at?t=${now}`, { headers: (await srv.login('admin')).headers });
    expect(res.status).toBe(404);
  });
});
