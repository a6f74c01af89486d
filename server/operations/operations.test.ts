import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DistrictOperations, OperationsSummary } from '../../models';
import { startOfZoneDay } from '../../models/zoneTime';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import type { TestRole } from '../testing/testAuth';
import { seedDemoUpkeep } from './demoUpkeep';

const Y = 'yaguang-xincun';
const S = 'sanhe-guanggu';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let srv: TestServer;

async function get(path: string, who: TestRole = 'admin') {
  const res = await fetch(`${srv.url}/api/v1${path}`, { headers: (await srv.login(who)).headers });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, body: text.startsWith('{') ? JSON.parse(text) : null };
}
async function send(path: string, body: unknown, method = 'POST', who: TestRole = 'officer-yaguang') {
  const res = await fetch(`${srv.url}/api/v1${path}`, {
    method,
    headers: { ...(await srv.login(who)).headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

const now = Date.now();
/** Yesterday's local midnight in the demo's zone (Asia/Shanghai). */
const y0 = startOfZoneDay(startOfZoneDay(now, 'Asia/Shanghai') - 12 * HOUR, 'Asia/Shanghai');
let charger: string, gate: string, screen: string, camera: string;

beforeAll(async () => {
  srv = await startTestServer();
  const doc = srv.app.twins.get(Y)!.entry.doc;
  charger = doc.devices.find((d) => d.type === 'ebike_charger')!.id;
  gate = doc.devices.find((d) => d.type === 'parking_gate')!.id;
  screen = doc.devices.find((d) => d.type === 'info_screen')!.id;
  camera = doc.devices.find((d) => d.type === 'camera')!.id;
  const ins = (ts: number, kind: string, stream: string, id: string, amount: number, extra: Record<string, unknown>) => {
    const cols = Object.keys(extra);
    return srv.db.query(
      `insert into revenue_events (ts, compound_id, kind, stream, event_id, amount${cols.map((c) => `, ${c}`).join('')})
       values (to_timestamp($1 / 1000.0), $2, $3, $4, $5, $6${cols.map((c, i) => (c === 'start_ts' ? `, to_timestamp($${i + 7} / 1000.0)` : `, $${i + 7}`)).join('')})`,
      [ts, Y, kind, stream, id, amount, ...Object.values(extra)],
    );
  };
  // a 2-hour charge from 19:00 to 21:00 local, a shared-parking visit in the morning, a month's rent, an hour of ads
  await ins(y0 + 21 * HOUR, 'charge_session', 'charging', 'c1', 3.5, { device_id: charger, start_ts: y0 + 19 * HOUR, kwh: 2.2, minutes: 120, port: 1 });
  await ins(y0 + 8.5 * HOUR, 'parking_pass', 'parking', 'p1', 0, { device_id: gate, direction: 'entry', vehicle: 'shared', occupied: 50 });
  await ins(y0 + 8.75 * HOUR, 'parking_pass', 'parking', 'p2', 10, { device_id: gate, direction: 'exit', vehicle: 'shared', minutes: 120, occupied: 49 });
  await ins(y0 + 10 * HOUR, 'space_rent', 'parking', 'r1', 450, { spaces: 1, months: 3 });
  await ins(y0 + 12 * HOUR, 'ad_play', 'advertising', 'a1', 20, { device_id: screen, slot: 'A', plays: 100 });
  // another compound's income never counts here
  await srv.db.query(
    `insert into revenue_events (ts, compound_id, kind, stream, event_id, amount, slot, plays) values (to_timestamp($1 / 1000.0), $2, 'ad_play', 'advertising', 'x', 999, 'A', 1)`,
    [y0 + 12 * HOUR, S],
  );
  // this month's bills (besides the demo's): two households, one paid in full, one half
  const month = new Date(now + 8 * HOUR).toISOString().slice(0, 7);
  await srv.db.query(
    `insert into fee_bills (compound_id, month, building_id, unit_id, room, billed, paid) values ($1, $2, 'test', 'u1', '0101', 100, 100), ($1, $2, 'test', 'u1', '0102', 100, 50)`,
    [Y, month],
  );
}, 120_000);
afterAll(async () => srv?.close());

describe('operations summary', () => {
  it('adds up income by stream, chargers and parking by hour, upkeep and fees from the stored rows', async () => {
    const wo = await send('/work-orders', { deviceId: camera, title: '摄像机离线', category: 'repair' });
    expect(wo.status).toBe(201);
    const resolved = await send(`/work-orders/${wo.body.id}/start`, {});
    expect(resolved.status).toBe(200);
    const done = await send(`/work-orders/${wo.body.id}/resolve`, { labourCost: 200, partsCost: 50.5, comment: '更换电源' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ labourCost: 200, partsCost: 50.5, source: 'staff' });
    // a refused cost changes nothing
    expect((await send(`/work-orders/${wo.body.id}`, { labourCost: -1 }, 'PATCH')).status).toBe(400);
    expect((await send(`/work-orders/${wo.body.id}`, { partsCost: 1e308 }, 'PATCH')).status).toBe(400);

    const r = await get(`/compounds/${Y}/operations`);
    expect(r.status).toBe(200);
    const s = r.body as OperationsSummary;
    expect(s.days).toBe(30);
    expect(s.to - s.from).toBe(30 * DAY);
    expect(s.totals.income).toEqual({ charging: 3.5, parking: 460, advertising: 20 });
    expect(s.totals.incomeTotal).toBe(483.5);
    const contracts = s.months.reduce((a, m) => a + m.upkeep.contracts, 0);
    expect(s.months.reduce((a, m) => a + m.upkeep.labour, 0)).toBe(200);
    expect(s.months.reduce((a, m) => a + m.upkeep.parts, 0)).toBe(50.5);
    expect(contracts).toBeGreaterThan(0);
    expect(s.totals.upkeep).toBeCloseTo(250.5 + contracts, 1);
    expect(s.totals.balance).toBeCloseTo(483.5 - s.totals.upkeep, 1);
    const yesterday = s.daily.at(-2)!;
    expect(yesterday.income).toEqual({ charging: 3.5, parking: 460, advertising: 20 });
    // 120 busy port-minutes over hours 19 and 20 of 30 days of 184 ports
    expect(s.charging).toMatchObject({ chargers: 46, ports: 184, sessions: 1, kwh: 2.2, income: 3.5 });
    expect(s.charging.utilisationByHour[19]).toBeCloseTo(60 / (184 * 30 * 60), 4);
    expect(s.charging.utilisationByHour[20]).toBeCloseTo(60 / (184 * 30 * 60), 4);
    expect(s.charging.utilisationByHour[18]).toBe(0);
    expect(s.parking).toMatchObject({ spaces: 180, entries: 1, exits: 1, feeIncome: 10, rentIncome: 450, sharedHours: 2 });
    expect(s.parking.occupancyByHour[8]).toBeCloseTo(49.5 / 180, 4);
    expect(s.parking.occupancyByHour[9]).toBeNull();
    expect(s.advertising).toEqual({ plays: 100, income: 20, bySlot: [{ slot: 'A', plays: 100, income: 20 }] });
    const video = s.upkeep.bySystem.find((g) => g.key === 'video')!;
    expect(video).toMatchObject({ devices: 73, failures: 1, failureRate: Math.round((1 / 73) * 10_000) / 10_000 });
    expect(s.upkeep.overall).toMatchObject({ key: 'all', devices: 2007, failures: 1 });
    expect(video.mttrMin).not.toBeNull();
    expect(video.cost).toBeGreaterThanOrEqual(250.5);
    expect(s.upkeep.byMaintainer.map((g) => g.key)).toContain('海康威视维保');
    expect(s.upkeep.topModels[0].failures).toBe(1);
    const fees = s.fees.months.at(-1)!;
    const want = (
      await srv.db.query(
        `select sum(billed)::float8 as billed, sum(paid)::float8 as paid, count(*) filter (where paid < billed)::int as arrears from fee_bills where compound_id = $1 and month = $2`,
        [Y, fees.month],
      )
    ).rows[0] as { billed: number; paid: number; arrears: number };
    expect(want.arrears).toBeGreaterThanOrEqual(1);
    expect(fees).toMatchObject({ billed: Math.round(want.billed * 100) / 100, paid: Math.round(want.paid * 100) / 100, arrearsHouseholds: want.arrears });
    expect(fees.rate).toBeCloseTo(want.paid / want.billed, 4);
  });

  it('gives the same figures as CSV', async () => {
    const json = (await get(`/compounds/${Y}/operations`)).body as OperationsSummary;
    const csv = await get(`/compounds/${Y}/operations?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/^text\/csv/);
    const rows = new Map(
      csv.text
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n')
        .slice(1)
        .map((l) => {
          const [m, p, v] = l.split(',');
          return [`${m}|${p}`, v];
        }),
    );
    expect(rows.get('income.total|total')).toBe(String(json.totals.incomeTotal));
    expect(rows.get('upkeep.total|total')).toBe(String(json.totals.upkeep));
    expect(rows.get('charging.utilisation|19')).toBe(String(json.charging.utilisationByHour[19]));
    for (const m of json.months) expect(rows.get(`balance|${m.month}`)).toBe(String(m.balance));
    expect(rows.get(`fees.rate|${json.fees.months.at(-1)!.month}`)).toBe(String(json.fees.months.at(-1)!.rate));
  });

  it('sums the district over the compounds in scope, and keeps each compound to its own people', async () => {
    const all = (await get('/district/operations')).body as DistrictOperations;
    expect(all.compounds.map((c) => c.compoundId).sort()).toEqual([S, Y]);
    expect(all.totals.income.advertising).toBe(1019);
    expect(all.totals.incomeTotal).toBeCloseTo(
      all.compounds.reduce((a, c) => a + c.incomeTotal, 0),
      2,
    );
    const own = (await get('/district/operations', 'officer-sanhe')).body as DistrictOperations;
    expect(own.compounds.map((c) => c.compoundId)).toEqual([S]);
    expect((await get(`/compounds/${Y}/operations`, 'officer-sanhe')).status).toBe(403);
    expect((await get(`/compounds/${Y}/operations`, 'evaluator')).status).toBe(200);
    expect((await get(`/compounds/${Y}/operations`, 'wall')).status).toBe(200);
    expect((await get('/compounds/nowhere/operations')).status).toBe(404);
  });

  it('refuses bad windows with a 400 that names the parameter', async () => {
    for (const q of [
      'from=abc',
      `from=${now}&to=${now - DAY}`,
      `from=${now - 500 * DAY}&to=${now}`,
      'format=xml',
      'limit=3',
      'to=8640000000000000',
      'from=-8640000000000000',
    ]) {
      const r = await get(`/compounds/${Y}/operations?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error, q).toMatch(/from|format|limit|query/);
    }
    const custom = (await get(`/compounds/${Y}/operations?from=${y0}&to=${y0 + DAY}`)).body as OperationsSummary;
    expect(custom.days).toBe(1);
    expect(custom.totals.incomeTotal).toBe(483.5);
  });

  it('keeps fee months of fewer than 3 households from evaluators and walls, as GET /fees does', async () => {
    await srv.db.query(
      `insert into fee_bills (compound_id, month, building_id, unit_id, room, billed, paid) values ($1, '2025-01', 'b1', 'b1-u1', '0101', 555.55, 111.11)`,
      [Y],
    );
    const q = `?from=${Date.UTC(2025, 0, 5)}&to=${Date.UTC(2025, 0, 20)}`;
    const months = async (who: TestRole) => ((await get(`/compounds/${Y}/operations${q}`, who)).body as OperationsSummary).fees.months.map((m) => m.month);
    expect(await months('admin')).toContain('2025-01');
    expect(await months('evaluator')).not.toContain('2025-01');
    expect(await months('wall')).not.toContain('2025-01');
  });

  it("writes the demo's upkeep history once, with costs, failures and rated residents' requests", async () => {
    const doc = srv.app.twins.get(S)!.entry.doc;
    const n = await seedDemoUpkeep(srv.db, doc, now);
    expect(n).toBeGreaterThan(20);
    expect(await seedDemoUpkeep(srv.db, doc, now)).toBe(0);
    const s = (await get(`/compounds/${S}/operations`)).body as OperationsSummary;
    const failures = s.upkeep.bySystem.reduce((a, g) => a + g.failures, 0);
    expect(failures).toBeGreaterThan(10);
    expect(s.repairs.rated).toBeGreaterThan(3);
    expect(s.repairs.avgRating).toBeGreaterThanOrEqual(3);
    expect(s.months.reduce((a, m) => a + m.upkeep.labour, 0)).toBeGreaterThan(1000);
    // nothing of it is still open: the console's lists and the KPIs are untouched
    const open = await srv.db.query(`select count(*)::int as n from work_orders where compound_id = $1 and status <> 'closed'`, [S]);
    expect(open.rows[0].n).toBe(0);
  });
});
