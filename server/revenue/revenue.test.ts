// Revenue ingest and the simulator's revenue against a real server on the embedded database: the HTTP route behind
// the ingest key, each bad input rejected with its path, idempotent retries, the hourly aggregate equal to the raw
// rows, and a seeded 35-day history with evening charging.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompoundSchema, MAX_REVENUE_BATCH, type RevenueItemInput } from '../../models';
import { createApiKey } from '../db/apiKeys.repo';
import type { Db } from '../db/db';
import { openDb } from '../db/openDb';
import { generateAuthFiles } from '../mqtt/authFiles';
import { MOSQUITTO, startMosquitto, type Broker } from '../testing/mosquitto';
import { ROOT, startTestServer, type TestServer } from '../testing/startTestServer';
import { call, type TestAuth } from '../testing/testAuth';
import { Simulator } from '../simulator/simulator';
import { RevenuePlan } from '../simulator/revenueSim';

const Y = 'yaguang-xincun';
const S = 'sanhe-guanggu';
const CHARGER = 'yg-bs2-c01';
const GATE = 'yg-pgate-s-in';
const SCREEN = 'yg-b1-u1-screen';
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const SERVER_PASSWORD = 'revenue-test-server';

// One server for the file (the embedded database is slow to start); with mosquitto installed it signs in to a broker
// whose password file and ACL come from our generator, so the revenue topic's grant is tested too.
let db: Db;
let broker: Broker | null = null;
let srv: TestServer;
let admin: TestAuth;
let gwY: { id: number; key: string };
let gwS: { id: number; key: string };
const logs: string[] = [];

async function post(body: unknown, key: string | null = srv.key(Y)): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(`${srv.url}/api/v1/ingest/revenue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}
const count = async (where: string, params: unknown[] = []) =>
  (await db.query<{ n: number }>(`select count(*)::int as n from revenue_events where ${where}`, params)).rows[0].n;
async function until(what: string, check: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const mqttStatus = async () => (await call(srv.url, '/admin/mqtt', { as: admin })).body;

beforeAll(async () => {
  db = await openDb({});
  gwY = await createApiKey(db, Y, 'revenue gateway Y');
  gwS = await createApiKey(db, S, 'revenue gateway S');
  let mqttUrl: string | undefined;
  if (MOSQUITTO) {
    const files = await generateAuthFiles(db, `mqtt://twin-server:${SERVER_PASSWORD}@127.0.0.1:1`);
    broker = await startMosquitto({ passwordFile: files.passwordFile, aclFile: files.aclFile });
    mqttUrl = `mqtt://twin-server:${SERVER_PASSWORD}@127.0.0.1:${broker.port}?clientId=ct-revenue-${process.pid}-${Date.now()}`;
  }
  srv = await startTestServer({ db, mqttUrl, log: (m) => logs.push(m) });
  admin = await srv.login('admin');
}, 120_000);
afterAll(async () => {
  await srv?.close();
  await db?.close().catch(() => undefined);
  await broker?.stop();
});

describe('simulated revenue (seeded plan through RevenueService)', () => {
  it('when the same seed is planned twice, then the events are identical; a live window is a slice of the history', () => {
    const doc = CompoundSchema.parse(JSON.parse(readFileSync(resolve(ROOT, 'data/compounds', `${Y}.json`), 'utf8')));
    const t = Date.UTC(2026, 0, 10, 4);
    const a = new RevenuePlan(Y, doc, 7).between(t - 3 * DAY, t);
    expect(new RevenuePlan(Y, doc, 7).between(t - 3 * DAY, t)).toEqual(a);
    const slice = new RevenuePlan(Y, doc, 7).between(t - 2 * HOUR, t);
    expect(slice.length).toBeGreaterThan(0);
    expect(a).toEqual(expect.arrayContaining(slice));
    expect(new RevenuePlan(Y, doc, 8).between(t - 3 * DAY, t)).not.toEqual(a);
  });

  it('when the simulator starts with a backfill, then 35 days of every stream are stored fast, charging peaks in the evening, parking entries in the evening and exits in the morning, and live ticks add more', async () => {
    const sim = new Simulator(srv.app.twins, srv.app.ingest, { seed: 7, backfillDays: 1 }, (m) => logs.push(m));
    sim.revenue = srv.app.revenue;
    const now = Date.now() - 3 * HOUR;
    await sim.revenueHistory(now);
    for (const id of [Y, S]) {
      const line = logs.find((l) => l.includes(`revenue events over 35 days for ${id}`));
      expect(line, logs.join('\n')).toBeDefined();
      // one transaction of batched inserts (a few seconds on the embedded database); the bound catches row-by-row writing on a loaded runner
      expect(Number(/in (\d+) ms/.exec(line!)![1]), line).toBeLessThan(30_000);
      const days = await db.query<{ kind: string; days: number; oldest: number }>(
        `select kind, count(distinct date_trunc('day', ts at time zone 'Asia/Shanghai'))::int as days, min(extract(epoch from ts) * 1000)::float8 as oldest
           from revenue_events where compound_id = $1 group by kind`,
        [id],
      );
      const by = Object.fromEntries(days.rows.map((r) => [r.kind, r]));
      for (const k of ['charge_session', 'parking_pass', 'ad_play']) {
        expect(by[k]?.days, `${id} ${k}`).toBeGreaterThanOrEqual(35);
        expect(by[k].oldest, `${id} ${k}`).toBeLessThan(now - 34.5 * DAY);
      }
      expect(by.space_rent?.days, `${id} rents`).toBeGreaterThanOrEqual(1);
      const hours = await db.query<{ h: number; starts: number; entries: number; exits: number }>(
        `select h, count(*) filter (where kind = 'charge_session')::int as starts,
                count(*) filter (where direction = 'entry' and vehicle = 'rented')::int as entries,
                count(*) filter (where direction = 'exit' and vehicle = 'rented')::int as exits
           from (select *, extract(hour from coalesce(start_ts, ts) at time zone 'Asia/Shanghai')::int as h from revenue_events where compound_id = $1) e
          group by h`,
        [id],
      );
      const sum = (from: number, to: number, f: 'starts' | 'entries' | 'exits') =>
        hours.rows.filter((r) => r.h >= from && r.h < to).reduce((s, r) => s + r[f], 0);
      expect(sum(17, 24, 'starts'), `${id} evening vs daytime charging`).toBeGreaterThan(3 * sum(9, 16, 'starts'));
      expect(sum(17, 22, 'entries'), `${id} evening entries`).toBeGreaterThan(3 * sum(6, 12, 'entries'));
      expect(sum(6, 12, 'exits'), `${id} morning exits`).toBeGreaterThan(3 * sum(17, 22, 'exits'));
      // every charge session is 2–8 h with a fee near ¥1.2/kWh; every ad row is plays × price
      const odd = await db.query<{ n: number }>(
        `select count(*)::int as n from revenue_events where compound_id = $1 and (
           (kind = 'charge_session' and (minutes < 120 or minutes > 480 or amount < 0.5 or amount > greatest(0.5, kwh * 1.2) + 0.01))
        or (kind = 'ad_play' and (plays < 1 or amount <= 0)))`,
        [id],
      );
      expect(odd.rows[0].n, id).toBe(0);
    }
    // the page reads the aggregate: refreshed after the backfill
    const agg = await db.query<{ n: number }>(`select count(*)::int as n from revenue_hourly where compound_id = $1`, [Y]);
    expect(agg.rows[0].n).toBeGreaterThan(35 * 18);
    // live: the three hours since the history's end arrive on the next pass; a second start writes no second history
    const before = await count('compound_id = $1', [Y]);
    await sim.revenueDriver().play(Date.now());
    expect(sim.revenueDriver().sent).toBeGreaterThan(0);
    expect(await count('compound_id = $1', [Y])).toBeGreaterThan(before);
    const again = new Simulator(srv.app.twins, srv.app.ingest, { seed: 7, backfillDays: 1 }, (m) => logs.push(m));
    again.revenue = srv.app.revenue;
    expect(await again.revenueDriver().backfill(35, Date.now())).toBe(0);
  }, 60_000);
});

describe.skipIf(!MOSQUITTO)('MQTT gateway/<keyId>/compound/<id>/revenue (real mosquitto with the generated ACL)', () => {
  const topic = (key: number, compound: string) => `gateway/${key}/compound/${compound}/revenue`;
  /** Publishes as `user` with MQTT 5, so the broker says when it refuses a publish. */
  const publish = (user: { id: number; key: string }, t: string, msg: unknown) =>
    broker!.pub(['-V', 'mqttv5', '-u', String(user.id), '-P', user.key, '-q', '1', '-t', t, '-m', JSON.stringify(msg)]);
  const at = Date.now() - 20 * MIN;
  const ad = (id: string, plays = 10): RevenueItemInput => ({ kind: 'ad_play', id, deviceId: SCREEN, at, slot: 'mqtt-slot', plays, price: 0.02 });

  beforeAll(async () => {
    await until('the server signed in and subscribed', async () => (await mqttStatus()).connected === true, 15_000).catch((err: Error) => {
      throw new Error(`${err.message}\n${logs.join('\n')}`);
    });
  }, 20_000);

  it('when the ACL is generated, then each key may write its revenue topic and the server may read them all', async () => {
    const files = await generateAuthFiles(db, `mqtt://twin-server:${SERVER_PASSWORD}@127.0.0.1:1`);
    expect(files.aclFile).toContain('pattern write gateway/%u/compound/+/revenue');
    expect(files.aclFile).toMatch(/user twin-server\n(topic read .*\n)*topic read gateway\/\+\/compound\/\+\/revenue/);
  });

  it('when a gateway publishes {items} and then an array, then both are stored; the same message again counts as duplicates', async () => {
    const before = (await mqttStatus()).counts;
    expect(publish(gwY, topic(gwY.id, Y), { items: [ad('mq-1'), ad('mq-2')] })).toMatchObject({ status: 0, stderr: '' });
    expect(publish(gwY, topic(gwY.id, Y), [ad('mq-3')]).status).toBe(0);
    await until('three stored', async () => (await count(`event_id like 'mq-%'`)) === 3);
    const rows = await db.query<{ amount: number }>(`select amount from revenue_events where event_id = 'mq-1'`);
    expect(rows.rows[0].amount).toBe(0.2);
    publish(gwY, topic(gwY.id, Y), [ad('mq-3')]);
    await until('the duplicate counted', async () => (await mqttStatus()).counts.duplicates >= before.duplicates + 1);
    expect((await mqttStatus()).counts.accepted - before.accepted).toBe(3);
    expect(await count(`event_id like 'mq-%'`)).toBe(3);
  });

  it("when an item is bad, a gateway writes to another compound's topic or under another key's id, then it is rejected, refused or dropped, and only the good item is stored", async () => {
    const before = (await mqttStatus()).counts;
    // the broker drops a publish under another key's id
    expect(publish(gwY, topic(gwS.id, S), [ad('mq-x1')]).stderr).toMatch(/Not authorized/);
    // the broker lets its own id through; the compound check is the server's
    expect(publish(gwY, topic(gwY.id, S), [ad('mq-x2')]).status).toBe(0);
    expect(publish(gwY, topic(gwY.id, Y), { items: [ad('mq-4'), { ...ad('mq-x3'), deviceId: CHARGER }, { ...ad('mq-x4'), plays: 0 }] }).status).toBe(0);
    expect(publish(gwY, topic(gwY.id, Y), { nothing: true }).status).toBe(0);
    await until('the refusal and the rejections', async () => {
      const c = (await mqttStatus()).counts;
      return c.refused >= before.refused + 1 && c.rejectedMessages >= before.rejectedMessages + 1 && c.accepted >= before.accepted + 1;
    });
    const reasons = (await mqttStatus()).recentRejections.map((r: { topic: string; reason: string }) => `${r.topic} ${r.reason}`).join('\n');
    expect(reasons).toContain(`${topic(gwY.id, S)} key ${gwY.id} belongs to compound "${Y}", not "${S}"`);
    expect(reasons).toMatch(
      /\[1\] deviceId: device "yg-bs2-c01" is not an info_screen, access_gate or parking_gate of compound "yaguang-xincun".*; \[2\] plays: /,
    );
    expect(reasons).toMatch(/payload must be \{"items"/);
    expect(await count(`event_id = 'mq-4'`)).toBe(1);
    expect(await count(`event_id like 'mq-x%'`)).toBe(0);
  });
});

describe('POST /api/v1/ingest/revenue', () => {
  const t = Date.now() - 10 * MIN;
  const good = (n: number): RevenueItemInput[] => [
    { kind: 'charge_session', id: `t-cs-${n}`, deviceId: CHARGER, port: 2, start: t - 3 * HOUR, end: t, kwh: 0.9, fee: 1.08 },
    {
      kind: 'parking_pass',
      id: `t-pp-${n}`,
      deviceId: GATE,
      at: new Date(t).toISOString(),
      direction: 'exit',
      vehicle: 'temporary',
      minutes: 95,
      fee: 6,
      occupied: 40,
    },
    { kind: 'space_rent', id: `t-sr-${n}`, at: t, spaces: 2, months: 3, fee: 900 },
    { kind: 'ad_play', id: `t-ad-${n}`, deviceId: SCREEN, at: t, slot: 'test-slot', plays: 37, price: 0.013 },
  ];

  it('when a valid batch of every kind is posted and retried, then it is stored once with its amounts and the retry counts duplicates', async () => {
    const first = await post({ items: good(1) });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ accepted: 4, duplicates: 0, rejected: [] });
    const rows = await db.query<Record<string, unknown>>(
      `select kind, stream, device_id, amount, kwh, minutes, port, occupied, spaces, months, slot, plays from revenue_events where event_id like 't-%-1' order by kind`,
    );
    expect(rows.rows).toEqual([
      expect.objectContaining({ kind: 'ad_play', stream: 'advertising', device_id: SCREEN, amount: 0.48, slot: 'test-slot', plays: 37 }),
      expect.objectContaining({ kind: 'charge_session', stream: 'charging', device_id: CHARGER, amount: 1.08, kwh: 0.9, minutes: 180, port: 2 }),
      expect.objectContaining({ kind: 'parking_pass', stream: 'parking', amount: 6, minutes: 95, occupied: 40 }),
      expect.objectContaining({ kind: 'space_rent', stream: 'parking', device_id: null, amount: 900, spaces: 2, months: 3 }),
    ]);
    const retry = await post({ items: good(1) });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual({ accepted: 0, duplicates: 4, rejected: [] });
    // a repeat inside one batch is a duplicate too
    expect((await post([...good(2), good(2)[0]])).body).toEqual({ accepted: 4, duplicates: 1, rejected: [] });
    expect(await count(`event_id like 't-%-1' or event_id like 't-%-2'`)).toBe(8);
  });

  it('when items are bad, then each is rejected with its index, field and reason, the good one is stored and nothing of the bad ones', async () => {
    const [first, pp, , ad] = good(3);
    const cs = first as Extract<RevenueItemInput, { kind: 'charge_session' }> & { start: number; end: number };
    const items: unknown[] = [
      { ...cs, id: 'ok-cs-3' },
      { ...cs, id: 'bad-0', deviceId: 'yg-b1-em' },
      { ...cs, id: 'bad-1', deviceId: 'sg-bs1-c01' },
      { ...cs, id: 'bad-2', kwh: 500 },
      { ...cs, id: 'bad-3', fee: 5000 },
      { ...cs, id: 'bad-4', end: cs.start },
      { ...cs, id: 'bad-5', kind: 'donation' },
      { ...cs, id: 'bad-6', kwh: 1e308 },
      { ...cs, id: 'bad 7' },
      { ...pp, id: 'bad-8', direction: 'entry' },
      { ...pp, id: 'bad-9', occupied: 999_999 },
      { ...ad, id: 'bad-10', deviceId: CHARGER },
      { ...ad, id: 'bad-11', at: Date.now() - 400 * DAY },
      { ...cs, id: 'bad-12', start: cs.end - 25 * HOUR },
      { ...cs, id: 'bad-13', extra: 1 },
      'not an object',
      { ...ad, id: 'bad-15', plays: 2.5 },
      { ...cs, id: 'bad-16', port: 11 },
      { kind: 'space_rent', id: 'bad-17', at: cs.end, spaces: 1, months: 1, fee: 10_000_000 },
      { kind: 'space_rent', id: 'bad-18', at: cs.end, spaces: 1, months: 1, fee: 100.001 },
      { ...ad, id: 'bad-19', price: 50 },
    ];
    const r = await post({ items });
    expect(r.status).toBe(200);
    expect(r.body.accepted).toBe(1);
    const reason = Object.fromEntries(r.body.rejected.map((x: { index: number; reason: string }) => [x.index, x.reason]));
    expect(Object.keys(reason).map(Number)).toEqual(Array.from({ length: items.length - 1 }, (_, i) => i + 1));
    expect(reason[1]).toBe('deviceId: device "yg-b1-em" is not an ebike_charger of compound "yaguang-xincun" (it is an electric_meter)');
    // another compound's charger is unknown here, and nothing says it exists elsewhere
    expect(reason[2]).toBe('deviceId: device "sg-bs1-c01" is not an ebike_charger of compound "yaguang-xincun"');
    expect(reason[3]).toMatch(/^kwh: .*200/);
    expect(reason[4]).toMatch(/^fee: .*1000/);
    expect(reason[5]).toBe('end: must be after start');
    expect(reason[6]).toMatch(/^kind: /);
    expect(reason[7]).toMatch(/^kwh: /);
    expect(reason[8]).toMatch(/^id: only letters/);
    expect(reason[9]).toMatch(/^minutes: only exits carry it/);
    expect(reason[10]).toMatch(/^occupied: /);
    expect(reason[11]).toMatch(/^deviceId: device "yg-bs2-c01" is not an info_screen, access_gate or parking_gate of compound/);
    expect(reason[12]).toMatch(/^at: .* older than/);
    expect(reason[13]).toBe('end: session longer than 24 h');
    expect(reason[14]).toMatch(/extra/);
    expect(reason[15]).toMatch(/^item must be an object/);
    expect(reason[16]).toMatch(/^plays: /);
    expect(reason[17]).toMatch(/^port: 11 is past the compound's \d+ ports per charger/);
    expect(reason[18]).toMatch(/^fee: .*a space a month/);
    expect(reason[19]).toMatch(/^fee: .*2 decimals/);
    expect(reason[20]).toMatch(/^price: /);
    expect(await count(`event_id like 'bad%'`)).toBe(0);
    expect(await count(`event_id = 'ok-cs-3'`)).toBe(1);
  });

  it('when NaN reaches the service, every item is bad, or the body is wrong, too big or has no key, then 4xx says why', async () => {
    const nan = await srv.app.revenue.ingestItems(Y, [{ ...good(4)[0], kwh: Number.NaN }]);
    expect(nan.accepted).toBe(0);
    expect(nan.rejected[0].reason).toMatch(/^kwh: /);
    const all = await post({ items: [{ kind: 'ad_play' }, { ...good(4)[3], price: 1e308 }] });
    expect(all.status).toBe(422);
    expect(all.body.rejected.map((x: { reason: string }) => x.reason.split(':')[0])).toEqual(['id', 'price']);
    const big = await post({ items: Array.from({ length: MAX_REVENUE_BATCH + 1 }, (_, i) => ({ ...good(5)[3], id: `big-${i}` })) });
    expect(big.status).toBe(413);
    expect(big.body.error).toMatch(/at most 1000/);
    expect(await count(`event_id like 'big-%'`)).toBe(0);
    expect((await post({ revenue: [] })).status).toBe(400);
    expect((await post('{"items": [', srv.key(Y))).status).toBe(400);
    const nokey = await post({ items: good(6) }, null);
    expect(nokey.status).toBe(401);
    expect((await post({ items: good(6) }, 'demo-not-a-key')).status).toBe(401);
    expect(await count(`event_id like 't-%-6'`)).toBe(0);
    // the other compound's key writes its own compound only: our charger is unknown there
    const other = await post({ items: [good(7)[0]] }, srv.key(S));
    expect(other.status).toBe(422);
    expect(other.body.rejected[0].reason).toMatch(/is not an ebike_charger of compound "sanhe-guanggu"/);
  });

  it('when the hourly aggregate is refreshed, then its sums equal the raw rows per compound, stream and kind', async () => {
    await srv.app.revenue.refresh();
    const q = (from: string) =>
      db.query<{ compound_id: string; kind: string; amount: number; n: number; plays: number }>(
        `select compound_id, kind, round(sum(amount)::numeric, 2)::float8 as amount, sum(n)::int as n, coalesce(sum(plays), 0)::int as plays from ${from} group by 1, 2 order by 1, 2`,
      );
    const raw = await q(`(select compound_id, kind, amount, 1 as n, plays from revenue_events) r`);
    const agg = await q('revenue_hourly');
    expect(raw.rows.length).toBeGreaterThanOrEqual(8);
    expect(agg.rows).toEqual(raw.rows);
  });

  it('when the database goes away, then revenue ingest answers 503 with Retry-After (last: it closes the database)', async () => {
    await db.close();
    const res = await post({ items: [good(8)[3]] });
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
