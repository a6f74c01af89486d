import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { TwinClient } from '../testing/twinClient';
import { openDb } from '../db/openDb';
import type { TestRole } from '../testing/testAuth';

const Y = 'yaguang-xincun';
const MIN = 60_000;
let srv: TestServer;
const clients: TwinClient[] = [];

/** Work is done by the compound's officer; the bad-input checks run as admin so scope checks do not mask them. */
let who: TestRole = 'officer-yaguang';

async function ingest(readings: unknown[]) {
  const res = await fetch(`${srv.url}/api/v1/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': srv.key(Y) },
    body: JSON.stringify({ readings }),
  });
  expect(res.status).toBe(200);
}
async function api(path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') {
  const res = await fetch(`${srv.url}/api/v1${path}`, {
    method,
    headers: { ...(await srv.login(who)).headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}
const patch = (path: string, body: unknown) => api(path, body, 'PATCH');

async function client(): Promise<TwinClient> {
  const c = await new TwinClient(srv.url, { token: (await srv.login(who)).token }).connect();
  clients.push(c);
  expect((await c.join(Y)).ok).toBe(true);
  return c;
}

/** Raises smoke on a detector and returns the alarm. */
async function smokeAlarm(deviceId: string) {
  await ingest([{ deviceId, metric: 'smoke', ts: Date.now() - 5_000, value: 1 }]);
  const [a] = (await api(`/alarms?deviceId=${deviceId}&state=active`)).body;
  expect(a).toBeDefined();
  return a;
}

/** The demo staff member of compound `c` with this trade (seeded in demo mode). */
async function staffOf(c: string, trade: string): Promise<{ id: number; name: string; nameEn: string; teamId: number }> {
  const dir = (await api(`/compounds/${c}/staff`)).body;
  return dir.staff.find((x: any) => x.trade === trade);
}

beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => {
  for (const c of clients) c.close();
  await srv?.close();
});

describe('work orders', () => {
  it('when a work order is opened from an alarm in one click, then it is filled from the alarm, every client gets it live and the snapshot holds it', async () => {
    const [a, b] = [await client(), await client()];
    const alarm = await smokeAlarm('yg-b5-u1-f2-smoke');
    // The officer's client names the compound too: the API guard scopes requests by it.
    const res = await api('/work-orders', { alarmId: alarm.id, compoundId: Y });
    expect(res.status).toBe(201);
    const w = res.body;
    const device = srv.app.twins.registry.device('yg-b5-u1-f2-smoke')!;
    expect(w).toMatchObject({
      compoundId: Y,
      alarmId: alarm.id,
      deviceId: device.id,
      buildingId: 'b5',
      location: device.placement.at,
      category: 'security',
      priority: 'urgent',
      status: 'open',
      slaResponseMin: 15,
      slaResolveMin: 240,
      overdue: false,
      reopened: 0,
    });
    expect(w.title).toContain(device.name);
    expect(w.title).toContain('烟感报警');
    for (const c of [a, b]) {
      const e = await c.waitFor('workorder:updated', (p) => p.workOrder.id === w.id);
      expect(e.workOrder.status).toBe('open');
      expect(e.seq).toBeGreaterThan(0);
    }
    const late = new TwinClient(srv.url, { token: (await srv.login('wall')).token });
    clients.push(late);
    await late.connect();
    await late.join(Y);
    const snap = await late.waitFor('twin:snapshot');
    expect(snap.workOrders.map((x: any) => x.id)).toContain(w.id);

    const again = await api('/work-orders', { alarmId: alarm.id, compoundId: Y });
    expect(again.status).toBe(409);
    expect(again.body.workOrderId).toBe(w.id);
  });

  it('when a work order goes through its lifecycle, then each step is stamped and announced, the history keeps it, and invalid moves are 409 naming from and to', async () => {
    const c = await client();
    const created = await api('/work-orders', {
      compoundId: Y,
      deviceId: 'yg-b3-u1-f6-hydrant',
      title: '消火栓漏水',
      category: 'repair',
      priority: 'high',
      comment: '住户报告',
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ buildingId: 'b3', compoundId: Y, slaResponseMin: 30, slaResolveMin: 1440, assignedAt: null });

    const bad = await api(`/work-orders/${id}/resolve`, {});
    expect(bad.status).toBe(409);
    expect(bad.body).toMatchObject({ from: 'open', to: 'resolved' });
    expect(bad.body.error).toMatch(/from "open" to "resolved"/);

    const plumber = await staffOf(Y, 'plumber');
    const assigned = await patch(`/work-orders/${id}`, { assignee: `staff:${plumber.id}` });
    expect(assigned.body).toMatchObject({ status: 'assigned', assignee: plumber.name, assigneeRef: `staff:${plumber.id}`, assigneeNameEn: plumber.nameEn });
    expect(assigned.body.assignedAt).toBeGreaterThan(0);
    expect(assigned.body.respondedAt).toBe(assigned.body.assignedAt);
    const started = await api(`/work-orders/${id}/start`, {});
    expect(started.body.status).toBe('in_progress');
    expect(started.body.startedAt).toBeGreaterThanOrEqual(assigned.body.assignedAt);
    expect((await api(`/work-orders/${id}/close`, {})).body).toMatchObject({ from: 'in_progress', to: 'closed' });
    const resolved = await api(`/work-orders/${id}/resolve`, { comment: '更换阀门' });
    expect(resolved.body.status).toBe('resolved');
    expect(resolved.body.resolvedAt).toBeGreaterThan(0);
    const closed = await api(`/work-orders/${id}/close`, {});
    expect(closed.body.closedAt).toBeGreaterThan(0);
    expect(srv.app.twins.get(Y)!.workOrders.has(id)).toBe(false);
    expect((await api(`/work-orders/${id}/close`, {})).status).toBe(409);

    const reopened = await api(`/work-orders/${id}/reopen`, { comment: '又漏了' });
    expect(reopened.body).toMatchObject({ status: 'open', reopened: 1, resolvedAt: null, closedAt: null });
    expect(srv.app.twins.get(Y)!.workOrders.get(id)?.status).toBe('open');

    const comment = await api(`/work-orders/${id}/comments`, { text: '已通知物业' });
    expect(comment.status).toBe(201);
    const one = await api(`/work-orders/${id}`);
    expect(one.body.events.map((e: any) => e.action + (e.to ? ':' + e.to : ''))).toEqual([
      'created:open',
      'assignee',
      'transition:assigned',
      'transition:in_progress',
      'transition:resolved',
      'transition:closed',
      'transition:open',
      'comment',
    ]);
    expect(one.body.comments.map((x: any) => x.text)).toEqual(['住户报告', '更换阀门', '又漏了', '已通知物业']);
    expect(one.body.events.every((e: any) => e.by === 'officer-yaguang')).toBe(true);
    expect(one.body.createdBy).toBe('officer-yaguang');

    await c.waitFor('workorder:updated', (p) => p.workOrder.id === id && p.workOrder.comments.length === 4);
    const statuses = c
      .of('workorder:updated')
      .filter((p) => p.workOrder.id === id)
      .map((p) => p.workOrder.status);
    expect(statuses).toEqual(['open', 'assigned', 'in_progress', 'resolved', 'closed', 'open', 'open']);
  });

  it('when a change is refused, then nothing of it is written', async () => {
    const w = (await api('/work-orders', { compoundId: Y, title: '路灯不亮', category: 'repair', location: [10, 20, 0] })).body;
    const r = await patch(`/work-orders/${w.id}`, { priority: 'urgent', status: 'resolved', comment: 'x' });
    expect(r.status).toBe(409);
    const one = (await api(`/work-orders/${w.id}`)).body;
    expect(one).toMatchObject({ priority: 'normal', status: 'open', comments: [] });
    expect(one.events).toHaveLength(1);
  });

  it('when a work order is opened from a point in the scene, then the building under the point is found', async () => {
    const b3 = srv.app.twins.get(Y)!.entry.buildings.get('b3')!;
    const [x, y] = b3.footprint.reduce((s, p) => [s[0] + p[0] / b3.footprint.length, s[1] + p[1] / b3.footprint.length], [0, 0]);
    const r = await api('/work-orders', { compoundId: Y, title: '外墙脱落', category: 'inspection', location: [x, y, 9] });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ buildingId: 'b3', deviceId: null, location: [x, y, 9] });
  });

  it('when the linked alarm is cleared while its work order is pending, then it needs a confirmation; once resolved it does not', async () => {
    const alarm = await smokeAlarm('yg-b6-u1-f3-smoke');
    const security = await staffOf(Y, 'security');
    const w = (await api('/work-orders', { compoundId: Y, alarmId: alarm.id, assignee: `staff:${security.id}` })).body;
    expect(w.status).toBe('assigned');
    const refused = await api(`/alarms/${alarm.id}/clear`, { comment: '处理中' });
    expect(refused.status).toBe(409);
    expect(refused.body.needsConfirm).toBe(true);
    const confirmed = await api(`/alarms/${alarm.id}/clear`, { comment: '确认清除', confirm: true });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.active).toBe(false);

    const alarm2 = await smokeAlarm('yg-b6-u1-f4-smoke');
    const w2 = (await api('/work-orders', { compoundId: Y, alarmId: alarm2.id })).body;
    await api(`/work-orders/${w2.id}/start`, {});
    await api(`/work-orders/${w2.id}/resolve`, {});
    expect((await api(`/alarms/${alarm2.id}/clear`, { comment: '已处理' })).status).toBe(200);
  });

  it('when an urgent order is not answered within 15 minutes, then it is overdue, the list finds it, the sweep announces it, and answering late leaves the breach on record', async () => {
    const c = await client();
    const now = Date.now();
    const w = await srv.app.workOrders.create(
      { compoundId: Y, title: '电梯困人', category: 'security', priority: 'urgent', description: '' },
      'test',
      now - 16 * MIN,
    );
    expect(w.overdue).toBe(false);
    expect(w.responseDueAt).toBe(w.createdAt + 15 * MIN);
    srv.app.workOrders.sweepSla(now); // the maintenance tick may get there first: either way the flip is announced once
    const e = await c.waitFor('workorder:updated', (p) => p.workOrder.id === w.id && p.workOrder.overdue);
    expect(e.workOrder.responseBreached).toBe(true);
    expect(srv.app.twins.get(Y)!.workOrders.get(w.id)!.overdue).toBe(true);

    const overdue = (await api(`/work-orders?compoundId=${Y}&overdue=true`)).body;
    expect(overdue.map((x: any) => x.id)).toContain(w.id);
    expect(overdue.every((x: any) => x.overdue)).toBe(true);
    expect((await api(`/work-orders?compoundId=${Y}&overdue=false`)).body.map((x: any) => x.id)).not.toContain(w.id);

    const team = (await api(`/compounds/${Y}/staff`)).body.teams[1];
    const answered = (await patch(`/work-orders/${w.id}`, { assignee: `team:${team.id}` })).body;
    expect(answered).toMatchObject({ overdue: false, responseBreached: true, resolveBreached: false, assignee: team.name, assigneeRef: `team:${team.id}` });
    expect((await api(`/work-orders?compoundId=${Y}&assignee=team:${team.id}&status=assigned`)).body.map((x: any) => x.id)).toEqual([w.id]);
    const raised = (await patch(`/work-orders/${w.id}`, { priority: 'low' })).body;
    expect(raised).toMatchObject({ slaResponseMin: 480, slaResolveMin: 7 * 24 * 60, responseBreached: false });
  });

  it('when input is bad or refers to nothing, then the answer names the field', async () => {
    who = 'admin';
    const empty = await api('/work-orders', {});
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatch(/title/);
    expect(empty.body.error).toMatch(/category/);
    expect(empty.body.error).toMatch(/compoundId/);
    const cat = await api('/work-orders', { compoundId: Y, title: 'x', category: 'party' });
    expect(cat.status).toBe(400);
    expect(cat.body.error).toMatch(/category/);
    const extra = await api('/work-orders', { compoundId: Y, title: 'x', category: 'repair', owner: 'me' });
    expect(extra.status).toBe(400);
    expect((await api('/work-orders', { alarmId: 987654 })).body.error).toMatch(/alarmId: alarm 987654 not found/);
    expect((await api('/work-orders', { deviceId: 'nope', title: 'x', category: 'repair' })).body.error).toMatch(/deviceId/);
    expect((await api('/work-orders', { compoundId: 'nope', title: 'x', category: 'repair' })).body.error).toMatch(/compoundId: compound "nope" not found/);
    expect((await api('/work-orders', { compoundId: 'sanhe-guanggu', deviceId: 'yg-b1-em', title: 'x', category: 'repair' })).status).toBe(400);
    expect((await api('/work-orders', { compoundId: Y, buildingId: 'b99', title: 'x', category: 'repair' })).body.error).toMatch(/buildingId/);
    expect((await api('/work-orders?compoundId=nope')).status).toBe(404);
    expect((await api('/work-orders?status=flying')).body.error).toMatch(/status/);
    expect((await api('/work-orders?overdue=maybe')).status).toBe(400);
    expect((await api('/work-orders/999999')).status).toBe(404);
    expect((await api('/work-orders/abc')).status).toBe(400);
    const w = (await api('/work-orders', { compoundId: Y, title: 'x', category: 'cleaning' })).body;
    expect((await patch(`/work-orders/${w.id}`, {})).status).toBe(400);
    expect((await patch(`/work-orders/${w.id}`, { status: 'flying' })).body.error).toMatch(/status/);
    expect((await api(`/work-orders/${w.id}/assign`, {})).body.error).toMatch(/assignee/);
    expect((await api(`/work-orders/${w.id}/explode`, {})).status).toBe(404);
    expect((await api(`/work-orders/${w.id}/comments`, { text: ' ' })).status).toBe(400);
    expect((await patch('/work-orders/999999', { comment: 'x' })).status).toBe(404);
    who = 'officer-yaguang';
  });

  it('when someone without the right asks, then the guard refuses: evaluators may read but not change, officers only their compound', async () => {
    who = 'evaluator';
    expect((await api(`/work-orders?compoundId=${Y}`)).status).toBe(200);
    expect((await api('/work-orders', { compoundId: Y, title: 'x', category: 'repair' })).status).toBe(403);
    who = 'officer-sanhe';
    expect((await api('/work-orders', { compoundId: Y, title: 'x', category: 'repair' })).status).toBe(403);
    const [mine] = (await api('/work-orders?compoundId=sanhe-guanggu')).body;
    expect(mine).toBeUndefined();
    who = 'officer-yaguang';
  });
});

describe('work orders across a restart', () => {
  it('when repair work is in progress on a device, then the device reads "maintenance" (API and live feed) until the work is resolved', async () => {
    const d = 'yg-b2-u2-f6-hydrant';
    const status = async () => (await api(`/devices/${d}`)).body.state.status;
    const announced = (c: TwinClient, to: string) => c.waitFor('device:status', (p) => p.changes.some((x: any) => x.deviceId === d && x.status === to));
    await ingest([{ deviceId: d, metric: 'pressure_mpa', ts: Date.now() - 1_000, value: 0.35 }]);
    expect(await status()).toBe('online');
    const c = await client();
    const wo = await api('/work-orders', { compoundId: Y, deviceId: d, title: '更换压力表', category: 'repair', priority: 'high' });
    expect(wo.status).toBe(201);
    expect(await status()).toBe('online'); // opened, not yet in work
    expect((await api(`/work-orders/${wo.body.id}/start`, { comment: '到场' })).body.status).toBe('in_progress');
    expect(await status()).toBe('maintenance');
    await announced(c, 'maintenance');
    // readings while the work goes on do not take it out of maintenance
    await ingest([{ deviceId: d, metric: 'pressure_mpa', ts: Date.now(), value: 0.36 }]);
    expect(await status()).toBe('maintenance');
    expect((await api(`/work-orders/${wo.body.id}/resolve`, { comment: '已更换' })).body.status).toBe('resolved');
    expect(await status()).toBe('online');
    await announced(c, 'online');
    expect(
      c
        .of('device:status')
        .flatMap((p) => p.changes)
        .filter((x: any) => x.deviceId === d)
        .map((x: any) => x.status),
    ).toEqual(['maintenance', 'online']);
  });

  it('when the server restarts on the same database, then pending work orders are back in memory and in the snapshot, closed ones are not, and a device under repair still reads "maintenance"', async () => {
    const db = await openDb();
    const first = await startTestServer({ db });
    const pending = await first.app.workOrders.create(
      { compoundId: Y, title: '楼道灯坏', category: 'repair', description: '', assignee: 'wang' },
      'officer-yaguang',
    );
    const repaired = 'yg-b2-u3-f6-hydrant';
    const inWork = await first.app.workOrders.create(
      { compoundId: Y, deviceId: repaired, title: '检修', category: 'repair', description: '' },
      'officer-yaguang',
    );
    await first.app.workOrders.update(inWork.id, { status: 'in_progress' }, 'officer-yaguang');
    expect(first.app.twins.get(Y)!.live.states.get(repaired)!.status).toBe('maintenance');
    const done = await first.app.workOrders.create({ compoundId: Y, title: '重复工单', category: 'repair', description: '' }, 'officer-yaguang');
    await first.app.workOrders.update(done.id, { status: 'closed', comment: '重复' }, 'officer-yaguang');
    await first.close();
    const second = await startTestServer({ db });
    const c = new TwinClient(second.url, { token: (await second.login('wall')).token });
    try {
      const twin = second.app.twins.get(Y)!;
      expect(twin.workOrders.get(pending.id)).toMatchObject({ status: 'assigned', assignee: 'wang' });
      expect(twin.workOrders.has(done.id)).toBe(false);
      expect(twin.live.states.get(repaired)!.status).toBe('maintenance');
      await c.connect();
      await c.join(Y);
      const snap = await c.waitFor('twin:snapshot');
      expect(snap.workOrders.map((w: any) => w.id).sort((a: number, b: number) => a - b)).toEqual([pending.id, inWork.id]);
      expect(snap.kpis.workOrdersOpen).toBe(2);
      expect(snap.devices.find((x: any) => x.deviceId === repaired)).toMatchObject({ status: 'maintenance' });
      // the work done: the device is what its readings say (none since the restart: offline)
      await second.app.workOrders.update(inWork.id, { status: 'resolved', comment: '完成' }, 'officer-yaguang');
      expect(twin.live.states.get(repaired)!.status).toBe('offline');
    } finally {
      c.close();
      await second.close();
      await db.close();
    }
  });
});
