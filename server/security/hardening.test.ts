import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { TwinClient } from '../testing/twinClient';
import { call, type TestAuth } from '../testing/testAuth';

const Y = 'yaguang-xincun';
let srv: TestServer;
let admin: TestAuth;
const clients: TwinClient[] = [];

beforeAll(async () => {
  srv = await startTestServer({ security: { allowedOrigins: ['https://partner.example'], ingestReadingsPerS: 200, loginIpBurst: 5 } });
  admin = await srv.login();
});
afterAll(async () => {
  for (const c of clients) c.close();
  await srv?.close();
});

describe('security headers', () => {
  it('when any page or API answers, then CSP, nosniff, frame and referrer headers are set and API answers are not cached', async () => {
    for (const path of ['/api/health', '/api/v1/me']) {
      const h = (await fetch(`${srv.url}${path}`)).headers;
      const csp = h.get('content-security-policy')!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("worker-src 'self' blob:");
      expect(csp).toContain("img-src 'self' data: blob:");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      // WebAssembly compilation (the glTF decoders) is the one exception: no 'unsafe-eval' or 'unsafe-inline'
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-/);
      expect(h.get('x-content-type-options')).toBe('nosniff');
      expect(h.get('x-frame-options')).toBe('DENY');
      expect(h.get('referrer-policy')).toBe('no-referrer');
      expect(h.get('cache-control')).toBe('no-store');
      expect(h.get('x-powered-by')).toBeNull();
    }
  });
});

describe('origins', () => {
  it('when a browser on another site calls the API, then it is refused; the same origin and listed origins pass', async () => {
    const evil = await call(srv.url, '/me', { as: admin, headers: { origin: 'https://evil.example' } });
    expect(evil.status).toBe(403);
    expect(evil.body.error).toMatch(/origin https:\/\/evil\.example is not allowed/);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const post = await call(srv.url, '/auth/login', { body: { username: 'admin', password: 'admin-demo-2026' }, headers: { origin: 'https://evil.example' } });
    expect(post.status).toBe(403);
    expect((await call(srv.url, '/me', { as: admin, headers: { origin: srv.url } })).status).toBe(200);
    const partner = await call(srv.url, '/me', { as: admin, headers: { origin: 'https://partner.example' } });
    expect(partner.status).toBe(200);
    expect(partner.headers.get('access-control-allow-origin')).toBe('https://partner.example');
    expect(partner.headers.get('access-control-allow-credentials')).toBe('true');
    const pre = await fetch(`${srv.url}/api/v1/alarms/1/ack`, {
      method: 'OPTIONS',
      headers: { origin: 'https://partner.example', 'access-control-request-method': 'POST' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('when a socket connects from another site, then the handshake is refused', async () => {
    const c = new TwinClient(srv.url, { token: admin.token, extraHeaders: { origin: 'https://evil.example' } });
    clients.push(c);
    await expect(c.connect()).rejects.toThrow();
    const ok = new TwinClient(srv.url, { token: admin.token, extraHeaders: { origin: srv.url } });
    clients.push(ok);
    await ok.connect();
    expect((await ok.join(Y)).ok).toBe(true);
  });
});

describe('size and rate limits', () => {
  it('when a socket floods events, then the excess is refused and the socket keeps working afterwards', async () => {
    const c = await new TwinClient(srv.url, { token: admin.token }).connect();
    clients.push(c);
    const answers = await Promise.all(Array.from({ length: 60 }, () => c.socket.timeout(5_000).emitWithAck('compound:leave', { compoundId: Y })));
    const limited = answers.filter((a: any) => !a.ok && /rate limited/.test(a.error)).length;
    expect(limited).toBeGreaterThanOrEqual(25);
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await c.join(Y)).ok).toBe(true);
  });

  it('when a socket message is larger than the limit, then the socket is dropped', async () => {
    const c = await new TwinClient(srv.url, { token: admin.token }).connect();
    clients.push(c);
    const gone = new Promise<string>((r) => c.socket.once('disconnect', r));
    c.socket.emit('compound:join', { compoundId: 'x'.repeat(200_000) }, () => undefined);
    expect(await gone).toMatch(/transport close|transport error/);
  });

  it('when a gateway sends faster than its key allows, then 429 with Retry-After and nothing of that batch is stored', async () => {
    const readings = (n: number, t0: number) =>
      Array.from({ length: n }, (_, i) => ({ deviceId: 'yg-b7-em', metric: 'energy_kwh', ts: t0 - i * 1000, value: 0.1 }));
    const t0 = Date.now() - 60_000;
    const post = (body: unknown) => call(srv.url, '/ingest', { body, headers: { 'x-api-key': srv.key(Y) } });
    expect((await post({ readings: readings(900, t0) })).status).toBe(200);
    const over = await post({ readings: readings(900, t0 - 2_000_000) });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    const n = await srv.db.query<{ n: number }>(`select count(*)::int as n from readings where device_id = 'yg-b7-em' and metric = 'energy_kwh'`);
    expect(n.rows[0].n).toBe(900);
  });

  it('when one address sprays failed logins over many names, then it is throttled before the per-user delay starts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await call(srv.url, '/auth/login', { body: { username: `guess-${i}`, password: 'password123' } })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
  });

  it('when bad API keys are tried in a burst, then the address is slowed down', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await call(srv.url, '/ingest', { body: { readings: [] }, headers: { 'x-api-key': `guess-${i}` } })).status);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(20);
    expect(statuses.at(-1)).toBe(429);
  });
});
