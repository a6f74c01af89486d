import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { TwinClient } from '../testing/twinClient';
import { call, type TestAuth } from '../testing/testAuth';

const Y = 'yaguang-xincun';
const S = 'sanhe-guanggu';
const CARE = 'yg-b1-u1-102-care1';
let srv: TestServer;
let staticDir: string;
const clients: TwinClient[] = [];
const as: Record<string, TestAuth> = {};

async function ingest(compoundId: string, readings: unknown[]) {
  const r = await call(srv.url, '/ingest', { body: { readings }, headers: { 'x-api-key': srv.key(compoundId) } });
  expect(r.status).toBe(200);
}
async function socket(auth?: TestAuth): Promise<TwinClient> {
  const c = new TwinClient(srv.url, auth ? { token: auth.token } : {});
  clients.push(c);
  return c.connect();
}
const activeAlarm = async (deviceId: string) => (await call(srv.url, `/alarms?deviceId=${deviceId}&state=active`, { as: as.admin })).body[0];

beforeAll(async () => {
  // A stand-in for the built client: the login page and its assets must load without a session.
  staticDir = mkdtempSync(join(tmpdir(), 'ct-static-'));
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(staticDir, 'assets/app.js'), 'console.log("login page")');
  srv = await startTestServer({ staticDir });
  for (const who of ['admin', 'officer-yaguang', 'officer-sanhe', 'evaluator', 'wall'] as const) as[who] = await srv.login(who);
  const t = Date.now() - 10_000;
  await ingest(Y, [{ deviceId: 'yg-b4-u1-f1-smoke', metric: 'smoke', ts: t, value: 1 }]);
  await ingest(S, [{ deviceId: 'sg-b1-u1-f1-smoke', metric: 'smoke', ts: t, value: 1 }]);
  // An elderly-care sensor that fell silent: an alarm on a household device.
  await ingest(Y, [{ deviceId: CARE, metric: 'heartbeat', ts: Date.now() - 40 * 60_000, value: 1 }]);
  await srv.app.engine.sweep(Date.now());
});
afterAll(async () => {
  for (const c of clients) c.close();
  await srv?.close();
  rmSync(staticDir, { recursive: true, force: true });
});

describe('without signing in', () => {
  it('when nobody is signed in, then only the login page, its assets and /api/health answer', async () => {
    expect((await fetch(`${srv.url}/`)).status).toBe(200);
    expect((await fetch(`${srv.url}/assets/app.js`)).status).toBe(200);
    expect((await call(srv.url, '/api/health')).status).toBe(200);
    for (const path of [
      '/compounds',
      `/compounds/${Y}/twin`,
      '/alarms',
      '/devices/yg-b1-em',
      '/work-orders',
      `/compounds/${Y}/rating`,
      '/admin/users',
      '/no-such-route',
    ]) {
      const r = await call(srv.url, path);
      expect(r.status, path).toBe(401);
    }
    const me = await call(srv.url, '/me');
    expect(me.body).toMatchObject({ error: expect.stringMatching(/not signed in/), demo: true });
    expect((await call(srv.url, `/alarms/1/ack`, { body: { comment: 'x' } })).status).toBe(401);
    await expect(socket()).rejects.toThrow(/unauthorized/);
  });

  it('when a bad cookie or bearer is sent, then it is refused like none', async () => {
    expect((await call(srv.url, '/me', { headers: { cookie: 'ct_session=cts_forged-value-123' } })).status).toBe(401);
    expect((await call(srv.url, '/me', { headers: { authorization: 'Bearer cts_forged-value-123' } })).status).toBe(401);
    await expect(new TwinClient(srv.url, { token: 'cts_forged-value-123' }).connect()).rejects.toThrow(/unauthorized/);
  });
});

describe('the wall display', () => {
  it('when the wall page is opened with ?token=, then a session cookie comes with the page and no login is needed', async () => {
    const page = await fetch(`${srv.url}/wall?token=demo-wall-token`);
    expect(page.status).toBe(200);
    const cookie = page.headers.get('set-cookie')!;
    expect(cookie).toMatch(/ct_session=cts_[^;]+; Path=\/; HttpOnly; SameSite=Strict/);
    const me = await call(srv.url, '/me', { headers: { cookie: cookie.split(';')[0] } });
    expect(me.body.user).toMatchObject({ role: 'wall', compounds: ['*'] });
    expect((await fetch(`${srv.url}/wall?token=wrong-token-value`)).headers.get('set-cookie')).toBeNull();
  });

  it('when the wall token reads and joins, then it may; when it acknowledges or sends other events, then it is refused', async () => {
    expect((await call(srv.url, `/compounds/${Y}/twin`, { as: as.wall })).status).toBe(200);
    const alarm = await activeAlarm('yg-b4-u1-f1-smoke');
    const ack = await call(srv.url, `/alarms/${alarm.id}/ack`, { as: as.wall, body: { comment: 'from the wall' } });
    expect(ack.status).toBe(403);
    expect(ack.body.error).toMatch(/role "wall" may not alarm:act/);
    expect((await activeAlarm('yg-b4-u1-f1-smoke')).acknowledged).toBe(false);
    expect((await call(srv.url, `/compounds/${Y}/rating?format=csv`, { as: as.wall })).status).toBe(403);
    const c = await socket(as.wall);
    expect((await c.join(Y)).ok).toBe(true);
    const other = await (c.socket as any).timeout(2_000).emitWithAck('alarm:ack', { alarmId: alarm.id });
    expect(other).toEqual({ ok: false, error: 'event "alarm:ack" is not allowed' });
  });
});

describe('an officer of one compound', () => {
  it('when the sanhe officer reads yaguang through REST, then every route refuses it or answers as if it did not exist', async () => {
    const o = as['officer-sanhe'];
    for (const path of [
      `/compounds/${Y}`,
      `/compounds/${Y}/twin`,
      `/compounds/${Y}/kpis`,
      `/compounds/${Y}/rating`,
      `/alarms?compoundId=${Y}`,
      `/work-orders?compoundId=${Y}`,
    ]) {
      const r = await call(srv.url, path, { as: o });
      expect(r.status, path).toBe(403);
    }
    // Devices and rows have guessable ids: another compound's are answered like missing ones.
    for (const path of ['/devices/yg-b1-em', '/devices/yg-b1-em/series?metric=power_kw']) expect((await call(srv.url, path, { as: o })).status, path).toBe(404);
    expect((await call(srv.url, '/compounds', { as: o })).body.map((c: any) => c.id)).toEqual([S]);
    const all = (await call(srv.url, '/alarms', { as: o })).body;
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((a: any) => a.compoundId === S)).toBe(true);
    const yAlarm = await activeAlarm('yg-b4-u1-f1-smoke');
    expect((await call(srv.url, `/alarms/${yAlarm.id}`, { as: o })).status).toBe(404);
    const d = (await call(srv.url, '/rating/district', { as: o })).body;
    expect(d.compounds.map((c: any) => c.compoundId)).toEqual([S]);
  });

  it('when the sanhe officer acts on yaguang, then nothing changes', async () => {
    const o = as['officer-sanhe'];
    const yAlarm = await activeAlarm('yg-b4-u1-f1-smoke');
    expect((await call(srv.url, `/alarms/${yAlarm.id}/ack`, { as: o, body: { comment: 'not mine' } })).status).toBe(404);
    expect((await call(srv.url, `/alarms/${yAlarm.id}/clear`, { as: o, body: { comment: 'not mine' } })).status).toBe(404);
    expect((await activeAlarm('yg-b4-u1-f1-smoke')).acknowledged).toBe(false);
    const wo = await call(srv.url, '/work-orders', { as: o, body: { compoundId: Y, title: 'x', category: 'repair', deviceId: 'yg-b1-em' } });
    expect(wo.status).toBe(403);
    // Naming a yaguang alarm or device is naming yaguang, whatever compoundId says.
    expect((await call(srv.url, '/work-orders', { as: o, body: { alarmId: yAlarm.id } })).status).toBe(403);
    expect((await call(srv.url, '/work-orders', { as: o, body: { compoundId: S, deviceId: 'yg-b1-em', title: 'x', category: 'repair' } })).status).toBe(403);
    // Filtering by a yaguang device finds nothing: the officer's compounds are in the query.
    expect((await call(srv.url, `/alarms?deviceId=yg-b1-em`, { as: o })).body).toEqual([]);
    const mine = await call(srv.url, '/work-orders', {
      as: as['officer-yaguang'],
      body: { compoundId: Y, title: '检查电表', category: 'repair', deviceId: 'yg-b1-em' },
    });
    expect(mine.status).toBe(201);
    // An officer may open one from an alarm alone: the alarm names the compound.
    expect((await call(srv.url, '/work-orders', { as: as['officer-yaguang'], body: { alarmId: yAlarm.id } })).status).toBe(201);
    expect((await call(srv.url, `/work-orders/${mine.body.id}/assign`, { as: o, body: { assignee: 'me' } })).status).toBe(404);
    expect((await call(srv.url, `/work-orders/${mine.body.id}`, { as: o })).status).toBe(404);
    expect((await call(srv.url, `/work-orders/${mine.body.id}`, { as: as['officer-yaguang'] })).status).toBe(200);
    expect((await call(srv.url, '/admin/users', { as: o })).status).toBe(403);
  });

  it('when the sanhe officer joins yaguang over Socket.IO, then the join is refused and no yaguang event arrives', async () => {
    const c = await socket(as['officer-sanhe']);
    expect(await c.join(Y)).toEqual({ ok: false, error: `not allowed: read on compound "${Y}"` });
    expect((await c.join(S)).ok).toBe(true);
    await ingest(Y, [{ deviceId: 'yg-b5-u1-f1-smoke', metric: 'smoke', ts: Date.now() - 1_000, value: 1 }]);
    const y = await socket(as['officer-yaguang']);
    await y.join(Y);
    await ingest(Y, [{ deviceId: 'yg-b6-u1-f1-smoke', metric: 'smoke', ts: Date.now() - 1_000, value: 1 }]);
    await y.waitFor('alarm:raised', (e) => e.alarm.deviceId === 'yg-b6-u1-f1-smoke');
    expect(c.events.some((e) => e.payload?.compoundId === Y || e.payload?.alarm?.compoundId === Y)).toBe(false);
  });

  it('when the yaguang officer acknowledges a yaguang alarm, then it works and the officer is recorded', async () => {
    const a = await activeAlarm('yg-b4-u1-f1-smoke');
    const r = await call(srv.url, `/alarms/${a.id}/ack`, { as: as['officer-yaguang'], body: { comment: '已派人' } });
    expect(r.status).toBe(200);
    expect(r.body.ackBy).toBe('officer-yaguang');
  });
});

describe('the evaluator', () => {
  it('when the evaluator tries any change, then it is refused; rating exports are allowed', async () => {
    const e = as.evaluator;
    const a = await activeAlarm('sg-b1-u1-f1-smoke');
    expect((await call(srv.url, `/alarms/${a.id}/ack`, { as: e, body: { comment: 'x' } })).status).toBe(403);
    expect((await call(srv.url, '/work-orders', { as: e, body: { compoundId: Y, title: 'x', category: 'repair' } })).status).toBe(403);
    const csv = await fetch(`${srv.url}/api/v1/compounds/${Y}/rating?format=csv`, { headers: e.headers });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
  });

  it('when the evaluator reads the twin, then per-household devices appear only as aggregates per unit', async () => {
    const e = as.evaluator;
    const doc = (await call(srv.url, `/compounds/${Y}`, { as: e })).body;
    const ids: string[] = doc.devices.map((d: any) => d.id);
    expect(ids).not.toContain(CARE);
    expect(ids.filter((id) => /-\d{3,4}-(care\d|em|wm|smoke)$/.test(id))).toEqual([]);
    const agg = doc.devices.find((d: any) => d.id === 'agg-b1-u1-elderly_sensor');
    expect(agg.name).toMatch(/^1栋1单元 .*×\d+（汇总）$/);
    expect(agg.placement).not.toHaveProperty('floor');
    expect(JSON.stringify(doc)).not.toMatch(/\d{3}室/);
    const twin = (await call(srv.url, `/compounds/${Y}/twin`, { as: e })).body;
    expect(twin.devices.some((s: any) => s.deviceId === CARE)).toBe(false);
    expect(twin.devices.find((s: any) => s.deviceId === 'agg-b1-u1-elderly_sensor').status).toBe('alarm');
    expect((await call(srv.url, `/devices/${CARE}`, { as: e })).status).toBe(403);
    expect((await call(srv.url, `/devices/${CARE}/series?metric=motion`, { as: e })).status).toBe(403);
    const alarms = (await call(srv.url, `/alarms?compoundId=${Y}&deviceType=elderly_sensor`, { as: e })).body;
    expect(alarms.length).toBeGreaterThan(0);
    expect(alarms.every((a: any) => a.deviceId.startsWith('agg-'))).toBe(true);
    expect((await call(srv.url, `/compounds/${Y}/state-at?at=${Date.now()}`, { as: e })).status).toBe(403);
    expect((await call(srv.url, `/compounds/${Y}/energy?level=floor&buildingId=b1`, { as: e })).status).toBe(403);
    expect((await call(srv.url, `/compounds/${Y}/energy`, { as: e })).status).toBe(200);
    // The officer sees the household device itself.
    expect((await call(srv.url, `/alarms?compoundId=${Y}&deviceType=elderly_sensor`, { as: as['officer-yaguang'] })).body[0].deviceId).toBe(CARE);
  });

  it('when the evaluator joins over Socket.IO, then the snapshot and the deltas are masked too', async () => {
    const c = await socket(as.evaluator);
    expect((await c.join(Y)).ok).toBe(true);
    const snap = await c.waitFor('twin:snapshot');
    expect(snap.devices.some((s: any) => s.deviceId === CARE)).toBe(false);
    expect(snap.alarms.filter((a: any) => a.deviceType === 'elderly_sensor').every((a: any) => a.deviceId.startsWith('agg-'))).toBe(true);
    const officer = await socket(as['officer-yaguang']);
    await officer.join(Y);
    await ingest(Y, [
      { deviceId: 'yg-b2-u3-202-care1', metric: 'heartbeat', ts: Date.now() - 40 * 60_000, value: 1 },
      { deviceId: 'yg-b2-em', metric: 'power_kw', ts: Date.now() - 1_000, value: 2 },
    ]);
    await srv.app.engine.sweep(Date.now());
    const full = await officer.waitFor('alarm:raised', (p) => p.alarm.deviceId === 'yg-b2-u3-202-care1');
    const masked = await c.waitFor('alarm:raised', (p) => p.alarm.id === full.alarm.id);
    expect(masked.alarm.deviceId).toBe('agg-b2-u3-elderly_sensor');
    expect(masked.seq).toBe(full.seq);
    await c.waitFor('reading:batch', (b) => b.readings.some((r: any) => r[0] === 'yg-b2-em'));
    // No flat's device id (yg-b1-u1-102-…) in anything the evaluator received.
    expect(c.events.filter((e) => /yg-b\d+-u\d+-\d{3,4}-/.test(JSON.stringify(e.payload))).map((e) => e.name)).toEqual([]);
  });
});

describe('the admin', () => {
  it('when the admin reads the admin API, then users and device keys are listed and no secret is', async () => {
    const users = (await call(srv.url, '/admin/users', { as: as.admin })).body;
    expect(users.map((u: any) => u.username)).toEqual(expect.arrayContaining(['admin', 'officer-yaguang', 'officer-sanhe', 'evaluator']));
    expect(JSON.stringify(users)).not.toMatch(/scrypt|password/i);
    const keys = (await call(srv.url, '/admin/keys', { as: as.admin })).body;
    expect(keys.map((k: any) => k.compoundId).sort()).toEqual([S, Y]);
    expect(JSON.stringify(keys)).not.toMatch(/demo-|hash/);
  });
});
