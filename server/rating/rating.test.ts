import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompoundSchema } from '../../models';
import { ROOT, startTestServer, type TestServer } from '../testing/startTestServer';
import { coverage } from './coverage';
import { parseRubric } from './rubrics';

const tmp = mkdtempSync(join(tmpdir(), 'ct-rating-'));
const load = (id: string) => CompoundSchema.parse(JSON.parse(readFileSync(join(ROOT, 'data/compounds', id + '.json'), 'utf8')));
let srv: TestServer;

beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => {
  await srv?.close();
  rmSync(tmp, { recursive: true, force: true });
});

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

describe('GET /api/v1/compounds/:id/rating', () => {
  it('when both demo compounds are rated, then each report has a level and evidence for every criterion', async () => {
    for (const id of ['yaguang-xincun', 'sanhe-guanggu']) {
      const r = (await (await fetch(`${srv.url}/api/v1/compounds/${id}/rating`, { headers: (await srv.login()).headers })).json()) as any;
      expect(r.rubric.example).toBe(true);
      expect(r.level?.id).toBeTruthy();
      expect(r.criteria.length).toBeGreaterThan(10);
      for (const c of r.criteria) {
        expect(typeof c.pass).toBe('boolean');
        expect(c.evidence.length).toBeGreaterThan(10);
      }
      expect(r.criteria.find((c: any) => c.id === 'smoke.coverage')).toMatchObject({ pass: true, measured: 100 });
    }
  });

  it('when the evidence is exported as CSV, then there is a header and one row per criterion', async () => {
    const res = await fetch(`${srv.url}/api/v1/compounds/yaguang-xincun/rating?format=csv`, { headers: (await srv.login()).headers });
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await res.text()).trim().split('\r\n');
    const json = (await (await fetch(`${srv.url}/api/v1/compounds/yaguang-xincun/rating`, { headers: (await srv.login()).headers })).json()) as any;
    expect(lines).toHaveLength(json.criteria.length + 1);
    expect((await fetch(`${srv.url}/api/v1/compounds/yaguang-xincun/rating?format=pdf`, { headers: (await srv.login()).headers })).status).toBe(400);
  });

  it('when the smoke detectors of one building are removed from a copy of a compound, then the level drops and the gap names that building', async () => {
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
      const before = (await (await fetch(`${original.url}/api/v1/compounds/yaguang-xincun/rating`, { headers: (await original.login()).headers })).json()) as any;
      const after = (await (await fetch(`${copy.url}/api/v1/compounds/yaguang-xincun/rating`, { headers: (await copy.login()).headers })).json()) as any;
      expect(before.level.id).toBe('star3');
      const rank = (r: any) => r.levels.findIndex((l: any) => l.id === r.level?.id);
      expect(rank(after)).toBeLessThan(rank(before));
      expect(after.level.id).toBe('basic');
      const smoke = after.criteria.find((c: any) => c.id === 'smoke.coverage');
      expect(smoke.pass).toBe(false);
      expect(smoke.gapSummary.en).toMatch(/in building 7$/);
      expect(smoke.gapSummary.zh).toMatch(/^7栋/);
      expect(new Set(smoke.gaps.map((g: any) => g.buildingId))).toEqual(new Set(['b7']));
      expect(after.next.failing).toContain('smoke.coverage');
    } finally {
      await copy.close();
      await original.close();
    }
  });

  it('when the district overview is asked for, then every compound is listed with its level', async () => {
    const d = (await (await fetch(`${srv.url}/api/v1/rating/district`, { headers: (await srv.login()).headers })).json()) as any;
    expect(d.compounds.map((c: any) => c.compoundId).sort()).toEqual(['sanhe-guanggu', 'yaguang-xincun']);
    for (const c of d.compounds) expect(c.level?.id).toBeTruthy();
  });
});

describe('rubric files', () => {
  it('when a criterion names an unknown level, then the error names the file and the field', () => {
    const text = readFileSync(join(ROOT, 'data/rubrics/example-smart-community.json'), 'utf8').replace('"level": "star2"', '"level": "star9"');
    expect(() => parseRubric(text, 'x.json')).toThrow(/x\.json: criteria\[\d+\]\.level: unknown level "star9"/);
  });
});
