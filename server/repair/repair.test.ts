import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { TwinClient } from '../testing/twinClient';
import type { TestRole } from '../testing/testAuth';

const Y = 'yaguang-xincun';
const S = 'sanhe-guanggu';
let srv: TestServer;
const clients: TwinClient[] = [];
let ipSeq = 1;
let phoneSeq = 1000_0000;

/** A fresh client address per request unless given (the server trusts X-Forwarded-For from loopback in this test). */
const nextIp = () => `10.0.${Math.floor(ipSeq / 250)}.${(ipSeq++ % 250) + 1}`;
const nextPhone = () => `139${String(phoneSeq++).padStart(8, '0')}`;

/** A tiny real JPEG (1×1). */
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////2wBDAf//////////////////////////////////////////////////////////////////////////////////////wAARCAABAAEDASIAAhEBAxEB/8QAFAABAAAAAAAAAAAAAAAAAAAAA//EABQQAQAAAAAAAAAAAAAAAAAAAAD/xAAUAQEAAAAAAAAAAAAAAAAAAAAA/8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAwDAQACEQMRAD8AP//Z',
  'base64',
);

async function send(path: string, body?: unknown, opts: { ip?: string; who?: TestRole; method?: string } = {}) {
  const headers: Record<string, string> = { 'x-forwarded-for': opts.ip ?? nextIp() };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (opts.who) Object.assign(headers, (await srv.login(opts.who)).headers);
  const res = await fetch(`${srv.url}/api/v1${path}`, {
    method: opts.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, headers: res.headers, body: type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer()) };
}

const request = (over: Record<string, unknown> = {}) => ({
  compoundId: Y,
  buildingId: 'b1',
  unitId: 'b1-u1',
  room: '302',
  category: 'water',
  description: '厨房水管漏水，地面积水',
  phone: nextPhone(),
  ...over,
});

async function count(table: string): Promise<number> {
  const r = await srv.db.query<{ n: number }>(`select count(*)::int as n from ${table}`);
  return Number(r.rows[0].n);
}

beforeAll(async () => {
  srv = await startTestServer({ security: { trustProxy: 'loopback' } });
});
afterAll(async () => {
  for (const c of clients) c.close();
  await srv?.close();
});

describe("residents' repair requests", () => {
  it('when the form asks for places, then it gets residential buildings and units only, and 404 for an unknown compound', async () => {
    const res = await send(`/repair/places?compound=${Y}`);
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('雅广新村');
    const doc = srv.app.twins.get(Y)!.entry.doc;
    const residential = doc.buildings.filter((b) => b.use === 'residential' && b.units.length);
    expect(res.body.buildings.map((b: any) => b.id)).toEqual(residential.map((b) => b.id));
    expect(res.body.buildings[0].units[0]).toEqual({ id: residential[0].units[0].id, number: residential[0].units[0].number });
    expect(JSON.stringify(res.body)).not.toMatch(/households|residents|devices|floors/);
    expect((await send('/repair/places?compound=nowhere')).status).toBe(404);
    expect((await send('/repair/places')).status).toBe(400);
  });

  it('when a resident sends a request with a photo, then a resident work order pinned at the entrance reaches the console within a second, and the status is read by token', async () => {
    const c = await new TwinClient(srv.url, { token: (await srv.login('officer-yaguang')).token }).connect();
    clients.push(c);
    expect((await c.join(Y)).ok).toBe(true);
    const phone = nextPhone();
    const t0 = Date.now();
    const res = await send('/repair-requests', request({ phone, photo: { contentType: 'image/jpeg', data: JPEG.toString('base64') } }));
    expect(res.status).toBe(201);
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.body.status).toBe('accepted');
    const ev = await c.waitFor('workorder:updated', (p) => p.workOrder.id === res.body.workOrderId, 1_000);
    expect(Date.now() - t0).toBeLessThan(1_000);
    const unit = srv.app.twins
      .get(Y)!
      .entry.doc.buildings.find((b) => b.id === 'b1')!
      .units.find((u) => u.id === 'b1-u1')!;
    expect(ev.workOrder).toMatchObject({ source: 'resident', category: 'repair', priority: 'normal', buildingId: 'b1', location: [...unit.entrance, 0] });
    expect(ev.workOrder.title).toContain('1栋1单元');
    expect(ev.workOrder.description).toContain(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    expect(ev.workOrder.description).not.toContain(phone);
    // only the token's hash is stored
    const stored = await srv.db.query<{ token_hash: string }>('select token_hash from repair_requests where id = $1', [res.body.id]);
    expect(stored.rows[0].token_hash).not.toContain(res.body.token);

    const st = await send(`/repair-requests/${res.body.token}`);
    expect(st.status).toBe(200);
    expect(st.body).toMatchObject({ id: res.body.id, workOrderId: res.body.workOrderId, status: 'accepted', mayRate: false, room: '302', category: 'water' });
    expect(st.body.timeline).toEqual([{ at: expect.any(Number), status: 'accepted' }]);
    expect(JSON.stringify(st.body)).not.toContain(phone);
    expect((await send(`/repair-requests/${'x'.repeat(43)}`)).status).toBe(404);
    expect((await send('/repair-requests/short')).status).toBe(404);

    // officers: the photo and the full phone; another compound's officer and masked callers: nothing
    const photo = await send(`/work-orders/${res.body.workOrderId}/photo`, undefined, { who: 'officer-yaguang' });
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect(photo.headers.get('x-content-type-options')).toBe('nosniff');
    expect(photo.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(Buffer.compare(photo.body, JPEG)).toBe(0);
    const list = await send(`/repair-requests?compound=${Y}`, undefined, { who: 'officer-yaguang' });
    expect(list.status).toBe(200);
    expect(list.body.requests.find((x: any) => x.id === res.body.id)).toMatchObject({ phone, hasPhoto: true, workOrderId: res.body.workOrderId });
    expect((await send(`/work-orders/${res.body.workOrderId}/photo`, undefined, { who: 'officer-sanhe' })).status).toBe(404);
    expect((await send(`/repair-requests?compound=${Y}`, undefined, { who: 'officer-sanhe' })).status).toBe(403);
    const own = await send('/repair-requests', undefined, { who: 'officer-sanhe' });
    expect(own.body.requests.some((x: any) => x.compoundId === Y)).toBe(false);
    for (const who of ['evaluator', 'wall'] as TestRole[]) {
      expect((await send(`/work-orders/${res.body.workOrderId}/photo`, undefined, { who })).status).toBe(403);
      expect((await send(`/repair-requests?compound=${Y}`, undefined, { who })).status).toBe(403);
    }
    expect((await send(`/work-orders/${res.body.workOrderId}/photo`)).status).toBe(401);
    // the evaluator reads the work order, but not the resident's text
    const masked = await send(`/work-orders/${res.body.workOrderId}`, undefined, { who: 'evaluator' });
    expect(masked.status).toBe(200);
    expect(JSON.stringify(masked.body)).not.toMatch(/302|积水|\*\*\*\*/);
    const full = await send(`/work-orders/${res.body.workOrderId}`, undefined, { who: 'officer-yaguang' });
    expect(full.body.description).toContain('302');
  });

  it('when the resident rates before the work is done, then 409; after closing it is stored once, published, and a second rating is 409', async () => {
    const c = await new TwinClient(srv.url, { token: (await srv.login('officer-yaguang')).token }).connect();
    clients.push(c);
    expect((await c.join(Y)).ok).toBe(true);
    const made = (await send('/repair-requests', request({ buildingId: 'b2', unitId: 'b2-u1' }))).body;
    expect((await send(`/repair-requests/${made.token}/rating`, { rating: 5 })).status).toBe(409);
    for (const action of ['start', 'resolve', 'close'])
      expect((await send(`/work-orders/${made.workOrderId}/${action}`, {}, { who: 'officer-yaguang' })).status).toBe(200);
    const st = (await send(`/repair-requests/${made.token}`)).body;
    expect(st.status).toBe('closed');
    expect(st.mayRate).toBe(true);
    expect(st.timeline.map((x: any) => x.status)).toEqual(['accepted', 'in_progress', 'done', 'closed']);
    expect((await send(`/repair-requests/${made.token}/rating`, { rating: 6 })).status).toBe(400);
    const rated = await send(`/repair-requests/${made.token}/rating`, { rating: 4, comment: '师傅很准时' });
    expect(rated.status).toBe(200);
    expect(rated.body).toMatchObject({ rating: 4, ratingComment: '师傅很准时', mayRate: false });
    const ev = await c.waitFor('workorder:updated', (p) => p.workOrder.id === made.workOrderId && p.workOrder.residentRating === 4, 1_000);
    expect(ev.workOrder.ratingComment).toBe('师傅很准时');
    const detail = (await send(`/work-orders/${made.workOrderId}`, undefined, { who: 'officer-yaguang' })).body;
    expect(detail.events.at(-1)).toMatchObject({ action: 'rated', by: 'resident', detail: { rating: 4 } });
    expect((await send(`/repair-requests/${made.token}/rating`, { rating: 1 })).status).toBe(409);
    const wo = await srv.db.query<{ resident_rating: number }>('select resident_rating from work_orders where id = $1', [made.workOrderId]);
    expect(Number(wo.rows[0].resident_rating)).toBe(4);
    const list = await send(`/repair-requests?compound=${Y}`, undefined, { who: 'officer-yaguang' });
    expect(list.body.satisfaction30d).toMatchObject({ ratedCount: 1, averageRating: 4 });
  });

  it('when the page retries with its token (a lost answer, a double tap), then the same request comes back and nothing more is written', async () => {
    const token = Buffer.alloc(32, 7).toString('base64url');
    const body = request({ buildingId: 'b5', unitId: 'b5-u1', token });
    const before = [await count('repair_requests'), await count('work_orders')];
    const [a, b] = await Promise.all([send('/repair-requests', body), send('/repair-requests', body)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body).toEqual(b.body);
    expect(a.body.token).toBe(token);
    const again = await send('/repair-requests', body);
    expect([again.status, again.body.id]).toEqual([200, a.body.id]);
    expect([await count('repair_requests'), await count('work_orders')]).toEqual([before[0] + 1, before[1] + 1]);
    const other = await send('/repair-requests', { ...body, phone: nextPhone() });
    expect([other.status, other.body.error]).toEqual([409, expect.stringContaining('token')]);
    expect((await send(`/repair-requests/${token}`)).body.id).toBe(a.body.id);
  });

  it('when limits are reached (phone 3 a day, unit 10 a day, address 10 an hour), then 429 with Retry-After and nothing is written', async () => {
    const phone = nextPhone();
    for (let i = 0; i < 3; i++) expect((await send('/repair-requests', request({ phone, buildingId: 'b3', unitId: 'b3-u1' }))).status).toBe(201);
    const before = [await count('repair_requests'), await count('work_orders')];
    const byPhone = await send('/repair-requests', request({ phone, buildingId: 'b3', unitId: 'b3-u2' }));
    expect(byPhone.status).toBe(429);
    expect(byPhone.body.error).toContain('phone');
    expect(Number(byPhone.headers.get('retry-after'))).toBeGreaterThan(23 * 3600);
    expect([await count('repair_requests'), await count('work_orders')]).toEqual(before);

    for (let i = 0; i < 7; i++) expect((await send('/repair-requests', request({ buildingId: 'b3', unitId: 'b3-u1' }))).status).toBe(201);
    const byUnit = await send('/repair-requests', request({ buildingId: 'b3', unitId: 'b3-u1' }));
    expect(byUnit.status).toBe(429);
    expect(byUnit.body.error).toContain('3栋1单元');
    expect(Number(byUnit.headers.get('retry-after'))).toBeGreaterThan(0);

    const ip = '203.0.113.9';
    for (let i = 0; i < 10; i++) expect((await send('/repair-requests', request({ buildingId: 'b4', unitId: `b4-u${(i % 2) + 1}` }), { ip })).status).toBe(201);
    const byIp = await send('/repair-requests', request({ buildingId: 'b4', unitId: 'b4-u1' }), { ip });
    expect(byIp.status).toBe(429);
    expect(byIp.body.error).toContain('network');
    expect(Number(byIp.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
  });

  it('when the input is bad (photo type, size, bytes; fields; places), then a 4xx names it and nothing is written', async () => {
    const before = [await count('repair_requests'), await count('work_orders')];
    const bad: [Record<string, unknown>, number, string][] = [
      [{ photo: { contentType: 'image/gif', data: JPEG.toString('base64') } }, 400, 'photo.contentType'],
      [{ photo: { contentType: 'image/png', data: JPEG.toString('base64') } }, 422, 'photo.data'],
      [{ photo: { contentType: 'image/jpeg', data: Buffer.from('<svg onload=alert(1)>'.repeat(4)).toString('base64') } }, 422, 'photo.data'],
      [{ photo: { contentType: 'image/jpeg', data: Buffer.concat([JPEG, Buffer.alloc(2 * 1024 * 1024)]).toString('base64') } }, 413, 'photo.data'],
      [{ photo: { contentType: 'image/jpeg', data: 'not base64!' } }, 400, 'photo.data'],
      [{ phone: '12345678901' }, 400, 'phone'],
      [{ description: '漏' }, 400, 'description'],
      [{ description: 'x'.repeat(1001) }, 400, 'description'],
      [{ category: 'fire' }, 400, 'category'],
      [{ extra: 1 }, 400, 'extra'],
      [{ buildingId: 'nope' }, 422, 'buildingId'],
      [{ unitId: 'b2-u1' }, 422, 'unitId'],
      [{ compoundId: 'nowhere' }, 422, 'compoundId'],
    ];
    for (const [over, status, field] of bad) {
      const res = await send('/repair-requests', request(over));
      expect([res.status, res.body.error]).toEqual([status, expect.stringContaining(field)]);
    }
    // a decoded size just over 2 MB inside the base64 bound: 413
    const big = Buffer.concat([JPEG, Buffer.alloc(2 * 1024 * 1024 - JPEG.length + 1)]).toString('base64');
    const res = await send('/repair-requests', request({ photo: { contentType: 'image/jpeg', data: big } }));
    expect([res.status, res.body.error]).toEqual([413, expect.stringContaining('photo.data')]);
    // the other compound's building ids do not fit this compound's
    expect((await send('/repair-requests', request({ compoundId: S, unitId: 'b1-u3' }))).status).toBe(422);
    expect([await count('repair_requests'), await count('work_orders')]).toEqual(before);
  });
});
