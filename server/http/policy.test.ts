import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAlarm } from '../db/alarms.repo';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { call } from '../testing/testAuth';
import { errorHandler } from './errors';
import { none, type PolicyDeps } from './policy';
import { refuseUndeclared } from './routePolicies';
import { secureRouter, strictRouter } from './secureRouter';

const deps: PolicyDeps = { compoundOfDevice: () => undefined, isHouseholdDevice: () => false, demo: false };

describe('deny by default', () => {
  it('when a route is added without a policy, then it is refused (403) and named, while a declared one answers', async () => {
    const app = express();
    const plain = strictRouter();
    plain.get('/api/forgot', (_req, res) => void res.json({ leaked: true }));
    const declared = secureRouter(deps);
    declared.get('/api/fine', { gate: 'public', compound: none() }, () => ({ ok: true }));
    app.use(plain);
    app.use(declared.router);
    app.use(errorHandler(() => undefined));
    const missing = refuseUndeclared(app, '/api');
    expect(missing.map((r) => `${r.method} ${r.path}`)).toEqual(['get /api/forgot']);
    const srv = app.listen(0, '127.0.0.1');
    await new Promise((r) => srv.once('listening', r));
    const base = `http://127.0.0.1:${(srv.address() as { port: number }).port}`;
    try {
      const forgot = await fetch(`${base}/api/forgot`);
      expect(forgot.status).toBe(403);
      expect(await forgot.json()).toEqual({ error: 'GET /api/forgot has no declared access policy: refused' });
      expect((await fetch(`${base}/api/fine`)).status).toBe(200);
      // Refusing twice adds nothing: the refusal is already in front.
      expect(refuseUndeclared(app, '/api')).toHaveLength(1);
      expect((await fetch(`${base}/api/forgot`)).status).toBe(403);
    } finally {
      srv.close();
    }
  });
});

describe('scope in the query', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ tickMs: 3_600_000 });
  });
  afterAll(async () => {
    await srv.close();
  });

  it("when other compounds' alarms are newer, then an officer's page of 20 still holds 20 of its own", async () => {
    const t0 = Date.now() - 3_600_000;
    const mk = (compoundId: string, deviceId: string, at: number) =>
      insertAlarm(srv.db, {
        compoundId,
        deviceId,
        deviceType: 'smoke_detector',
        buildingId: null,
        ruleId: 'smoke',
        severity: 'critical',
        message: { zh: '烟感', en: 'Smoke' },
        value: 1,
        at,
      });
    for (let i = 0; i < 25; i++) await mk('yaguang-xincun', `yg-test-${i}`, t0 + i * 1000);
    for (let i = 0; i < 25; i++) await mk('sanhe-guanggu', `sg-test-${i}`, t0 + 60_000 + i * 1000);
    const officer = await srv.login('officer-yaguang');
    const page = await call(srv.url, '/alarms?state=all&limit=20', { as: officer });
    expect(page.status).toBe(200);
    expect(page.body).toHaveLength(20);
    expect(page.body.every((a: { compoundId: string }) => a.compoundId === 'yaguang-xincun')).toBe(true);
    // Asking for the other compound by name is refused, not answered empty.
    expect((await call(srv.url, '/alarms?compoundId=sanhe-guanggu', { as: officer })).status).toBe(403);
    const orders = await call(srv.url, '/work-orders?compoundId=sanhe-guanggu', { as: officer });
    expect(orders.status).toBe(403);
  });

  it('when ids, dates and names are absurd or probe households, then the answer is a 4xx naming them, never a 500', async () => {
    const admin = await srv.login('admin');
    const officer = await srv.login('officer-yaguang');
    const evaluator = await srv.login('evaluator');
    const status = async (path: string, as: typeof admin | null, opts: { method?: string; body?: unknown } = {}) =>
      (await call(srv.url, path, { as, ...opts })).status;
    expect(await status('/alarms?since=-271821-04-20', officer)).toBe(400);
    expect(await status('/work-orders?alarmId=2147483648', officer)).toBe(400);
    expect(await status('/work-orders', officer, { body: { alarmId: 2147483648 } })).toBe(400);
    expect(await status('/admin/users/2147483648', admin, { method: 'PATCH', body: { displayName: 'x' } })).toBe(400);
    expect(await status('/admin/keys/99999999999999999999', admin, { method: 'DELETE' })).toBe(400);
    expect(await status('/admin/wall-tokens/9007199254740993', admin, { method: 'DELETE' })).toBe(400);
    // A masked caller may not single out a flat's device through a list filter.
    const care = srv.app.twins.registry.get('yaguang-xincun')!.doc.devices.find((d) => d.type === 'elderly_sensor')!.id;
    expect(await status(`/alarms?deviceId=${care}`, evaluator)).toBe(403);
    expect(await status(`/work-orders?deviceId=${care}`, evaluator)).toBe(403);
    expect(await status(`/alarms?deviceId=${care}`, officer)).toBe(200);
    // Express's automatic OPTIONS answer lists a path's methods: not before sign-in.
    expect((await fetch(`${srv.url}/api/v1/admin/users`, { method: 'OPTIONS' })).status).toBe(401);
    // Usernames sign in case-insensitively: "Admin" beside "admin" is refused.
    expect(
      await status('/admin/users', admin, {
        body: { username: 'Officer-Yaguang', role: 'officer', compounds: ['yaguang-xincun'], password: 'long-enough-pass' },
      }),
    ).toBe(409);
  });

  it('when a wall token is issued, then its display sees households masked unless the admin chose to show them', async () => {
    const admin = await srv.login('admin');
    const household = srv.app.twins.registry.get('yaguang-xincun')!.doc.devices.find((d) => d.type === 'elderly_sensor')!.id;
    const wallSees = async (showHouseholds?: boolean) => {
      const t = await call(srv.url, '/admin/wall-tokens', {
        as: admin,
        body: { name: `w${String(showHouseholds)}`, compounds: ['yaguang-xincun'], ...(showHouseholds === undefined ? {} : { showHouseholds }) },
      });
      expect(t.status).toBe(201);
      expect(t.body.showHouseholds).toBe(showHouseholds ?? false);
      const res = await fetch(`${srv.url}/api/v1/auth/wall`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: t.body.token }),
      });
      const me = await res.json();
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
      const twin = await fetch(`${srv.url}/api/v1/compounds/yaguang-xincun/twin`, { headers: { cookie } });
      expect(twin.status).toBe(200);
      return { masked: me.masked as boolean, named: (await twin.text()).includes(`"${household}"`) };
    };
    expect(await wallSees()).toEqual({ masked: true, named: false });
    expect(await wallSees(false)).toEqual({ masked: true, named: false });
    expect(await wallSees(true)).toEqual({ masked: false, named: true });
  });
});
