import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { camerasCovering, CompoundSchema, obstaclesOf, pointInRing, type Compound, type Device, type Point2 } from '../../models';
import { coverage, gatePlaces, LANE_STEP_M, lanePlaces } from './coverage';

const ROOT = join(import.meta.dirname, '../..');
const load = (id: string): Compound => CompoundSchema.parse(JSON.parse(readFileSync(join(ROOT, 'data/compounds', id + '.json'), 'utf8')));

describe('camera coverage by view', () => {
  // Measured on the regenerated demo files; a change to the generator or the geometry shows here.
  const expected = {
    'yaguang-xincun': { unit_entrance: [31, 31], gate: [2, 2], lane: [87, 77] },
    'sanhe-guanggu': { unit_entrance: [8, 8], gate: [2, 2], lane: [65, 47] },
  } as const;
  for (const [id, want] of Object.entries(expected)) {
    it(`when ${id} is analysed, then entrances, gates and lanes have the measured coverage, judged by view`, () => {
      const c = load(id);
      for (const scope of ['unit_entrance', 'gate', 'lane'] as const) {
        const r = coverage(c, 'camera', scope);
        expect([r.required, r.covered], scope).toEqual(want[scope]);
        expect(r.gaps).toHaveLength(r.required - r.covered);
        expect(r.byView).toBe(c.devices.filter((d) => d.type === 'camera' && d.view).length);
        expect(r.byRadius).toBe(0);
        for (const g of r.gaps) {
          expect(g.place).toBe(scope);
          expect(g.at).toHaveLength(2);
          expect(g.label).toBeTruthy();
        }
      }
    });
  }

  it('when the demo is generated, then every outdoor camera has a view and lift cameras have none', () => {
    for (const id of Object.keys(expected)) {
      const cams = load(id).devices.filter((d) => d.type === 'camera');
      for (const d of cams) expect(!!d.view, d.id).toBe(!/-lift\d+-cam$/.test(d.id));
    }
  });

  it('when the gates are found, then they are where the spine and the north path cross the red line', () => {
    const c = load('yaguang-xincun');
    const gates = gatePlaces(c);
    const south = Math.min(...c.redLine.map((p) => p[1]));
    const north = Math.max(...c.redLine.map((p) => p[1]));
    expect(gates.map((g) => g.at[1]).sort((a, b) => a - b)).toEqual([south, north]);
    expect(lanePlaces(c).every((p) => c.roads.some((r) => r.kind !== 'path' && r.id === p.id.split('@')[0]))).toBe(true);
  });

  it('when a building stands between the only camera and an entrance, then that entrance is a gap naming its unit', () => {
    const c0 = load('yaguang-xincun');
    const b = c0.buildings.find((x) => x.use === 'residential')!;
    const u = b.units[0];
    const [ex, ey] = u.entrance;
    const cam: Device = {
      ...c0.devices.find((d) => d.type === 'camera')!,
      id: 'test-cam',
      placement: { kind: 'ground', at: [ex, ey - 12, 3] },
      view: { headingDeg: 0, tiltDeg: -10, hfovDeg: 60, rangeM: 30 },
    };
    const open: Compound = { ...c0, devices: [cam] };
    const seen = coverage(open, 'camera', 'unit_entrance');
    expect(seen.gaps.some((g) => g.unitId === u.id)).toBe(false);
    expect(camerasCovering(open, u.entrance, obstaclesOf(open)).map((d) => d.id)).toEqual(['test-cam']);

    const shed = { ...c0.buildings.find((x) => x.use !== 'residential')!, id: 'shed-x' };
    shed.footprint = [
      [ex - 3, ey - 7],
      [ex + 3, ey - 7],
      [ex + 3, ey - 5],
      [ex - 3, ey - 5],
    ];
    const blocked: Compound = { ...open, buildings: [...c0.buildings, shed] };
    const r = coverage(blocked, 'camera', 'unit_entrance');
    const gap = r.gaps.find((g) => g.unitId === u.id);
    expect(gap).toMatchObject({ buildingId: b.id, buildingNumber: b.number, place: 'unit_entrance', at: u.entrance });
    expect(camerasCovering(blocked, u.entrance, obstaclesOf(blocked))).toEqual([]);
  });

  it('when no camera has a view (an imported compound), then cameras within the radius count', () => {
    const c0 = load('sanhe-guanggu');
    const bare: Compound = { ...c0, devices: c0.devices.map(({ view: _v, ...d }) => d) };
    const r = coverage(bare, 'camera', 'unit_entrance', 20);
    expect(r).toMatchObject({ required: 8, covered: 8, byView: 0 });
    expect(r.byRadius).toBe(bare.devices.filter((d) => d.type === 'camera').length);
    expect(coverage(bare, 'camera', 'unit_entrance', 0.5).covered).toBe(0);
  });
});

describe('gates where roads meet the red line', () => {
  // a 100 × 100 site; its south side is the line y = 0
  const site = (roads: Record<string, Point2[]>): Compound => ({
    ...load('sanhe-guanggu'),
    redLine: [
      [0, 0],
      [100, 0],
      [100, 100],
      [0, 100],
    ],
    roads: Object.entries(roads).map(([id, polygon]) => ({ id, kind: 'main' as const, polygon })),
    buildings: [],
    devices: [],
  });
  const gatesOf = (c: Compound) => Object.fromEntries(gatePlaces(c).map((g) => [g.id, g.at]));

  it('when a road passes through the red line, however wide, or ends on it, then it is one gate at the middle of its opening', () => {
    const c = site({
      wide: [
        [10, -10],
        [50, -10],
        [50, 30],
        [10, 30],
      ],
      end: [
        [57, 0],
        [63, 0],
        [63, 60],
        [57, 60],
      ],
      // crosses with a vertex on the line
      kinked: [
        [70, -10],
        [76, -10],
        [76, 0],
        [76, 20],
        [70, 20],
      ],
    });
    expect(gatesOf(c)).toEqual({ wide: [30, 0], end: [60, 0], kinked: [73, 0] });
  });

  it('when a road only touches the red line at a vertex or lies along it, then it is no gate', () => {
    const c = site({
      touch: [
        [50, 0],
        [60, 10],
        [50, 20],
        [40, 10],
      ],
      perimeter: [
        [5, 0],
        [95, 0],
        [95, 6],
        [5, 6],
      ],
      outsideAlong: [
        [5, -6],
        [95, -6],
        [95, 0],
        [5, 0],
      ],
    });
    expect(gatePlaces(c)).toEqual([]);
  });
});

describe('lane points along roads of any shape', () => {
  const site = (polygon: Point2[]): Compound => ({ ...load('sanhe-guanggu'), roads: [{ id: 'r', kind: 'lane', polygon }], buildings: [], devices: [] });
  const spacing = (pts: Point2[]) => Math.min(...pts.flatMap((p, i) => pts.slice(i + 1).map((q) => Math.hypot(p[0] - q[0], p[1] - q[1]))));

  it('when a road is L-shaped, then its points follow both arms down the middle', () => {
    // 6 m wide: east arm y 0..6 from x 0 to 100, north arm x 94..100 up to y 100
    const L: Point2[] = [
      [0, 0],
      [100, 0],
      [100, 100],
      [94, 100],
      [94, 6],
      [0, 6],
    ];
    const pts = lanePlaces(site(L)).map((p) => p.at);
    expect(pts.length).toBeGreaterThanOrEqual(11);
    expect(pts.length).toBeLessThanOrEqual(16);
    for (const p of pts) {
      expect(pointInRing(p, L)).toBe(true);
      expect(Math.min(Math.abs(p[1] - 3), Math.abs(p[0] - 97)), String(p)).toBeLessThan(0.6);
    }
    expect(pts.filter((p) => p[1] > 20).length).toBeGreaterThanOrEqual(5);
    expect(pts.filter((p) => p[0] < 80).length).toBeGreaterThanOrEqual(5);
    expect(spacing(pts)).toBeGreaterThanOrEqual(7);
  });

  it('when a road curves (a half ring), then its points lie on its centre line all the way round', () => {
    const ring: Point2[] = [];
    for (let i = 0; i <= 24; i++) ring.push([53 * Math.cos((Math.PI * i) / 24), 53 * Math.sin((Math.PI * i) / 24)]);
    for (let i = 24; i >= 0; i--) ring.push([47 * Math.cos((Math.PI * i) / 24), 47 * Math.sin((Math.PI * i) / 24)]);
    const pts = lanePlaces(site(ring)).map((p) => p.at);
    // the centre line is π·50 ≈ 157 m: about one point per step
    expect(pts.length).toBeGreaterThanOrEqual(Math.floor((Math.PI * 50) / LANE_STEP_M) - 1);
    expect(pts.length).toBeLessThanOrEqual(Math.ceil((Math.PI * 50) / (0.75 * LANE_STEP_M)));
    for (const p of pts) expect(Math.abs(Math.hypot(p[0], p[1]) - 50), String(p)).toBeLessThan(0.6);
    const angles = pts.map((p) => Math.atan2(p[1], p[0]));
    expect(Math.min(...angles)).toBeLessThan(0.3);
    expect(Math.max(...angles)).toBeGreaterThan(Math.PI - 0.3);
    expect(spacing(pts)).toBeGreaterThanOrEqual(7);
  });

  it('when a road is a straight strip, then it gets one point per step along its middle', () => {
    const strip: Point2[] = [
      [0, 0],
      [150, 0],
      [150, 8],
      [0, 8],
    ];
    const pts = lanePlaces(site(strip)).map((p) => p.at);
    expect(pts).toHaveLength(10);
    for (const p of pts) expect(p[1]).toBe(4);
  });
});
