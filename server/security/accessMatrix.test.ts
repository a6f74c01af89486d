// The generated security suite: every route the app serves (read from its router, cross-checked with the
// OpenAPI document) × every role (anonymous, officer of A, officer of B, evaluator, wall of A, admin) ×
// path spellings (as declared, upper case, capitalised, trailing slash, double slash, percent-encoded
// letter, prefix case), checking the status and, on every refused or misspelt write, that nothing in the
// database changed. Then every declared Socket.IO event the same way. Expectations come from the role
// table below (README's), not from the policies under test; a route missing from the table fails by name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action } from '../../models';
import { DEMO_WALL_TOKEN } from '../auth/accounts.service';
import { isHouseholdDevice } from './householdMask';
import { servedRoutes, type ServedRoute } from '../openapi/routeTable';
import { declaredSocketEvents } from '../realtime/socketPolicies';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import type { TestAuth } from '../testing/testAuth';
import { TwinClient } from '../testing/twinClient';

const A = 'yaguang-xincun';
const B = 'sanhe-guanggu';

type Role = 'anonymous' | 'officerA' | 'officerB' | 'evaluator' | 'wallA' | 'admin';
const ROLES: Role[] = ['anonymous', 'officerA', 'officerB', 'evaluator', 'wallA', 'admin'];

/** README's role table: what each role may do, and which compounds it holds. */
const MAY: Record<Role, { actions: Action[]; compounds: string[] | '*'; masked: boolean }> = {
  anonymous: { actions: [], compounds: [], masked: true },
  officerA: { actions: ['read', 'alarm:act', 'workorder:manage', 'operate', 'rating:export'], compounds: [A], masked: false },
  officerB: { actions: ['read', 'alarm:act', 'workorder:manage', 'operate', 'rating:export'], compounds: [B], masked: false },
  evaluator: { actions: ['read', 'rating:export'], compounds: '*', masked: true },
  wallA: { actions: ['read'], compounds: [A], masked: true },
  admin: { actions: ['read', 'alarm:act', 'workorder:manage', 'operate', 'rating:export', 'compound:edit', 'admin'], compounds: '*', masked: false },
};

type Gate = 'public' | 'signed-in' | Action;
/** Every route with who may call it, whether masked callers get it (false: refused, it shows households) and whether it names compound A. */
/** `hidden`: the path names a device or row by id; outside the caller's compounds it is answered like a missing one (404). */
const TABLE: Record<string, { gate: Gate; masked: boolean; ofA: boolean; hidden?: boolean }> = {
  'get /api/health': { gate: 'public', masked: true, ofA: false },
  'get /api/openapi.json': { gate: 'signed-in', masked: true, ofA: false },
  'get /api/docs': { gate: 'signed-in', masked: true, ofA: false },
  'post /api/v1/auth/login': { gate: 'public', masked: true, ofA: false },
  'post /api/v1/auth/token': { gate: 'public', masked: true, ofA: false },
  'post /api/v1/auth/wall': { gate: 'public', masked: true, ofA: false },
  'post /api/v1/auth/logout': { gate: 'public', masked: true, ofA: false },
  'get /api/v1/me': { gate: 'signed-in', masked: true, ofA: false },
  'get /api/v1/basemap': { gate: 'signed-in', masked: true, ofA: false },
  'post /api/v1/ingest': { gate: 'public', masked: true, ofA: false },
  'post /api/v1/ingest/camera-events': { gate: 'public', masked: true, ofA: false },
  'get /api/v1/compounds': { gate: 'read', masked: true, ofA: false },
  'get /api/v1/compounds/:id': { gate: 'read', masked: true, ofA: true },
  'get /api/v1/compounds/:id/twin': { gate: 'read', masked: true, ofA: true },
  'get /api/v1/compounds/:id/kpis': { gate: 'read', masked: true, ofA: true },
  'get /api/v1/compounds/:id/alarm-metrics': { gate: 'read', masked: true, ofA: true },
  'get /api/v1/compounds/:id/energy': { gate: 'read', masked: true, ofA: true },
  'get /api/v1/compounds/:id/energy/hourly': { gate: 'read', masked: true, ofA: true },
  'get /api/v1/compounds/:id/alarm-metrics/hourly': { gate: 'read', masked: true, ofA: true },
  'get /api/v1/compounds/:id/rating': { gate: 'read', masked: true, ofA: true },
  'get /api/v1/compounds/:id/state-at': { gate: 'read', masked: false, ofA: true },
  'get /api/v1/compounds/:id/timeline': { gate: 'read', masked: false, ofA: true },
  'get /api/v1/devices/:id': { gate: 'read', masked: true, ofA: true, hidden: true },
  'get /api/v1/devices/:id/series': { gate: 'read', masked: true, ofA: true, hidden: true },
  // camera video (server/video): the matrix's device is no camera, so allowed callers get a quick 404, never a stream
  'get /api/v1/devices/:id/stream': { gate: 'read', masked: true, ofA: true, hidden: true },
  'get /api/v1/devices/:id/stream/mjpeg': { gate: 'read', masked: true, ofA: true, hidden: true },
  'get /api/v1/devices/:id/stream/hls/*path': { gate: 'read', masked: true, ofA: true, hidden: true },
  'post /api/v1/devices/:id/stream/whep': { gate: 'read', masked: true, ofA: true, hidden: true },
  'get /api/v1/devices/:id/still': { gate: 'read', masked: true, ofA: true, hidden: true },
  'get /api/v1/alarms': { gate: 'read', masked: true, ofA: false },
  'get /api/v1/alarms/:id': { gate: 'read', masked: true, ofA: true, hidden: true },
  'get /api/v1/alarms/:id/snapshot': { gate: 'read', masked: true, ofA: true, hidden: true },
  'post /api/v1/alarms/:id/ack': { gate: 'alarm:act', masked: false, ofA: true, hidden: true },
  'post /api/v1/alarms/:id/clear': { gate: 'alarm:act', masked: false, ofA: true, hidden: true },
  'post /api/v1/alarms/:id/shelve': { gate: 'alarm:act', masked: false, ofA: true, hidden: true },
  'post /api/v1/alarms/:id/unshelve': { gate: 'alarm:act', masked: false, ofA: true, hidden: true },
  'get /api/v1/work-orders': { gate: 'read', masked: true, ofA: false },
  'post /api/v1/work-orders': { gate: 'workorder:manage', masked: false, ofA: true },
  'get /api/v1/work-orders/:id': { gate: 'read', masked: true, ofA: true, hidden: true },
  'patch /api/v1/work-orders/:id': { gate: 'workorder:manage', masked: false, ofA: true, hidden: true },
  'post /api/v1/work-orders/:id/comments': { gate: 'workorder:manage', masked: false, ofA: true, hidden: true },
  'post /api/v1/work-orders/:id/:action': { gate: 'workorder:manage', masked: false, ofA: true, hidden: true },
  'get /api/v1/compounds/:id/staff': { gate: 'workorder:manage', masked: false, ofA: true },
  'post /api/v1/admin/teams': { gate: 'admin', masked: false, ofA: false },
  'patch /api/v1/admin/teams/:id': { gate: 'admin', masked: false, ofA: false },
  'post /api/v1/admin/staff': { gate: 'admin', masked: false, ofA: false },
  'patch /api/v1/admin/staff/:id': { gate: 'admin', masked: false, ofA: false },
  'get /api/v1/rubrics': { gate: 'read', masked: true, ofA: false },
  'get /api/v1/rating/district': { gate: 'read', masked: true, ofA: false },
  'get /api/v1/district': { gate: 'read', masked: true, ofA: false },
  'get /api/v1/compounds/:id/operations': { gate: 'read', masked: true, ofA: true },
  'get /api/v1/district/operations': { gate: 'read', masked: true, ofA: false },
  // operations (issue 18): revenue ingest by key; fee bills (aggregates to masked callers, arrears and import to officers); residents' repair requests
  'post /api/v1/ingest/revenue': { gate: 'public', masked: true, ofA: false },
  'put /api/v1/compounds/:id/fees': { gate: 'operate', masked: false, ofA: true },
  'get /api/v1/compounds/:id/fees': { gate: 'read', masked: true, ofA: true },
  'get /api/v1/compounds/:id/fees/arrears': { gate: 'operate', masked: false, ofA: true },
  'get /api/v1/repair/places': { gate: 'public', masked: true, ofA: false },
  'post /api/v1/repair-requests': { gate: 'public', masked: true, ofA: false },
  'get /api/v1/repair-requests/:token': { gate: 'public', masked: true, ofA: false },
  'post /api/v1/repair-requests/:token/rating': { gate: 'public', masked: true, ofA: false },
  'get /api/v1/repair-requests': { gate: 'workorder:manage', masked: false, ofA: false },
  'get /api/v1/work-orders/:id/photo': { gate: 'workorder:manage', masked: false, ofA: true, hidden: true },
  // acting from the twin (issue 19): broadcasts and device commands are issued by officers of the compound and admins; gateways poll and ack by key
  'get /api/v1/broadcast-templates': { gate: 'read', masked: true, ofA: false },
  'post /api/v1/compounds/:id/broadcasts/preview': { gate: 'operate', masked: false, ofA: true },
  'post /api/v1/compounds/:id/broadcasts': { gate: 'operate', masked: false, ofA: true },
  'get /api/v1/compounds/:id/broadcasts': { gate: 'read', masked: true, ofA: true },
  'get /api/v1/broadcasts/:id': { gate: 'read', masked: true, ofA: true, hidden: true },
  'post /api/v1/broadcasts/:id/retry': { gate: 'operate', masked: false, ofA: true, hidden: true },
  'post /api/v1/broadcasts/:id/stop': { gate: 'operate', masked: false, ofA: true, hidden: true },
  'post /api/v1/compounds/:id/commands': { gate: 'operate', masked: false, ofA: true },
  'get /api/v1/compounds/:id/commands': { gate: 'read', masked: false, ofA: true },
  'get /api/v1/commands/:id': { gate: 'read', masked: false, ofA: true, hidden: true },
  'post /api/v1/commands/:id/retry': { gate: 'operate', masked: false, ofA: true, hidden: true },
  'get /api/v1/compounds/:id/screens': { gate: 'read', masked: true, ofA: true },
  'get /api/v1/gateway/commands': { gate: 'public', masked: true, ofA: false },
  'post /api/v1/gateway/commands/:id/ack': { gate: 'public', masked: true, ofA: false },
  'get /api/v1/admin/users': { gate: 'admin', masked: false, ofA: false },
  'post /api/v1/admin/users': { gate: 'admin', masked: false, ofA: false },
  'patch /api/v1/admin/users/:id': { gate: 'admin', masked: false, ofA: false },
  'get /api/v1/admin/wall-tokens': { gate: 'admin', masked: false, ofA: false },
  'post /api/v1/admin/wall-tokens': { gate: 'admin', masked: false, ofA: false },
  'delete /api/v1/admin/wall-tokens/:id': { gate: 'admin', masked: false, ofA: false },
  'get /api/v1/admin/keys': { gate: 'admin', masked: false, ofA: false },
  'post /api/v1/admin/keys': { gate: 'admin', masked: false, ofA: false },
  'delete /api/v1/admin/keys/:id': { gate: 'admin', masked: false, ofA: false },
  'get /api/v1/admin/audit': { gate: 'admin', masked: false, ofA: false },
  'post /api/v1/admin/compounds/import': { gate: 'admin', masked: false, ofA: false },
  'get /api/v1/admin/mqtt': { gate: 'admin', masked: false, ofA: false },
  'get /api/v1/admin/mqtt/auth-files': { gate: 'admin', masked: false, ofA: false },
};

/** What a role should get from a route: allowed, or refused with one of these statuses. */
function expected(role: Role, key: string): 'allowed' | 401 | 403 | 404 {
  const t = TABLE[key];
  if (t.gate === 'public') return 'allowed';
  if (role === 'anonymous') return 401;
  const may = MAY[role];
  if (t.gate !== 'signed-in' && !may.actions.includes(t.gate)) return 403;
  if (may.masked && !t.masked) return 403;
  if (t.ofA && may.compounds !== '*' && !may.compounds.includes(A)) return t.hidden ? 404 : 403;
  return 'allowed';
}

let srv: TestServer;
const auth = {} as Record<Role, TestAuth | null>;
let ids: {
  broadcast: number;
  command: number;
  alarm: number;
  order: number;
  user: number;
  wallToken: number;
  key: number;
  device: string;
  household: string;
  staff: number;
  team: number;
};
let seq = 0;
/** Free text about a household that masked callers must never receive. */
const SECRET = '张三老人';
/** Whether an answer reveals a household: its device id, a flat ("301室") or the free text written about it. */
const revealsHousehold = (text: string): boolean => text.includes(`"${ids.household}"`) || /\d{3,4}室/.test(text) || text.includes(SECRET);

/** The database as far as any route can change it (sessions and the audit log aside: they record the attempt). */
async function fingerprint(): Promise<string> {
  // Last-use stamps are bookkeeping (a key's use is flushed every 30 s, a wall token's on each use), not a change anyone made.
  const tables = [
    'users',
    '(select id, user_id, name, token_hash, expires_at, revoked_at, show_households from wall_tokens)',
    '(select id, compound_id, name, key_hash, revoked_at from api_keys)',
    'alarms',
    'alarm_events',
    'alarm_shelves',
    'work_orders',
    'work_order_events',
    'compounds',
    'staff',
    'teams',
    'broadcasts',
    'device_commands',
  ];
  const sql = tables.map((t) => `(select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) from ${t} x)`).join(` || ',' || `);
  const r = await srv.db.query<{ h: string }>(`select ${sql} || ',' || (select count(*) from readings)::text as h`);
  return r.rows[0].h;
}

function concrete(r: ServedRoute): string {
  return r.path
    .replace('/compounds/:id', `/compounds/${A}`)
    .replace('/devices/:id', `/devices/${ids.device}`)
    .replace('/alarms/:id', `/alarms/${ids.alarm}`)
    .replace('/repair-requests/:token', `/repair-requests/${'x'.repeat(43)}`)
    .replace('/work-orders/:id/:action', `/work-orders/${ids.order}/assign`)
    .replace('/work-orders/:id', `/work-orders/${ids.order}`)
    .replace('/broadcasts/:id', `/broadcasts/${ids.broadcast}`)
    .replace('/commands/:id', `/commands/${ids.command}`)
    .replace('/admin/users/:id', `/admin/users/${ids.user}`)
    .replace('/admin/wall-tokens/:id', `/admin/wall-tokens/${ids.wallToken}`)
    .replace('/admin/keys/:id', `/admin/keys/${ids.key}`)
    .replace('/admin/staff/:id', `/admin/staff/${ids.staff}`)
    .replace('/admin/teams/:id', `/admin/teams/${ids.team}`);
}

function query(key: string): string {
  if (key.endsWith('/state-at')) return `?t=${new Date().toISOString()}`;
  if (key.endsWith('/series')) return '?metric=power_kw';
  if (key.endsWith('/import')) return '?dryRun=true&id=matrix-import';
  // the residents' page asks for another compound's places: an answer naming A would read as a leak to officer B
  if (key.endsWith('/repair/places')) return `?compound=${B}`;
  return '';
}

function body(key: string): unknown {
  const n = ++seq;
  const bodies: Record<string, unknown> = {
    'post /api/v1/auth/login': { username: 'officer-yaguang', password: 'officer-demo-2026' },
    'post /api/v1/auth/token': { username: 'officer-yaguang', password: 'officer-demo-2026' },
    'post /api/v1/auth/wall': { token: DEMO_WALL_TOKEN },
    'post /api/v1/ingest': { readings: [] },
    'post /api/v1/ingest/camera-events': { events: [] },
    'post /api/v1/ingest/revenue': { items: [] },
    'put /api/v1/compounds/:id/fees': {},
    'post /api/v1/compounds/:id/broadcasts/preview': {},
    'post /api/v1/compounds/:id/broadcasts': {},
    'post /api/v1/compounds/:id/commands': {},
    'post /api/v1/gateway/commands/:id/ack': { ok: true },
    'post /api/v1/repair-requests': {},
    'post /api/v1/repair-requests/:token/rating': { rating: 5 },
    'post /api/v1/alarms/:id/ack': { comment: 'matrix' },
    'post /api/v1/alarms/:id/clear': { comment: 'matrix', confirm: true },
    'post /api/v1/alarms/:id/shelve': { minutes: 5, comment: 'matrix' },
    'post /api/v1/alarms/:id/unshelve': { comment: 'matrix' },
    'post /api/v1/work-orders': { compoundId: A, title: `matrix ${n}`, category: 'repair' },
    'patch /api/v1/work-orders/:id': { priority: 'urgent' },
    'post /api/v1/work-orders/:id/comments': { text: `matrix ${n}` },
    'post /api/v1/work-orders/:id/:action': { assignee: `staff:${ids.staff}` },
    'post /api/v1/admin/teams': { compoundId: A, name: `matrix ${n}` },
    'patch /api/v1/admin/teams/:id': { name: `matrix ${n}` },
    'post /api/v1/admin/staff': { compoundId: A, name: `matrix ${n}`, trade: 'general' },
    'patch /api/v1/admin/staff/:id': { name: `matrix ${n}` },
    'post /api/v1/admin/users': { username: `matrix${n}`, role: 'officer', compounds: [A], password: 'matrix-password-1' },
    'patch /api/v1/admin/users/:id': { displayName: `Matrix ${n}` },
    'post /api/v1/admin/wall-tokens': { name: `matrix ${n}`, compounds: [A] },
    'post /api/v1/admin/keys': { compoundId: A, name: `matrix ${n}` },
    'post /api/v1/admin/compounds/import': { type: 'FeatureCollection', features: [] },
  };
  return bodies[key];
}

/** Other spellings of a path: each must be unknown (404, or 401 before sign-in), never the route. */
function spellings(path: string): [string, string][] {
  const segs = path.split('/'); // ['', 'api', 'v1', 'alarms', ...]
  const i = segs.length > 3 && segs[2] === 'v1' ? 3 : 2; // first segment after the prefix
  const word = segs[i];
  const at = (w: string) => segs.map((s, j) => (j === i ? w : s)).join('/');
  const out: [string, string][] = [
    ['upper case', at(word.toUpperCase())],
    ['capitalised', at(word[0].toUpperCase() + word.slice(1))],
    ['trailing slash', path + '/'],
    ['double slash', segs.slice(0, i).join('/') + '//' + segs.slice(i).join('/')],
    ['percent-encoded letter', at(`%${word.charCodeAt(0).toString(16)}${word.slice(1)}`)],
    ['prefix case', path.replace('/api/', '/API/')],
  ];
  if (segs[2] === 'v1') out.push(['version case', path.replace('/api/v1/', '/api/V1/')]);
  return out;
}

async function send(method: string, url: string, as: TestAuth | null, payload: unknown) {
  // A gateway's own credential rides along to ingest (public to the session layer, checked by key).
  const headers: Record<string, string> = {
    ...(as?.headers ?? {}),
    ...(url.includes('/ingest') || url.includes('/gateway/') ? { 'x-api-key': srv.key(A) } : {}),
  };
  if (payload !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(srv.url + url, {
    method: method.toUpperCase(),
    headers,
    body: payload === undefined ? undefined : JSON.stringify(payload),
    redirect: 'manual',
  });
  const text = await res.text();
  return { status: res.status, text };
}

beforeAll(async () => {
  // No timers that write on their own: the database changes only through the requests under test.
  srv = await startTestServer({ tickMs: 3_600_000 });
  const admin = await srv.login('admin');
  const reg = srv.app.twins.registry;
  const docA = reg.get(A)!.doc;
  const household = docA.devices.find((d) => isHouseholdDevice(d))!;
  const device = docA.devices.find((d) => !isHouseholdDevice(d) && d.metrics.includes('power_kw')) ?? docA.devices.find((d) => !isHouseholdDevice(d))!;
  // An alarm on one of A's smoke detectors, raised through ingest like a gateway would.
  const smoke = docA.devices.find((d) => d.type === 'smoke_detector' && !isHouseholdDevice(d)) ?? docA.devices.find((d) => d.type === 'smoke_detector')!;
  const ingest = await fetch(`${srv.url}/api/v1/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': srv.key(A) },
    body: JSON.stringify({ readings: [{ deviceId: smoke.id, metric: 'smoke', ts: new Date().toISOString(), value: 1 }] }),
  });
  expect(ingest.status).toBe(200);
  // And one in a flat, with a work order opened from it and a comment naming the household: masked answers must carry neither.
  const flatSmoke = docA.devices.find((d) => d.type === 'smoke_detector' && isHouseholdDevice(d))!;
  await fetch(`${srv.url}/api/v1/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': srv.key(A) },
    body: JSON.stringify({ readings: [{ deviceId: flatSmoke.id, metric: 'smoke', ts: new Date().toISOString(), value: 1 }] }),
  });
  const flatAlarm = JSON.parse((await send('get', `/api/v1/alarms?compoundId=${A}&deviceId=${flatSmoke.id}`, admin, undefined)).text)[0];
  const flatOrder = await send('post', '/api/v1/work-orders', admin, { alarmId: flatAlarm.id, comment: `${SECRET} 住在这里` });
  expect(flatOrder.status).toBe(201);
  expect(flatOrder.text).toMatch(/\d{3,4}室/);
  const alarms = JSON.parse((await send('get', `/api/v1/alarms?compoundId=${A}&state=active&deviceId=${smoke.id}`, admin, undefined)).text);
  const order = JSON.parse((await send('post', '/api/v1/work-orders', admin, { compoundId: A, title: 'matrix target', category: 'repair' })).text);
  const user = JSON.parse(
    (await send('post', '/api/v1/admin/users', admin, { username: 'matrix-target', role: 'officer', compounds: [A], password: 'matrix-password-1' })).text,
  );
  const spare = JSON.parse((await send('post', '/api/v1/admin/wall-tokens', admin, { name: 'spare', compounds: [A] })).text);
  const key = JSON.parse((await send('post', '/api/v1/admin/keys', admin, { compoundId: A, name: 'spare' })).text);
  // The wall of A: a token scoped to A only, issued without households (the default).
  const wallA = JSON.parse((await send('post', '/api/v1/admin/wall-tokens', admin, { name: 'wall of A', compounds: [A] })).text);
  const wallRes = await fetch(`${srv.url}/api/v1/auth/wall`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: wallA.token }),
  });
  const wallCookie = (wallRes.headers.get('set-cookie') ?? '').split(';')[0];
  const team = JSON.parse((await send('post', '/api/v1/admin/teams', admin, { compoundId: A, name: 'matrix team' })).text);
  const member = JSON.parse(
    (await send('post', '/api/v1/admin/staff', admin, { compoundId: A, name: 'matrix staff', trade: 'general', teamId: team.id })).text,
  );
  // A broadcast to one of A's speakers (its command is the one the command routes name).
  const speaker = docA.devices.find((d) => d.type === 'broadcast_speaker')!;
  const cast = await send('post', `/api/v1/compounds/${A}/broadcasts`, admin, {
    place: { kind: 'devices', deviceIds: [speaker.id] },
    channels: ['speaker'],
    message: { title: { zh: '矩阵测试' }, text: { zh: '访问矩阵测试广播' } },
    // no expiry while the matrix runs: the database may change only through the requests under test
    deadlineS: 3600,
  });
  expect(cast.status).toBe(201);
  const castDetail = JSON.parse(cast.text);
  ids = {
    broadcast: castDetail.id,
    command: castDetail.commands[0].id,
    alarm: alarms[0].id,
    order: order.id,
    user: user.id,
    wallToken: spare.id,
    key: key.id,
    device: device.id,
    household: household.id,
    staff: member.id,
    team: team.id,
  };
  auth.anonymous = null;
  auth.admin = admin;
  auth.officerA = await srv.login('officer-yaguang');
  auth.officerB = await srv.login('officer-sanhe');
  auth.evaluator = await srv.login('evaluator');
  auth.wallA = { user: JSON.parse(await wallRes.text()).user, token: wallCookie.split('=')[1], cookie: wallCookie, headers: { cookie: wallCookie } };
}, 120_000);

afterAll(async () => {
  await srv?.close();
});

describe('the route table', () => {
  it('when the app is built, then every route has a declared policy, is in the role table with the same gate, and is documented', async () => {
    const served = servedRoutes(srv.app.express, '/api');
    const undeclared = served.filter((r) => !r.policy).map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(undeclared, 'routes without a declared policy').toEqual([]);
    const missing = served.map((r) => `${r.method} ${r.path}`).filter((k) => !TABLE[k]);
    expect(missing, 'routes missing from the test role table').toEqual([]);
    const wrongGate = served.filter((r) => r.policy!.gate !== TABLE[`${r.method} ${r.path}`].gate).map((r) => `${r.method} ${r.path}: ${r.policy!.gate}`);
    expect(wrongGate, 'routes whose gate differs from the role table').toEqual([]);
    const doc = JSON.parse((await send('get', '/api/openapi.json', auth.admin, undefined)).text) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p.replace(/\{(\w+)\}/g, ':$1')}`));
    expect(
      documented.filter((k) => !TABLE[k]),
      'documented operations not served',
    ).toEqual([]);
  });
});

describe('every socket event × every role', () => {
  it('when each role sends each declared event (and misspelt or undeclared ones), then only readers of the compound are let through', async () => {
    const events = declaredSocketEvents();
    expect(events.map(([e]) => e).sort()).toEqual(['compound:join', 'compound:leave']);
    const failures: string[] = [];
    for (const role of ROLES) {
      const as = auth[role];
      if (!as) {
        await expect(new TwinClient(srv.url, { token: 'none-such-token' }).connect()).rejects.toThrow(/unauthorized/);
        continue;
      }
      const c = new TwinClient(srv.url, { token: as.token });
      await c.connect();
      try {
        for (const [event, policy] of events) {
          for (const compoundId of [A, B]) {
            const may = MAY[role];
            const allowed = may.actions.includes(policy.gate) && (policy.compound === 'none' || may.compounds === '*' || may.compounds.includes(compoundId));
            const r = (await c.socket.timeout(5_000).emitWithAck(event as 'compound:join', { compoundId })) as { ok: boolean; error?: string };
            if (r.ok !== allowed) failures.push(`${role} ${event} ${compoundId}: ${JSON.stringify(r)}, expected ${allowed ? 'ok' : 'refused'}`);
          }
          for (const spelt of [event.toUpperCase(), event + ' ', event.replace(':', '/')]) {
            const r = (await c.socket.timeout(5_000).emitWithAck(spelt as 'compound:join', { compoundId: A })) as { ok: boolean };
            if (r.ok) failures.push(`${role} ${event} spelt "${spelt}": accepted`);
          }
        }
        const other = (await c.socket.timeout(5_000).emitWithAck('alarm:ack' as 'compound:join', { compoundId: A, id: ids.alarm } as never)) as { ok: boolean };
        if (other.ok) failures.push(`${role}: undeclared event alarm:ack accepted`);
        // A join without a compound is refused, not a join of "undefined".
        const bare = (await c.socket.timeout(5_000).emitWithAck('compound:join', {} as never)) as { ok: boolean };
        if (bare.ok) failures.push(`${role}: compound:join without compoundId accepted`);
        // What a reader of A was sent: masked roles never see a household device on its own.
        const snapshots = c.events.filter((e) => e.name === 'twin:snapshot' && e.payload?.compoundId === A).map((e) => JSON.stringify(e.payload));
        if (MAY[role].actions.includes('read') && (MAY[role].compounds === '*' || MAY[role].compounds.includes(A)) && !snapshots.length)
          failures.push(`${role}: no snapshot of ${A}`);
        const namesHousehold = snapshots.some(revealsHousehold);
        if (namesHousehold !== !MAY[role].masked && snapshots.length)
          failures.push(`${role}: snapshot ${namesHousehold ? 'reveals' : 'hides'} a household (device ${ids.household}, a flat or the comment)`);
      } finally {
        c.close();
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);
});

describe('every route × every role × every spelling', () => {
  it('when each role calls each route, then it gets exactly what the role table says, a refused or misspelt write changes nothing, and masked answers hold no household', async () => {
    const served = servedRoutes(srv.app.express, '/api').filter((r) => TABLE[`${r.method} ${r.path}`]);
    // Logging out ends the caller's session: last.
    served.sort((x, y) => Number(x.path.endsWith('/logout')) - Number(y.path.endsWith('/logout')));
    const failures: string[] = [];
    let requests = 0;
    for (const r of served) {
      const key = `${r.method} ${r.path}`;
      const path = concrete(r);
      const write = r.method !== 'get';
      for (const role of ROLES) {
        const as = auth[role];
        const want = expected(role, key);
        // Misspelt first: logging out at the real path ends the session.
        for (const [how, url] of spellings(path)) {
          const b = write ? await fingerprint() : '';
          const v = await send(r.method, url + query(key), as, body(key));
          requests++;
          const ok = as ? v.status === 404 : v.status === 401 || v.status === 404;
          if (!ok) failures.push(`${role} ${key} spelt ${how} (${url}): ${v.status} ${v.text.slice(0, 80)}`);
          if (write && (await fingerprint()) !== b) failures.push(`${role} ${key} spelt ${how}: the database changed`);
        }
        const before = write && want !== 'allowed' ? await fingerprint() : '';
        const got = await send(r.method, path + query(key), as, body(key));
        requests++;
        // a command's dispatch runs after the answer (an offline device fails then): let it land before the next fingerprint
        if (write) await srv.app.commands.idle();
        if (got.status >= 500) failures.push(`${role} ${key}: ${got.status} ${got.text.slice(0, 120)}`);
        else if (want === 'allowed' && (got.status === 401 || got.status === 403))
          failures.push(`${role} ${key}: refused ${got.status} (${got.text.slice(0, 120)}), expected allowed`);
        else if (want !== 'allowed' && got.status !== want) failures.push(`${role} ${key}: ${got.status} (${got.text.slice(0, 120)}), expected ${want}`);
        if (write && want !== 'allowed' && (await fingerprint()) !== before) failures.push(`${role} ${key}: refused but the database changed`);
        if (want === 'allowed' && got.status < 300) {
          if (MAY[role].masked && role !== 'anonymous' && revealsHousehold(got.text))
            failures.push(`${role} ${key}: masked answer reveals a household: ${got.text.match(/.{0,60}(\d{3,4}室|张三).{0,40}/)?.[0] ?? ids.household}`);
          if (role === 'officerB' && !key.includes('/auth/') && new RegExp(`"(compoundId|id)":"${A}"`).test(got.text))
            failures.push(`${role} ${key}: answer holds compound ${A}`);
        }
      }
    }
    console.log(`[access matrix] ${served.length} routes × ${ROLES.length} roles × ${1 + spellings('/api/v1/x').length} spellings: ${requests} requests`);
    expect(failures).toEqual([]);
  }, 300_000);
});
