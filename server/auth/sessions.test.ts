import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { TwinClient } from '../testing/twinClient';
import { call } from '../testing/testAuth';
import { hashPassword, verifyPassword } from './passwords';

const Y = 'yaguang-xincun';
let srv: TestServer;
const clients: TwinClient[] = [];
const login = (username: string, password: string, path = '/auth/login') => call(srv.url, path, { body: { username, password } });
const closed = (c: TwinClient) =>
  new Promise<string>((resolve) => (c.socket.disconnected ? resolve('already') : c.socket.once('disconnect', (why) => resolve(why))));

beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => {
  for (const c of clients) c.close();
  await srv?.close();
});

describe('passwords', () => {
  it('when a password is hashed, then scrypt with its parameters and a salt is stored, and only the right password verifies', async () => {
    const h = await hashPassword('correct horse battery');
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await hashPassword('correct horse battery')).not.toBe(h);
    expect(await verifyPassword('correct horse battery', h)).toBe(true);
    expect(await verifyPassword('correct horse batterY', h)).toBe(false);
    for (const bad of [null, '', 'scrypt$1$1$1$x$y', 'md5$abc', h.replace('32768', '1024')]) expect(await verifyPassword('x', bad)).toBe(false);
  });

  it('when the database is read, then it holds no password or session token in clear', async () => {
    const r = await login('officer-yaguang', 'officer-demo-2026');
    const token = r.headers.get('set-cookie')!.match(/ct_session=([^;]+)/)![1];
    const users = await srv.db.query<{ password_hash: string }>(`select password_hash from users where password_hash is not null`);
    expect(users.rows.every((u) => u.password_hash.startsWith('scrypt$'))).toBe(true);
    const dump = JSON.stringify((await srv.db.query(`select * from sessions`)).rows) + JSON.stringify((await srv.db.query(`select * from wall_tokens`)).rows);
    expect(dump).not.toContain(token);
    expect(dump).not.toContain('demo-wall-token');
    expect(JSON.stringify(users.rows)).not.toContain('officer-demo-2026');
  });
});

describe('signing in and out', () => {
  it('when the right password is sent, then an HttpOnly SameSite=Strict cookie is set and /me names the user', async () => {
    const r = await login('officer-yaguang', 'officer-demo-2026');
    expect(r.status).toBe(200);
    const set = r.headers.get('set-cookie')!;
    expect(set).toMatch(/^ct_session=cts_[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    expect(r.body).toMatchObject({ user: { username: 'officer-yaguang', role: 'officer', compounds: [Y] }, demo: true, masked: false });
    expect(r.body.expiresAt).toBeGreaterThan(Date.now() + 11 * 3_600_000);
    const me = await call(srv.url, '/me', { headers: { cookie: set.split(';')[0] } });
    expect(me.body.user.username).toBe('officer-yaguang');
  });

  it('when a script asks for a token, then it works as a Bearer header and no cookie is set', async () => {
    const r = await login('evaluator', 'evaluator-demo-2026', '/auth/token');
    expect(r.headers.get('set-cookie')).toBeNull();
    const me = await call(srv.url, '/me', { headers: { authorization: `Bearer ${r.body.token}` } });
    expect(me.body).toMatchObject({ user: { role: 'evaluator' }, masked: true });
  });

  it('when the user logs out, then the session stops working at once, over REST and on its socket', async () => {
    const r = await login('admin', 'admin-demo-2026');
    const cookie = r.headers.get('set-cookie')!.split(';')[0];
    const c = new TwinClient(srv.url, { extraHeaders: { cookie } });
    clients.push(c);
    await c.connect();
    expect((await c.join(Y)).ok).toBe(true);
    const gone = closed(c);
    const out = await call(srv.url, '/auth/logout', { method: 'POST', headers: { cookie } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/ct_session=; .*Max-Age=0/);
    expect(await gone).toBe('io server disconnect');
    expect((await call(srv.url, '/me', { headers: { cookie } })).status).toBe(401);
  });

  it('when the password is wrong, then 401; after three misses each further miss doubles the wait (429 with Retry-After), even for the right password', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await login('officer-sanhe', 'wrong-password');
      expect(r.status).toBe(401);
      expect(r.body.error).toBe('wrong username or password');
    }
    expect((await login('officer-sanhe', 'wrong-password')).status).toBe(401); // 4th miss: now locked for 1 s
    const locked = await login('officer-sanhe', 'officer-demo-2026');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBe(1);
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await login('officer-sanhe', 'wrong-password')).status).toBe(401); // 5th miss: 2 s
    const longer = await login('officer-sanhe', 'officer-demo-2026');
    expect(longer.status).toBe(429);
    expect(Number(longer.headers.get('retry-after'))).toBe(2);
    await new Promise((r) => setTimeout(r, 2_100));
    expect((await login('officer-sanhe', 'officer-demo-2026')).status).toBe(200);
    expect((await login('no-such-user', 'whatever-123')).status).toBe(401);
    const audit = (await call(srv.url, '/admin/audit?action=auth.', { as: await srv.login() })).body;
    expect(audit.filter((e: any) => e.action === 'auth.login_failed' && e.actor === 'officer-sanhe').length).toBe(5);
    expect(audit[0]).toMatchObject({ ip: expect.stringMatching(/127\.0\.0\.1/) });
  });
});

describe('expiry and revocation', () => {
  it('when a session expires, then REST answers 401 and its socket is disconnected at that moment', async () => {
    const short = await startTestServer({ security: { sessionTtlMs: 1_500 } });
    try {
      const me = await short.login('officer-yaguang');
      const c = new TwinClient(short.url, { token: me.token });
      clients.push(c);
      await c.connect();
      expect((await c.join(Y)).ok).toBe(true);
      const t0 = Date.now();
      expect(await closed(c)).toBe('io server disconnect');
      expect(Date.now() - t0).toBeLessThan(2_000);
      expect((await call(short.url, '/me', { as: me })).status).toBe(401);
      await expect(new TwinClient(short.url, { token: me.token }).connect()).rejects.toThrow(/unauthorized/);
    } finally {
      await short.close();
    }
  });

  it('when an admin disables a user, then that user is signed out everywhere at once', async () => {
    const admin = await srv.login('admin');
    const u = await call(srv.url, '/admin/users', {
      as: admin,
      body: { username: 'temp-officer', role: 'officer', compounds: [Y], password: 'a long enough passphrase' },
    });
    expect(u.status).toBe(201);
    const r = await login('temp-officer', 'a long enough passphrase');
    const cookie = r.headers.get('set-cookie')!.split(';')[0];
    const c = new TwinClient(srv.url, { extraHeaders: { cookie } });
    clients.push(c);
    await c.connect();
    const gone = closed(c);
    expect((await call(srv.url, `/admin/users/${u.body.id}`, { as: admin, method: 'PATCH', body: { disabled: true } })).status).toBe(200);
    expect(await gone).toBe('io server disconnect');
    expect((await call(srv.url, '/me', { headers: { cookie } })).status).toBe(401);
    expect((await login('temp-officer', 'a long enough passphrase')).status).toBe(401);
  });
});
