import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEE_SMALL_CELL, type FeeSummary } from '../../models';
import { call, type TestAuth } from '../testing/testAuth';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { feeMonthsTrend } from './fees.service';

const Y = 'yaguang-xincun';
const S = 'sanhe-guanggu';
let srv: TestServer;
let admin: TestAuth;
let officerY: TestAuth;
let officerS: TestAuth;
let evaluator: TestAuth;
let wall: TestAuth;

beforeAll(async () => {
  srv = await startTestServer();
  [admin, officerY, officerS, evaluator, wall] = await Promise.all(
    ['admin', 'officer-yaguang', 'officer-sanhe', 'evaluator', 'wall'].map((w) => srv.login(w as never)),
  );
}, 120_000);
afterAll(() => srv?.close());

async function put(csv: string | Buffer, as: TestAuth = officerY, compound = Y, type = 'text/csv; charset=utf-8') {
  const res = await fetch(`${srv.url}/api/v1/compounds/${compound}/fees`, {
    method: 'PUT',
    headers: { ...as.headers, 'content-type': type },
    body: csv as BodyInit,
  });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* keep text */
  }
  return { status: res.status, body };
}
const count = async (month?: string) =>
  Number(
    (
      await srv.db.query<{ n: number }>(
        `select count(*)::int as n from fee_bills where compound_id = $1 ${month ? 'and month = $2' : ''}`,
        month ? [Y, month] : [Y],
      )
    ).rows[0].n,
  );
const summary = async (q: string, as: TestAuth = admin, compound = Y) => (await call(srv.url, `/compounds/${compound}/fees${q}`, { as })).body as FeeSummary;

const HEAD = 'month,building,unit,room,billed,paid,paid_at';

describe('fees: demo bills', () => {
  it('seeds 12 months per household, rates vary by building, the trend rises', async () => {
    const s = await summary('');
    expect(s.months).toHaveLength(12);
    expect(s.month).toBe(s.months[11]);
    expect(s.items.map((i) => i.buildingId).sort()).toEqual(['b1', 'b10', 'b11', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7', 'b8', 'b9']);
    const rates = s.items.map((i) => i.rate!);
    expect(Math.min(...rates)).toBeLessThan(0.8);
    expect(Math.max(...rates)).toBeGreaterThan(0.93);
    expect(s.trend.at(-1)!.rate!).toBeGreaterThan(s.trend[0].rate! + 0.05);
    // one bill per household (models/compound.ts Floor.households)
    expect(s.trend[0].households).toBe(451);
    for (const i of s.items) expect(i.paid!).toBeLessThanOrEqual(i.billed!);
    const sanhe = await summary('', admin, S);
    expect(sanhe.months).toEqual(s.months);
    // the lead's helper agrees with the API
    const t = await feeMonthsTrend(srv.db, Y, s.months[0], s.months[11]);
    expect(t.map((m) => [m.month, m.billed, m.paid, m.rate, m.arrearsHouseholds])).toEqual(
      s.trend.map((m) => [m.month, m.billed, m.paid, m.rate, m.arrearsHouseholds]),
    );
  });
});

describe('fees: CSV import', () => {
  it('reads Chinese headers, a BOM, quotes and CRLF; replaces only the months in the file', async () => {
    const before = await count();
    const csv =
      '\uFEFF月份,楼栋,单元,房号,应收,实收,缴费日期\r\n' +
      '2020-01,b1,1,0101,100,100,2020-01-05\r\n' +
      '2020-01,"1号楼",1,0102,"100.50",0,\r\n' +
      '2020-01,b2,b2-u1,0201,80,40,2020-01-20T09:30:00+08:00\r\n' +
      '2020-02,b1,1,0101,100,100,\r\n';
    const r = await put(csv);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ compoundId: Y, months: ['2020-01', '2020-02'], rows: 4, buildings: 2, replaced: 0 });
    expect(await count()).toBe(before + 4);
    const s = await summary('?month=2020-01');
    const b1 = s.items.find((i) => i.buildingId === 'b1')!;
    expect(b1).toMatchObject({ billed: 200.5, paid: 100, households: 2, arrearsHouseholds: 1, rate: Math.round((100 / 200.5) * 1e4) / 1e4 });
    const pa = await srv.db.query<{ paid_at: Date }>(`select paid_at from fee_bills where compound_id = $1 and month = '2020-01' and room = '0201'`, [Y]);
    expect(new Date(pa.rows[0].paid_at).toISOString()).toBe('2020-01-20T01:30:00.000Z');

    // the same month again with fewer rows: the month is replaced whole, 2020-02 and the demo months stay
    const again = await put(`${HEAD}\n2020-01,b3,2,0601,90,90,\n`);
    expect(again.status).toBe(200);
    expect(again.body.replaced).toBe(3);
    expect(await count('2020-01')).toBe(1);
    expect(await count('2020-02')).toBe(1);
    expect(await count()).toBe(before + 2);
    // idempotent
    expect((await put(`${HEAD}\n2020-01,b3,2,0601,90,90,\n`)).body.replaced).toBe(1);
    expect(await count()).toBe(before + 2);
    const log = await srv.db.query<{ actor: string; rows: number }>(`select actor, rows from fee_imports where compound_id = $1 order by id desc limit 1`, [Y]);
    expect(log.rows[0]).toEqual({ actor: 'officer-yaguang', rows: 1 });
  });

  const bad: [string, string, RegExp][] = [
    ['bad month', `${HEAD}\n2020-13,b1,1,0101,100,100,\n`, /line 2, column 1 \(month\)/],
    ['unknown building', `${HEAD}\n2020-05,b99,1,0101,100,100,\n`, /line 2, column 2 \(building\).*b99/],
    ['non-residential building', `${HEAD}\n2020-05,pump,1,0101,100,100,\n`, /line 2, column 2 \(building\)/],
    ['unknown unit', `${HEAD}\n2020-05,b1,7,0101,100,100,\n`, /line 2, column 3 \(unit\)/],
    ['a name as room', `${HEAD}\n2020-05,b1,1,张三,100,100,\n`, /line 2, column 4 \(room\)/],
    ['negative amount', `${HEAD}\n2020-05,b1,1,0101,-5,0,\n`, /line 2, column 5 \(billed\)/],
    ['thousands separator', `${HEAD}\n2020-05,b1,1,0101,"1,000",0,\n`, /line 2, column 5 \(billed\)/],
    ['paid over billed', `${HEAD}\n2020-05,b1,1,0101,100,120,\n`, /line 2, column 6 \(paid\).*more than billed/],
    ['bad date', `${HEAD}\n2020-05,b1,1,0101,100,100,yesterday\n`, /line 2, column 7 \(paid_at\)/],
    ['duplicate room', `${HEAD}\n2020-05,b1,1,0101,100,100,\n2020-05,b1,b1-u1,0101,100,100,\n`, /line 3, column 4 \(room\).*line 2/],
    ['wrong field count', `${HEAD}\n2020-05,b1,1,0101,100\n`, /line 2: 5 fields, the header has 7/],
    ['unclosed quote', `${HEAD}\n2020-05,b1,1,"0101,100,100,\n`, /line 2, column 4: a quoted field is never closed/],
    ['unknown column', `${HEAD},remark\n2020-05,b1,1,0101,100,100,,x\n`, /line 1, column 8: unknown column "remark"/],
    ['name column', `月份,楼栋,单元,房号,姓名,应收,实收\n2020-05,b1,1,0101,张三,100,100\n`, /line 1, column 5: column "姓名".*carries no names/],
    ['phone column', `${HEAD},phone\n2020-05,b1,1,0101,100,100,,13800000000\n`, /column 8: column "phone".*carries no names/],
    ['missing column', `month,building,unit,room,billed\n2020-05,b1,1,0101,100\n`, /no "paid" column/],
    ['header only', `${HEAD}\n`, /no bill rows/],
    ['empty body', '', /empty|text\/csv/],
  ];
  it.each(bad)('%s: 422 naming line and column, nothing written', async (_name, csv, re) => {
    const before = await count();
    const r = await put(csv);
    expect([415, 422]).toContain(r.status);
    expect([r.body?.error, ...(r.body?.errors ?? [])].join('\n')).toMatch(re);
    expect(await count()).toBe(before);
    expect(await count('2020-05')).toBe(0);
  });

  it('reports every bad row (up to 50), refuses non-UTF-8 and non-CSV bodies', async () => {
    // good rows first: they are not written either
    const rows = Array.from({ length: 80 }, (_, i) => `2020-05,b1,1,r${i},x,0,`).join('\n');
    const r = await put(`${HEAD}\n2020-05,b2,1,0101,100,100,\n2020-05,b2,1,0102,100,100,\n${rows}\n`);
    expect(r.status).toBe(422);
    expect(r.body.errors).toHaveLength(50);
    expect(r.body.errors[0]).toMatch(/^line 4, column 5 \(billed\): "x" is not an amount/);
    expect(r.body.errors[49]).toMatch(/^line 53, column 5 \(billed\)/);
    const gbk = Buffer.concat([Buffer.from(`${HEAD}\n2020-05,`), Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]), Buffer.from(',1,0101,1,1,\n')]);
    const g = await put(gbk);
    expect(g.status).toBe(422);
    expect(g.body.error).toMatch(/line 2: the file is not UTF-8/);
    const j = await put(JSON.stringify({ month: '2020-05' }), officerY, Y, 'application/json');
    expect(j.status).toBe(415);
    expect(await count('2020-05')).toBe(0);
  });

  it('refuses a body over 5 MB (413) and more than 100 000 rows (413), writing nothing', async () => {
    const before = await count();
    const big = `${HEAD}\n${'2020-06,b1,1,0101,100,100,\n'.repeat(200_000)}`;
    expect(big.length).toBeGreaterThan(5 * 1024 * 1024);
    const r = await put(big);
    expect(r.status).toBe(413);
    const rows: string[] = [];
    for (let i = 0; i <= 100_000; i++) rows.push(`2020-06,b1,1,${i},1,1,`);
    const many = await put(`month,building,unit,room,billed,paid,paid_at\n${rows.join('\n')}\n`);
    expect(many.status).toBe(413);
    expect(many.body.error).toMatch(/line 100002: more than 100000 bill rows/);
    expect(await count()).toBe(before);
  });
});

describe('fees: who sees what', () => {
  it('officers import only into their compound; evaluators and walls may not import; unknown compound 404', async () => {
    const csv = `${HEAD}\n2020-07,b1,1,0101,100,100,\n`;
    expect((await put(csv, officerS)).status).toBe(403);
    expect((await put(csv, evaluator)).status).toBe(403);
    expect((await put(csv, wall)).status).toBe(403);
    expect((await put(csv, admin, 'no-such-compound')).status).toBe(404);
    expect((await call(srv.url, `/compounds/${Y}/fees`, { as: officerS })).status).toBe(403);
    expect((await call(srv.url, `/compounds/${Y}/fees/arrears`, { as: officerS })).status).toBe(403);
    expect((await call(srv.url, `/compounds/no-such-compound/fees`, { as: admin })).status).toBe(404);
    expect((await call(srv.url, `/compounds/${Y}/fees?month=2020-1`, { as: admin })).status).toBe(400);
    expect((await call(srv.url, `/compounds/${Y}/fees?level=floor`, { as: admin })).status).toBe(400);
    expect(await count('2020-07')).toBe(0);
  });

  it('evaluators and walls get aggregates but not arrears; officers get rooms in arrears without names', async () => {
    const month = (await summary('')).month!;
    for (const who of [evaluator, wall]) {
      const s = await summary(`?month=${month}`, who);
      expect(s.masked).toBe(true);
      expect(s.items.length).toBe(11);
      expect(s.items.every((i) => i.rate !== null && i.households >= FEE_SMALL_CELL)).toBe(true);
      expect((await call(srv.url, `/compounds/${Y}/fees/arrears?month=${month}`, { as: who })).status).toBe(403);
    }
    const a = await call(srv.url, `/compounds/${Y}/fees/arrears?month=${month}`, { as: officerY });
    expect(a.status).toBe(200);
    const s = await summary(`?month=${month}`);
    expect(a.body.rooms.length).toBe(s.items.reduce((n, i) => n + i.arrearsHouseholds!, 0));
    expect(Object.keys(a.body.rooms[0]).sort()).toEqual(['billed', 'buildingId', 'owed', 'paid', 'room', 'unitId']);
    for (const r of a.body.rooms) expect(r.paid).toBeLessThan(r.billed);
  });

  it('withholds sums over fewer than 3 households from masked callers, and the one that would give them away', async () => {
    // b1: unit 1 has 2 households (small), units 2 and 3 have 4 and 5; b2 has 1 household; b3 has 6
    const lines = [HEAD];
    const add = (b: string, u: number, n: number, paid: (i: number) => number) => {
      for (let i = 0; i < n; i++) lines.push(`2020-08,${b},${u},${u}0${i},100,${paid(i)},`);
    };
    add('b1', 1, 2, () => 0);
    add('b1', 2, 4, () => 100);
    add('b1', 3, 5, (i) => (i ? 100 : 50));
    add('b2', 1, 1, () => 0);
    add('b3', 1, 6, () => 100);
    expect((await put(lines.join('\n'))).status).toBe(200);
    const full = await summary('?month=2020-08&level=unit');
    expect(full.items.every((i) => !i.suppressed)).toBe(true);
    const m = await summary('?month=2020-08&level=unit', evaluator);
    const cell = (b: string, u: string) => m.items.find((i) => i.buildingId === b && i.unitId === u)!;
    expect(cell('b1', 'b1-u1')).toMatchObject({ suppressed: true, billed: null, paid: null, rate: null, arrearsHouseholds: null, households: 2 });
    // b1's total minus units 2 and 3 would give unit 1 away: the smaller of them (4 households) goes too
    expect(cell('b1', 'b1-u2')).toMatchObject({ suppressed: true, rate: null });
    expect(cell('b1', 'b1-u3')).toMatchObject({ suppressed: false, rate: 0.9, arrearsHouseholds: 1 });
    expect(cell('b2', 'b2-u1')).toMatchObject({ suppressed: true, rate: null });
    // b3 is withheld at building level (b2's complement): its units are too, or the total − b1 − b3's units would give b2 away
    expect(cell('b3', 'b3-u1')).toMatchObject({ suppressed: true, rate: null });
    const mb = await summary('?month=2020-08', evaluator);
    expect(mb.items.find((i) => i.buildingId === 'b2')!.suppressed).toBe(true);
    expect(mb.items.find((i) => i.buildingId === 'b3')!.suppressed).toBe(true);
    expect(mb.items.find((i) => i.buildingId === 'b1')).toMatchObject({ suppressed: false, households: 11 });
    expect(JSON.stringify(mb)).not.toMatch(/"room"/);
  });

  it('refuses a paid_at outside 1900–2099 and headers named like built-in object keys', async () => {
    for (const csv of [`${HEAD}\n2020-09,b1,1,101,100,100,0000-01-01`, `month,building,unit,room,billed,paid,__proto__\n2020-09,b1,1,101,100,100,x`]) {
      const r = await put(csv);
      expect(r.status, csv).toBe(422);
    }
    expect(await count('2020-09')).toBe(0);
  });
});
