import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { TwinClient } from '../testing/twinClient';
import { call, type TestAuth } from '../testing/testAuth';

const Y = 'yaguang-xincun';
const S = 'sanhe-guanggu';
let srv: TestServer;
let admin: TestAuth;
const clients: TwinClient[] = [];
const ingestWith = (key: string, readings: unknown[]) => call(srv.url, '/ingest', { body: { readings }, headers: { 'x-api-key': key } });

beforeAll(async () => {
  srv = await startTestServer();
  admin = await srv.login('admin');
});
afterAll(async () => {
  for (const c of clients) c.close();
  await srv?.close();
});

describe('device keys', () => {
  it('when an admin creates a key for a gateway, then it is shown once, ingests for its compound only, and its last use is listed', async () => {
    const k = await call(srv.url, '/admin/keys', { as: admin, body: { compoundId: Y, name: '3栋网关' } });
    expect(k.status).toBe(201);
    expect(k.body.key).toMatch(/^ctk_[\w-]{32}$/);
    const ok = await ingestWith(k.body.key, [{ deviceId: 'yg-b3-em', metric: 'power_kw', ts: Date.now() - 1_000, value: 1.5 }]);
    expect(ok.body).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const foreign = await ingestWith(k.body.key, [{ deviceId: 'sg-b1-u1-f1-smoke', metric: 'smoke', ts: Date.now() - 1_000, value: 1 }]);
    expect(foreign.status).toBe(422);
    expect(foreign.body.rejected[0].reason).toMatch(/unknown device "sg-b1-u1-f1-smoke" in this compound/);
    const list = (await call(srv.url, `/admin/keys?compoundId=${Y}`, { as: admin })).body;
    const row = list.find((x: any) => x.id === k.body.id);
    expect(row).toMatchObject({ compoundId: Y, name: '3栋网关', revokedAt: null });
    expect(row.lastUsedAt).toBeGreaterThan(Date.now() - 10_000);
    expect(JSON.stringify(list)).not.toContain(k.body.key);
  });

  it('when a key is revoked, then its very next batch is refused (no waiting for the key cache)', async () => {
    const k = (await call(srv.url, '/admin/keys', { as: admin, body: { compoundId: S, name: 'gateway to retire' } })).body;
    const reading = () => [{ deviceId: 'sg-b1-em', metric: 'power_kw', ts: Date.now() - Math.floor(Math.random() * 60_000), value: 2 }];
    expect((await ingestWith(k.key, reading())).status).toBe(200);
    expect((await call(srv.url, `/admin/keys/${k.id}`, { as: admin, method: 'DELETE' })).status).toBe(204);
    const after = await ingestWith(k.key, reading());
    expect(after.status).toBe(401);
    expect(after.body.error).toMatch(/unknown or revoked/);
    expect((await call(srv.url, `/admin/keys/${k.id}`, { as: admin, method: 'DELETE' })).status).toBe(404);
    const row = (await call(srv.url, '/admin/keys', { as: admin })).body.find((x: any) => x.id === k.id);
    expect(row.revokedAt).toBeGreaterThan(0);
  });

  it('when anyone but an admin calls the admin API, then it is refused', async () => {
    for (const who of ['officer-yaguang', 'evaluator', 'wall'] as const) {
      const a = await srv.login(who);
      expect((await call(srv.url, '/admin/keys', { as: a, body: { compoundId: Y, name: 'x' } })).status).toBe(403);
      expect((await call(srv.url, '/admin/audit', { as: a })).status).toBe(403);
    }
    const bad = await call(srv.url, '/admin/keys', { as: admin, body: { compoundId: 'nowhere', name: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/unknown compound "nowhere"/);
  });
});

describe('users and wall tokens', () => {
  it('when an admin creates a user with a weak password, a taken name or an unknown compound, then it is refused with the field named', async () => {
    const base = { username: 'new-officer', role: 'officer', compounds: [Y], password: 'long enough pass' };
    expect((await call(srv.url, '/admin/users', { as: admin, body: { ...base, password: 'short' } })).body.error).toMatch(/password.*10 characters/);
    expect((await call(srv.url, '/admin/users', { as: admin, body: { ...base, compounds: ['nowhere'] } })).body.error).toMatch(/unknown compound "nowhere"/);
    expect((await call(srv.url, '/admin/users', { as: admin, body: { ...base, role: 'wall' } })).status).toBe(400);
    expect((await call(srv.url, '/admin/users', { as: admin, body: { ...base, compounds: ['*'] } })).body.error).toMatch(/only for admins/);
    expect((await call(srv.url, '/admin/users', { as: admin, body: { ...base, isAdmin: true } })).status).toBe(400);
    expect((await call(srv.url, '/admin/users', { as: admin, body: base })).status).toBe(201);
    expect((await call(srv.url, '/admin/users', { as: admin, body: base })).status).toBe(409);
    const own = await call(srv.url, `/admin/users/${admin.user.id}`, { as: admin, method: 'PATCH', body: { disabled: true } });
    expect(own.status).toBe(400);
  });

  it('when an admin issues a wall token, then the wall signs in with it; when it is revoked, then the wall is cut off at once', async () => {
    const t = await call(srv.url, '/admin/wall-tokens', { as: admin, body: { name: '三和光谷 指挥中心大屏', compounds: [S], expiresInDays: 365 } });
    expect(t.status).toBe(201);
    expect(t.body.url).toBe(`/wall?token=${t.body.token}`);
    const ex = await call(srv.url, '/auth/wall', { body: { token: t.body.token } });
    expect(ex.body.user).toMatchObject({ role: 'wall', compounds: [S] });
    const c = new TwinClient(srv.url, { token: t.body.token });
    clients.push(c);
    await c.connect();
    expect((await c.join(S)).ok).toBe(true);
    expect((await c.join(Y)).ok).toBe(false);
    const gone = new Promise<string>((r) => c.socket.once('disconnect', r));
    expect((await call(srv.url, `/admin/wall-tokens/${t.body.id}`, { as: admin, method: 'DELETE' })).status).toBe(204);
    expect(await gone).toBe('io server disconnect');
    expect((await call(srv.url, '/auth/wall', { body: { token: t.body.token } })).status).toBe(401);
    const cookie = ex.headers.get('set-cookie')!.split(';')[0];
    expect((await call(srv.url, '/me', { headers: { cookie } })).status).toBe(401);
    const list = (await call(srv.url, '/admin/wall-tokens', { as: admin })).body;
    expect(list.find((x: any) => x.id === t.body.id)).toMatchObject({ revokedAt: expect.any(Number), compounds: [S] });
  });
});

describe('audit log', () => {
  it('when state changes, then the admin can read who did what, when and from where', async () => {
    const officer = await srv.login('officer-yaguang');
    await call(srv.url, '/ingest', {
      body: { readings: [{ deviceId: 'yg-b2-u1-f1-smoke', metric: 'smoke', ts: Date.now() - 2_000, value: 1 }] },
      headers: { 'x-api-key': srv.key(Y) },
    });
    const [a] = (await call(srv.url, `/alarms?deviceId=yg-b2-u1-f1-smoke`, { as: officer })).body;
    expect((await call(srv.url, `/alarms/${a.id}/ack`, { as: officer, body: { comment: '已到场' } })).status).toBe(200);
    expect((await call(srv.url, `/alarms/${a.id}/ack`, { as: officer, body: { comment: 'again' } })).status).toBe(409);
    const log = (await call(srv.url, '/admin/audit?limit=100', { as: admin })).body;
    const acks = log.filter((e: any) => e.action === 'POST /alarms/:id/ack' && e.target === String(a.id));
    expect(acks.map((e: any) => e.detail.status)).toEqual([409, 200]);
    expect(acks[1]).toMatchObject({ actor: 'officer-yaguang', ip: expect.stringMatching(/127\.0\.0\.1/), detail: { role: 'officer' } });
    expect(acks[1].at).toBeGreaterThan(Date.now() - 60_000);
    const actions = new Set(log.map((e: any) => e.action));
    for (const x of ['api_key.create', 'api_key.revoke', 'user.create', 'wall_token.create', 'wall_token.revoke', 'auth.login'])
      expect(actions, x).toContain(x);
    const byActor = (await call(srv.url, '/admin/audit?actor=officer-yaguang', { as: admin })).body;
    expect(byActor.every((e: any) => e.actor === 'officer-yaguang')).toBe(true);
  });
});
