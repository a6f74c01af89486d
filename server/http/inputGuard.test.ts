import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { call, type TestAuth } from '../testing/testAuth';
import { headerProblem, jsonProblem, MAX_BODY_DEPTH, urlProblem } from './inputGuard';

const Y = 'yaguang-xincun';
const NUL = '\u0000';
let srv: TestServer;
let officer: TestAuth;
let admin: TestAuth;
let workOrderId = 0;
let alarmId = 0;
const logs: string[] = [];

beforeAll(async () => {
  srv = await startTestServer({ log: (m) => logs.push(m) });
  officer = await srv.login('officer-yaguang');
  admin = await srv.login('admin');
  const ts = Date.now() - 5_000;
  const ingest = await fetch(`${srv.url}/api/v1/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': srv.key(Y) },
    body: JSON.stringify({ readings: [{ deviceId: 'yg-b1-u1-f1-smoke', metric: 'smoke', ts, value: 1 }] }),
  });
  expect(ingest.status).toBe(200);
  const alarms = await call(srv.url, '/alarms?deviceId=yg-b1-u1-f1-smoke', { as: officer });
  alarmId = alarms.body[0].id;
  const wo = await call(srv.url, '/work-orders', { as: officer, body: { compoundId: Y, title: 'leak', category: 'repair' } });
  expect(wo.status).toBe(201);
  workOrderId = wo.body.id;
  logs.length = 0;
});
afterAll(() => srv?.close());

const count = async (table: string, where = 'true'): Promise<number> =>
  (await srv.db.query<{ n: number }>(`select count(*)::int as n from ${table} where ${where}`)).rows[0].n;

/** A raw request: the body as text, so lone surrogates and odd keys reach the server as sent. */
async function raw(path: string, opts: { as?: TestAuth; method?: string; body?: string; type?: string } = {}) {
  const res = await fetch(`${srv.url}${path}`, {
    method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
    headers: { ...opts.as?.headers, ...(opts.body === undefined ? {} : { 'content-type': opts.type ?? 'application/json' }) },
    body: opts.body,
  });
  return { status: res.status, body: (await res.json()) as { error: string } };
}

/** The request answers 400 with exactly `reason`, and the rows `tables` count are as they were. */
async function expectRefused(send: () => Promise<{ status: number; body: unknown }>, reason: string, tables: string[] = []) {
  const before = await Promise.all(tables.map((t) => count(t)));
  const res = await send();
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body).toEqual({ error: reason });
  expect(await Promise.all(tables.map((t) => count(t)))).toEqual(before);
}

describe('bad text in a request', () => {
  it('when the login username holds NUL, then 400 names body.username and no session is made', async () => {
    await expectRefused(
      () => call(srv.url, '/auth/login', { body: { username: `admin${NUL}`, password: 'whatever-it-is' } }),
      'body.username: contains a NUL character',
      ['sessions'],
    );
  });

  it('when a work-order title or comment holds NUL, then 400 names the field and nothing is written', async () => {
    const wrote = ['work_orders', 'work_order_events'];
    await expectRefused(
      () => call(srv.url, '/work-orders', { as: officer, body: { compoundId: Y, title: `a${NUL}b`, category: 'repair' } }),
      'body.title: contains a NUL character',
      wrote,
    );
    await expectRefused(
      () => call(srv.url, `/work-orders/${workOrderId}/comments`, { as: officer, body: { text: `x${NUL}` } }),
      'body.text: contains a NUL character',
      wrote,
    );
  });

  it('when an alarm is acknowledged with a NUL in the comment, then 400 and the alarm stays unacknowledged', async () => {
    await expectRefused(
      () => call(srv.url, `/alarms/${alarmId}/ack`, { as: officer, body: { comment: `seen${NUL}` } }),
      'body.comment: contains a NUL character',
      ['alarm_events'],
    );
    expect(await count('alarms', `id = ${alarmId} and acknowledged`)).toBe(0);
  });

  it('when ?deviceId= or ?assignee= holds %00, then 400 names the parameter', async () => {
    await expectRefused(() => call(srv.url, '/alarms?deviceId=yg%00x', { as: officer }), 'query.deviceId: contains a NUL character (%00)');
    await expectRefused(() => call(srv.url, '/work-orders?assignee=%00', { as: officer }), 'query.assignee: contains a NUL character (%00)');
  });

  it('when an admin gives a user a NUL display name or a key a NUL name, then 400 and no user or key is made', async () => {
    await expectRefused(
      () =>
        call(srv.url, '/admin/users', {
          as: admin,
          body: { username: 'nul.tester', displayName: `N${NUL}`, role: 'officer', compounds: [Y], password: 'long-enough-password' },
        }),
      'body.displayName: contains a NUL character',
      ['users'],
    );
    await expectRefused(() => call(srv.url, '/admin/keys', { as: admin, body: { compoundId: Y, name: `gw${NUL}` } }), 'body.name: contains a NUL character', [
      'api_keys',
    ]);
  });

  it('when the path has an invalid percent escape or %00, then 400 names the path', async () => {
    await expectRefused(() => raw('/api/v1/compounds/%E0%A4%A', { as: officer }), 'path: invalid percent-encoding at "%E0%A4%A"');
    await expectRefused(() => raw('/api/v1/compounds/%ZZ', { as: officer }), 'path: invalid percent-encoding at "%"');
    await expectRefused(() => raw(`/api/v1/compounds/${Y}%00/kpis`, { as: officer }), 'path: contains a NUL character (%00)');
    // Outside the API too: the guard runs before every route, static files included.
    await expectRefused(() => raw('/models/%C0%AF.glb'), 'path: invalid percent-encoding at "%C0%AF"');
  });

  it('when a query escape is broken, then 400 names the parameter and quotes the escape', async () => {
    await expectRefused(() => raw('/api/v1/alarms?deviceId=%E0%A4', { as: officer }), 'query.deviceId: invalid percent-encoding at "%E0%A4"');
  });

  it('when a body key holds NUL or a string a lone surrogate, then 400 names where, nothing written', async () => {
    await expectRefused(
      () => raw('/api/v1/work-orders', { as: officer, body: `{"compoundId":"${Y}","title":"t","category":"repair","a\\u0000b":1}` }),
      'body["a\\u0000b"]: key contains a NUL character',
      ['work_orders'],
    );
    await expectRefused(
      () => raw('/api/v1/work-orders', { as: officer, body: `{"compoundId":"${Y}","title":"t\\ud800","category":"repair"}` }),
      'body.title: contains a lone surrogate (not valid Unicode)',
      ['work_orders'],
    );
  });

  it('when a GeoJSON import (JSON or GeoJSON media type) holds NUL, then 400 before the import runs', async () => {
    const ring = [
      [116.4, 39.9],
      [116.4003, 39.9],
      [116.4003, 39.9002],
      [116.4, 39.9002],
      [116.4, 39.9],
    ];
    const fc = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { building: 'yes', name: `b${NUL}` }, geometry: { type: 'Polygon', coordinates: [ring] } }],
    };
    // The route parses application/geo+json itself, after its policy: its parser must be followed by rejectBadBody().
    for (const type of ['application/json', 'application/geo+json']) {
      await expectRefused(
        () => raw('/api/v1/admin/compounds/import?id=nul-test&name=nul', { as: admin, body: JSON.stringify(fc), type }),
        'body.features[0].properties.name: contains a NUL character',
        ['compounds'],
      );
    }
  });

  it('when a body nests deeper than the bound, then 400 without walking it (no stack overflow)', async () => {
    const deep = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
    const res = await raw('/api/v1/work-orders', { as: officer, body: deep(1000) });
    expect(res).toEqual({
      status: 400,
      body: { error: expect.stringMatching(new RegExp(`^body(\\.a){${MAX_BODY_DEPTH}}: nested deeper than ${MAX_BODY_DEPTH} levels$`)) },
    });
    // Deeper than JSON.parse itself takes: the parser's own 400, still no 500.
    expect((await raw('/api/v1/work-orders', { as: officer, body: deep(200_000) })).status).toBe(400);
  });

  it('and none of these client errors logged a stack', () => {
    expect(logs.filter((l) => /\n\s+at |\[http\]/.test(l))).toEqual([]);
  });
});

describe('the checks themselves', () => {
  it('when text is good (unicode, escapes, + for space), then nothing is said', () => {
    expect(urlProblem('/api/v1/work-orders?assignee=%E7%8E%8B+%E4%BC%9F&x&=')).toBeUndefined();
    expect(jsonProblem({ title: '消火栓漏水 😀', n: [1, null, true, { 'a b': 'c' }] })).toBeUndefined();
    expect(headerProblem({ 'user-agent': 'Mozilla/5.0', 'x-forwarded-for': ['1.2.3.4'] })).toBeUndefined();
  });
  it('when a header or a query name is bad, then it is named', () => {
    expect(headerProblem({ 'user-agent': `a${NUL}` })).toBe('header user-agent: contains a NUL character');
    expect(urlProblem('/x?a%00=1')).toBe('query: parameter name contains a NUL character (%00)');
    expect(jsonProblem([{ k: ['ok', '\udc00'] }])).toBe('body[0].k[1]: contains a lone surrogate (not valid Unicode)');
  });
});
