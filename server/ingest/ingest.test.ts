import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { storageDrivers } from '../testing/databases';

let srv: TestServer;
const Y = 'yaguang-xincun';

async function post(body: unknown, key: string | null = srv.key(Y), raw?: string) {
  const res = await fetch(`${srv.url}/api/v1/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
    body: raw ?? JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

// The ingest pipeline (key, validation, dedup, storage) on every driver: embedded, PostgreSQL, TimescaleDB server.
describe.each(storageDrivers())('POST /api/v1/ingest on $name', ({ open }) => {
  let done: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const d = await open();
    done = d.done;
    srv = await startTestServer({ db: d.db });
  });
  afterAll(async () => {
    await srv?.close();
    await done?.();
  });

  it('when no key or an unknown key is sent, then it answers 401 and stores nothing', async () => {
    const item = { deviceId: 'yg-b1-em', metric: 'power_kw', ts: Date.now(), value: 1 };
    expect((await post({ readings: [item] }, null)).status).toBe(401);
    const bad = await post({ readings: [item] }, 'not-a-key');
    expect(bad.status).toBe(401);
    expect(bad.body.error).toMatch(/unknown or revoked/);
  });

  it('when a batch is retried, then the retry inserts nothing twice', async () => {
    const t0 = Date.now() - 60_000;
    const readings = Array.from({ length: 500 }, (_, i) => ({ deviceId: 'yg-b1-em', metric: 'energy_kwh', ts: t0 - i * 1000, value: 0.01 }));
    const first = await post({ readings });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ accepted: 500, duplicates: 0, rejected: [] });
    const retry = await post({ readings });
    expect(retry.body).toEqual({ accepted: 0, duplicates: 500, rejected: [] });
    const n = await srv.db.query<{ n: number }>(`select count(*)::int as n from readings where device_id = 'yg-b1-em' and metric = 'energy_kwh'`);
    expect(n.rows[0].n).toBe(500);
  });

  it('when items are bad, then each is rejected with its index and reason and the good ones are stored', async () => {
    const now = Date.now();
    const items = [
      { deviceId: 'yg-b1-em', metric: 'power_kw', ts: now - 5000, value: 2.5 },
      { deviceId: 'no-such-device', metric: 'power_kw', ts: now, value: 1 },
      { deviceId: 'yg-b1-em', metric: 'pressure_mpa', ts: now, value: 1 },
      { deviceId: 'yg-b1-em', metric: 'power_kw', ts: now, value: 'high' },
      { deviceId: 'yg-b1-em', metric: 'power_kw', ts: now - 400 * 86_400_000, value: 1 },
      { deviceId: 'yg-b1-em', metric: 'power_kw', ts: now + 3_600_000, value: 1 },
      { deviceId: 'yg-b1-em', metric: 'power_kw', value: 1 },
      [1, 2, 3],
      { deviceId: 'yg-b1-em', metric: 'power_kw', ts: now - 4000, value: 1, extra: true },
      { deviceId: 'yg-b1-em', metric: 'power_kw', ts: 'yesterday', value: 1 },
    ];
    const raw = JSON.stringify({ readings: items }).replace(
      /\]\}$/,
      ',{"deviceId":"yg-b1-em","metric":"power_kw","ts":1,"value":1,"__proto__":{"x":1}},{"deviceId":"yg-b1-em","metric":"power_kw","ts":' +
        (now - 3000) +
        ',"value":1e999}]}',
    );
    const r = await post(null, srv.key(Y), raw);
    expect(r.status).toBe(200);
    expect(r.body.accepted).toBe(1);
    const reasons = Object.fromEntries(r.body.rejected.map((x: any) => [x.index, x.reason]));
    expect(Object.keys(reasons).map(Number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(reasons[1]).toMatch(/unknown device "no-such-device"/);
    expect(reasons[2]).toMatch(/does not report "pressure_mpa"/);
    expect(reasons[3]).toMatch(/^value:/);
    expect(reasons[4]).toMatch(/older than/);
    expect(reasons[5]).toMatch(/future/);
    expect(reasons[6]).toMatch(/^ts:/);
    expect(reasons[7]).toMatch(/must be an object/);
    expect(reasons[8]).toMatch(/extra/);
    expect(reasons[9]).toMatch(/^ts:/);
    expect(reasons[10]).toMatch(/__proto__/);
    expect(reasons[11]).toMatch(/^value:/);
    expect(({} as any).x).toBeUndefined();
  });

  it("when a key of one compound sends another compound's device, then that item is rejected", async () => {
    const r = await post({ readings: [{ deviceId: 'yg-b1-em', metric: 'power_kw', ts: Date.now(), value: 1 }] }, srv.key('sanhe-guanggu'));
    expect(r.status).toBe(422);
    expect(r.body.rejected[0].reason).toMatch(/unknown device "yg-b1-em" in this compound/);
  });

  it('when the batch is too large or not JSON, then it says so', async () => {
    const big = Array.from({ length: 10_001 }, () => ({ deviceId: 'yg-b1-em', metric: 'power_kw', ts: Date.now(), value: 1 }));
    const r = await post({ readings: big });
    expect(r.status).toBe(413);
    expect(r.body.error).toMatch(/at most 10000/);
    const nj = await post(null, srv.key(Y), '{"readings": [');
    expect(nj.status).toBe(400);
    expect(nj.body.error).toMatch(/not valid JSON/);
    const shape = await post({ data: [] });
    expect(shape.status).toBe(400);
  });
});

describe('ingest when the database goes away', () => {
  it('when the database is closed, then ingest answers 503 with Retry-After and health says degraded', async () => {
    const own = await startTestServer();
    try {
      await own.db.close();
      const res = await fetch(`${own.url}/api/v1/ingest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': own.key(Y) },
        body: JSON.stringify({ readings: [{ deviceId: 'yg-b1-em', metric: 'power_kw', ts: Date.now(), value: 1 }] }),
      });
      expect(res.status).toBe(503);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      const h = await fetch(`${own.url}/api/health`);
      expect(h.status).toBe(503);
    } finally {
      await own.app.close();
    }
  });
});
