import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompoundSchema, RubricSchema, type Criterion } from '../../models';
import { recordUptime } from '../db/rating.repo';
import { ROOT, startTestServer, type TestServer } from '../testing/startTestServer';
import { storageDrivers } from '../testing/databases';
import { coverage } from './coverage';
import { evaluate, rate } from './rating.service';
import { loadRubrics, parseRubric } from './rubrics';

const tmp = mkdtempSync(join(tmpdir(), 'ct-rating-'));
const load = (id: string) => CompoundSchema.parse(JSON.parse(readFileSync(join(ROOT, 'data/compounds', id + '.json'), 'utf8')));
let srv: TestServer;

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('coverage', () => {
  it('when every floor stairwell of the demo compounds has a smoke detector, then smoke coverage is complete', () => {
    for (const id of ['yaguang-xincun', 'sanhe-guanggu']) {
      const c = coverage(load(id), 'smoke_detector', 'unit_floor');
      expect(c.gaps).toEqual([]);
      expect(c.required).toBeGreaterThan(100);
    }
  });

  it("when a building's hydrant sensors are removed, then each of its risers is a gap", () => {
    const c = load('yaguang-xincun');
    c.devices = c.devices.filter((d) => !(d.type === 'hydrant_pressure' && d.placement.kind === 'building' && d.placement.buildingId === 'b3'));
    const cov = coverage(c, 'hydrant_pressure', 'riser');
    const b3units = c.buildings.find((b) => b.id === 'b3')!.units.length;
    expect(cov.gaps).toHaveLength(b3units);
    expect(new Set(cov.gaps.map((g) => g.buildingNumber))).toEqual(new Set(['3']));
  });
});

// The rating reads uptime samples, alarms and work orders: on every driver (embedded, PostgreSQL, TimescaleDB server).
describe.each(storageDrivers())('rating on $name', ({ name, open }) => {
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

  describe('GET /api/v1/compounds/:id/rating', () => {
    it('when both demo compounds are rated, then each report has a level and evidence for every criterion', async () => {
      for (const id of ['yaguang-xincun', 'sanhe-guanggu']) {
        const r = await (await fetch(`${srv.url}/api/v1/compounds/${id}/rating`, { headers: (await srv.login()).headers })).json();
        expect(r.rubric.example).toBe(true);
        expect(r.level?.id).toBeTruthy();
        expect(r.criteria.length).toBeGreaterThan(10);
        for (const c of r.criteria) {
          expect(typeof c.pass).toBe('boolean');
          expect(['passed', 'failed', 'insufficient', 'manual']).toContain(c.status);
          expect(c.pass).toBe(c.status === 'passed');
          expect(typeof c.evidence.kind).toBe('string');
        }
        expect(r.criteria.find((c: any) => c.id === 'smoke.coverage')).toMatchObject({ pass: true, measured: 100 });
      }
    });

    it('when the evidence is exported as CSV, then there is a header and one row per criterion', async () => {
      const res = await fetch(`${srv.url}/api/v1/compounds/yaguang-xincun/rating?format=csv`, { headers: (await srv.login()).headers });
      expect(res.headers.get('content-type')).toMatch(/text\/csv/);
      const lines = (await res.text()).trim().split('\r\n');
      const json = await (await fetch(`${srv.url}/api/v1/compounds/yaguang-xincun/rating`, { headers: (await srv.login()).headers })).json();
      expect(lines).toHaveLength(json.criteria.length + 1);
      expect((await fetch(`${srv.url}/api/v1/compounds/yaguang-xincun/rating?format=pdf`, { headers: (await srv.login()).headers })).status).toBe(400);
    });

    // Two servers of their own (embedded): the evaluation, not the storage, is under test, so once is enough.
    it.runIf(name.startsWith('embedded'))(
      'when the smoke detectors of one building are removed from a copy of a compound, then the level drops and the gap names that building',
      async () => {
        // A rubric of document-based criteria only, so the level does not depend on how long this test server has run.
        const rubric = JSON.parse(readFileSync(join(ROOT, 'data/rubrics/example-smart-community.json'), 'utf8'));
        rubric.criteria = rubric.criteria.filter((c: any) => c.kind === 'deployed' || c.kind === 'coverage' || c.measure === 'model_coverage_pct');
        const rubricsDir = mkdtempSync(join(tmp, 'r-'));
        writeFileSync(join(rubricsDir, 'r.json'), JSON.stringify(rubric));
        const doc = JSON.parse(readFileSync(join(ROOT, 'data/compounds/yaguang-xincun.json'), 'utf8'));
        doc.devices = doc.devices.filter((d: any) => !(d.type === 'smoke_detector' && d.placement.buildingId === 'b7'));
        const dir = mkdtempSync(join(tmp, 'c-'));
        writeFileSync(join(dir, 'yaguang-xincun.json'), JSON.stringify(doc));
        const original = await startTestServer({ rubricsDir });
        const copy = await startTestServer({ compoundsDir: dir, rubricsDir });
        try {
          const before = await (await fetch(`${original.url}/api/v1/compounds/yaguang-xincun/rating`, { headers: (await original.login()).headers })).json();
          const after = await (await fetch(`${copy.url}/api/v1/compounds/yaguang-xincun/rating`, { headers: (await copy.login()).headers })).json();
          expect(before.level.id).toBe('star3');
          const rank = (r: any) => r.levels.findIndex((l: any) => l.id === r.level?.id);
          expect(rank(after)).toBeLessThan(rank(before));
          expect(after.level.id).toBe('basic');
          const smoke = after.criteria.find((c: any) => c.id === 'smoke.coverage');
          expect(smoke.pass).toBe(false);
          expect(smoke.gap).toMatchObject({ kind: 'coverage', deviceType: 'smoke_detector', scope: 'unit_floor', buildings: ['7'] });
          expect(smoke.gap.places).toBe(smoke.gaps.length);
          expect(new Set(smoke.gaps.map((g: any) => g.buildingId))).toEqual(new Set(['b7']));
          expect(after.next.failing).toContain('smoke.coverage');
        } finally {
          await copy.close();
          await original.close();
        }
      },
    );

    it('when the district overview is asked for, then every compound is listed with its level', async () => {
      const d = await (await fetch(`${srv.url}/api/v1/rating/district`, { headers: (await srv.login()).headers })).json();
      expect(d.compounds.map((c: any) => c.compoundId).sort()).toEqual(['sanhe-guanggu', 'yaguang-xincun']);
      for (const c of d.compounds) expect(c.level?.id).toBeTruthy();
    });
  });

  describe('rubric files', () => {
    it('when a criterion names an unknown level, then the error names the file and the field', () => {
      const text = readFileSync(join(ROOT, 'data/rubrics/example-smart-community.json'), 'utf8').replace('"level": "star2"', '"level": "star9"');
      expect(() => parseRubric(text, 'x.json')).toThrow(/x\.json: criteria\[\d+\]\.level: unknown level "star9"/);
    });

    it('when a rubric file has an unknown category, no categories or a bad minCoverage, then the server refuses to start and names the file and the field', async () => {
      const hubei = JSON.parse(readFileSync(join(ROOT, 'data/rubrics/hubei-smart-compound-2023.json'), 'utf8'));
      const cases: [string, (r: any) => void, RegExp][] = [
        ['cat.json', (r) => (r.criteria[3].category = 'smart-parking'), /cat\.json: criteria\[3\]\.category: unknown category "smart-parking"/],
        ['nocat.json', (r) => delete r.categories, /nocat\.json: categories: /],
        ['cov.json', (r) => (r.criteria.find((c: any) => c.kind === 'operation').minCoverage = 1.5), /cov\.json: criteria\[\d+\]\.minCoverage: /],
        ['manual.json', (r) => delete r.criteria.find((c: any) => c.kind === 'manual').evidence, /manual\.json: criteria\[\d+\]\.evidence: /],
      ];
      for (const [file, spoil, message] of cases) {
        const dir = mkdtempSync(join(tmp, 'bad-'));
        const r = structuredClone(hubei);
        spoil(r);
        writeFileSync(join(dir, file), JSON.stringify(r));
        await expect(startTestServer({ db: srv.db, rubricsDir: dir }), file).rejects.toThrow(message);
      }
    });

    it('when the shipped rubrics load, then both parse and every criterion sits in a declared category', () => {
      const all = loadRubrics(join(ROOT, 'data/rubrics'));
      expect([...all.keys()].sort()).toEqual(['example-smart-community', 'hubei-smart-compound-2023']);
      for (const r of all.values()) {
        const cats = new Set(r.categories.map((c) => c.id));
        for (const c of r.criteria) expect(cats.has(c.category), `${r.id} ${c.id}`).toBe(true);
      }
    });
  });

  const HOUR = 3_600_000;
  const onlineCriterion = (o: Partial<Criterion> = {}) =>
    RubricSchema.shape.criteria.element.parse({
      id: 'x.online',
      level: 'basic',
      category: 'ops',
      kind: 'operation',
      measure: 'online_rate_pct',
      windowDays: 30,
      min: 90,
      title: { zh: '在线率', en: 'Online' },
      ...o,
    });

  describe('honest measurement', () => {
    it('when the 30-day online rate rests on the one hourly sample taken at start, then it is insufficient data, not passed, and the gap says which data is missing', async () => {
      const r = await (await fetch(`${srv.url}/api/v1/compounds/yaguang-xincun/rating`, { headers: (await srv.login()).headers })).json();
      const online = r.criteria.find((c: any) => c.id === 'ops.online');
      expect(online.status).toBe('insufficient');
      expect(online.pass).toBe(false);
      expect(online.measured).toBeGreaterThanOrEqual(0); // the figure is shown, but does not count
      expect(online.evidence).toMatchObject({ kind: 'onlineRate', samples: 1, expected: 720, windowDays: 30, days: 1 });
      expect(online.gap).toEqual({ kind: 'insufficient', needs: [{ what: 'hourlySamples', have: 1, need: 576 }] });
      // the level it is required for is held back; the next-level list names it
      expect(r.levels.find((l: any) => l.id === 'star1')).toMatchObject({ pass: false, insufficient: 1 });
      expect(r.level.id).toBe('basic');
      expect(r.next.failing).toContain('ops.online');
    });

    it('when enough hourly samples cover the window, then the same criterion passes or fails on its figure, and days are counted in the compound zone', async () => {
      const c = { ...load('yaguang-xincun'), id: 'zone-test' };
      // 2026-03-01 00:00 in Shanghai is 2026-02-28 16:00 UTC; samples from 15:00 to 17:00 UTC straddle two Shanghai days but one UTC day
      const midnight = Date.UTC(2026, 1, 28, 16);
      for (const at of [midnight - HOUR, midnight, midnight + HOUR]) await recordUptime(srv.db, c.id, at, new Map([['camera', { online: 9, total: 10 }]]));
      const few = await evaluate(srv.db, c, onlineCriterion({ windowDays: 1, minCoverage: 0.1 }), midnight + 2 * HOUR);
      expect(few.evidence).toMatchObject({ kind: 'onlineRate', samples: 3, expected: 24, days: 2, deviceHoursOnline: 27, deviceHours: 30 });
      expect(few).toMatchObject({ status: 'passed', measured: 90 });
      expect((await evaluate(srv.db, c, onlineCriterion({ windowDays: 1, minCoverage: 0.5 }), midnight + 2 * HOUR)).status).toBe('insufficient');
      // 24 of 24 hours, one of them at 50 %: on full data it fails on its figure (235 of 240 device-hours)
      for (let h = -2; h < 22; h++) await recordUptime(srv.db, c.id, midnight + h * HOUR, new Map([['camera', { online: h === 5 ? 5 : 10, total: 10 }]]));
      const full = await evaluate(srv.db, c, onlineCriterion({ windowDays: 1, min: 99 }), midnight + 22 * HOUR);
      expect(full.evidence).toMatchObject({ samples: 24, expected: 24, deviceHoursOnline: 235, deviceHours: 240 });
      expect(full.measured).toBe(97.9);
      expect(full.status).toBe('failed');
      expect(full.gap).toMatchObject({ kind: 'belowTarget', min: 99 });
      // only the types asked for
      const cams = await evaluate(srv.db, c, onlineCriterion({ windowDays: 1, deviceTypes: ['smoke_detector'] }), midnight + 22 * HOUR);
      expect(cams.evidence).toMatchObject({ samples: 0, deviceHours: 0 });
      expect(cams).toMatchObject({ status: 'insufficient', measured: null });
    });

    it('when an operation criterion counts events, then fewer than minEvents acknowledged alarms is insufficient data', async () => {
      const c = { ...load('yaguang-xincun'), id: 'zone-test-2' };
      const now = Date.UTC(2026, 2, 10);
      for (let h = 0; h < 24; h++) await recordUptime(srv.db, c.id, now - (h + 1) * HOUR, new Map([['camera', { online: 1, total: 1 }]]));
      const k = RubricSchema.shape.criteria.element.parse({
        id: 'x.ack',
        level: 'basic',
        category: 'ops',
        kind: 'operation',
        measure: 'alarm_ack_median_min',
        windowDays: 1,
        max: 15,
        minEvents: 3,
        title: { zh: '确认', en: 'Ack' },
      });
      const r = await evaluate(srv.db, c, k, now);
      expect(r.status).toBe('insufficient');
      expect(r.evidence).toMatchObject({ kind: 'ackMedian', acked: 0, raised: 0, samples: 24, expected: 24 });
      expect(r.gap).toEqual({ kind: 'insufficient', needs: [{ what: 'ackedAlarms', have: 0, need: 3 }] });
    });
  });

  describe('Hubei smart-compound rubric (our reading)', () => {
    it('when a compound is rated under it, then criteria group into the five categories with a weighted score each, manual items stay in, and the source and disclaimer come along', async () => {
      const res = await fetch(`${srv.url}/api/v1/compounds/sanhe-guanggu/rating?rubric=hubei-smart-compound-2023`, { headers: (await srv.login()).headers });
      expect(res.status).toBe(200);
      const r = await res.json();
      expect(r.rubric.id).toBe('hubei-smart-compound-2023');
      expect(r.rubric.source.zh).toContain('湖北省智慧小区建设指引');
      expect(r.rubric.disclaimer.en).toMatch(/OUR READING/);
      expect(r.rubric.disclaimer.zh).toMatch(/解读/);
      expect(r.timeZone).toBe('Asia/Shanghai');
      expect(r.categories.map((c: any) => c.name.zh)).toEqual(['智慧通行', '智慧安防', '智慧物业', '智慧节能', '智慧生活']);
      for (const cat of r.categories) {
        const mine = r.criteria.filter((c: any) => c.category === cat.id);
        expect(mine.length, cat.id).toBeGreaterThan(2);
        const measurable = mine.filter((c: any) => c.status !== 'manual');
        expect(cat.measurable).toBe(measurable.length);
        expect(cat.passed + cat.failed + cat.insufficient + cat.manual).toBe(mine.length);
        const w = measurable.reduce((s: number, c: any) => s + c.weight, 0);
        const wp = measurable.filter((c: any) => c.pass).reduce((s: number, c: any) => s + c.weight, 0);
        expect(cat.scorePct).toBe(Math.round((1000 * wp) / w) / 10);
      }
      const manual = r.criteria.filter((c: any) => c.status === 'manual');
      expect(manual.length).toBeGreaterThanOrEqual(5);
      for (const m of manual) expect(m).toMatchObject({ pass: false, evidence: { kind: 'manual' }, gap: { kind: 'manual' } });
      // weights count: access has a weight-2 criterion
      expect(r.criteria.find((c: any) => c.id === 'hb.access.unit-gates').weight).toBe(2);
      // a fresh server has one hourly sample: every operation criterion is short of data
      for (const c of r.criteria.filter((c: any) => c.kind === 'operation')) expect(c.status, c.id).toBe('insufficient');
      expect(r.level).toBeNull();
      expect(r.next.id).toBe('basic');
    });

    it('when evidence is returned, then it is codes and numbers (no sentences), the same for both rubrics', async () => {
      const c = load('yaguang-xincun');
      for (const rubric of loadRubrics(join(ROOT, 'data/rubrics')).values()) {
        const r = await rate(srv.db, c, rubric);
        for (const k of r.criteria) {
          const { kind, ...rest } = k.evidence as any;
          expect(['deviceCount', 'coverage', 'onlineRate', 'ackMedian', 'workOrderSla', 'modelCoverage', 'oldestReading', 'manual']).toContain(kind);
          for (const [key, v] of Object.entries(rest)) {
            if (kind === 'manual') expect(Object.keys(v as object).sort(), key).toEqual(['en', 'zh']);
            else if (typeof v === 'string')
              expect(v, `${k.id}.${key}`).toMatch(/^[a-z_]+$/); // device types and scopes: codes
            else if (v !== null && !Array.isArray(v)) expect(typeof v, `${k.id}.${key}`).toBe('number');
          }
        }
      }
    });
  });
});
