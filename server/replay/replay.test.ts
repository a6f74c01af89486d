import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/startTestServer';

const Y = 'yaguang-xincun';
const HYDRANT = 'yg-b2-u1-f6-hydrant';
const MIN = 60_000;
let srv: TestServer;
const now = Date.now();
/** The low-pressure alarm is raised at t1 and clears by itself at t2. */
const t1 = now - 3 * 60 * MIN;
const t2 = now - 60 * MIN;
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
  return { status: res.status, body: (await res.json()) as any };
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

  it('when the moment lies after the clear, then the alarm is gone; the device is online while it reports and offline once silent', async () => {
    const after = await stateAt(t2 + 2 * MIN);
    expect(after.alarms.map((x: any) => x.id)).not.toContain(alarmId);
    expect(after.devices.find((d: any) => d.deviceId === HYDRANT)).toEqual({ deviceId: HYDRANT, status: 'online', lastSeen: t2 + 2 * MIN });
    const silent = await stateAt(new Date(t2 + 30 * MIN).toISOString());
    expect(silent.devices.find((d: any) => d.deviceId === HYDRANT)).toEqual({ deviceId: HYDRANT, status: 'offline', lastSeen: null });
    const before = await stateAt(t1 - 10 * MIN);
    expect(before.alarms).toEqual([]);
    expect(before.devices.find((d: any) => d.deviceId === HYDRANT).status).toBe('offline');
  });

  it('when the moment is replayed, then work orders show the status, assignee, priority and comments they had then', async () => {
    expect((await stateAt(t1 + MIN)).workOrders).toEqual([]);
    const assigned = (await stateAt(t1 + 30 * MIN)).workOrders.find((w: any) => w.id === workOrderId);
    expect(assigned).toMatchObject({ status: 'assigned', assignee: 'wang', priority: 'urgent', startedAt: null, resolvedAt: null, respondedAt: t1 + 25 * MIN, slaAt: t1 + 30 * MIN });
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

  it('when the moment or window is bad, then the answer says which parameter and why', async () => {
    const cases: [string, number, RegExp][] = [
      [`/compounds/${Y}/state-at`, 400, /t/],
      [`/compounds/${Y}/state-at?t=yesterday`, 400, /t/],
      [`/compounds/${Y}/state-at?t=${now - 8 * 24 * 60 * MIN}`, 400, /t: .* more than 7 days ago/],
      [`/compounds/${Y}/state-at?t=${Date.now() + 60 * MIN}`, 400, /t: .* in the future/],
      [`/compounds/${Y}/timeline?from=${now}&to=${now - MIN}`, 400, /from: must be before to/],
      [`/compounds/${Y}/timeline?to=${now}`, 400, /from/],
      [`/compounds/${Y}/timeline?from=${now - 30 * 24 * 60 * MIN}`, 400, /7 days/],
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
