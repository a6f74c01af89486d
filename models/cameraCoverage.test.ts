import { describe, expect, it } from 'vitest';
import type { Device } from './compound';
import type { Point2 } from './geo';
import { camerasCovering, groundRange, ObstacleIndex, resolveView, seesPoint, viewPolygon, type ResolvedView } from './cameraCoverage';

const rect = (x0: number, y0: number, x1: number, y1: number): Point2[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
];
const view = (at: [number, number], headingDeg: number, hfovDeg: number, rangeM: number, tiltDeg = 0, z = 3): ResolvedView => ({
  at: [at[0], at[1], z],
  headingDeg,
  tiltDeg,
  hfovDeg,
  rangeM,
});
const camera = (id: string, at: [number, number, number], v?: Device['view']): Device => ({
  id,
  type: 'camera',
  name: id,
  placement: { kind: 'ground', at },
  metrics: ['online'],
  installedAt: '2024-01-01',
  intervalS: 60,
  ...(v ? { view: v } : {}),
});

describe('resolveView', () => {
  it('defaults at to the placement and tilt to -15; null for non-cameras and cameras without a view', () => {
    const d = camera('c1', [1, 2, 3], { headingDeg: 90, hfovDeg: 80, rangeM: 30 } as Device['view']);
    expect(resolveView(d)).toEqual({ at: [1, 2, 3], headingDeg: 90, tiltDeg: -15, hfovDeg: 80, rangeM: 30 });
    expect(resolveView({ ...d, view: { at: [5, 6, 7], headingDeg: 0, tiltDeg: -30, hfovDeg: 60, rangeM: 10 } })!.at).toEqual([5, 6, 7]);
    expect(resolveView(camera('c2', [0, 0, 0]))).toBeNull();
    expect(resolveView({ ...d, type: 'smoke_detector' })).toBeNull();
  });
});

describe('seesPoint', () => {
  const none = new ObstacleIndex([]);
  it('looks along its heading (clockwise from north) within range', () => {
    const v = view([0, 0], 0, 90, 20);
    expect(seesPoint(v, [0, 10], none)).toBe(true);
    expect(seesPoint(v, [0, 21], none)).toBe(false);
    expect(seesPoint(v, [0, -5], none)).toBe(false);
    const east = view([0, 0], 90, 90, 20);
    expect(seesPoint(east, [10, 0], none)).toBe(true);
    expect(seesPoint(east, [0, 10], none)).toBe(false);
  });
  it('respects the field-of-view edges', () => {
    const v = view([0, 0], 0, 90, 50);
    expect(seesPoint(v, [9.9, 10], none)).toBe(true); // 44.7° off axis
    expect(seesPoint(v, [10.1, 10], none)).toBe(false); // 45.3°
    expect(seesPoint(v, [-9.9, 10], none)).toBe(true);
    expect(seesPoint(v, [-10.1, 10], none)).toBe(false);
  });
  it('a 360° camera sees all round', () => {
    const v = view([0, 0], 0, 360, 15, -60);
    for (const p of [
      [10, 0],
      [-10, 0],
      [0, -14],
      [7, 7],
    ] as Point2[])
      expect(seesPoint(v, p, none)).toBe(true);
    expect(seesPoint(v, [0, 16], none)).toBe(false);
  });
  it('a building between camera and point blocks it; one beside the line does not', () => {
    const ix = new ObstacleIndex([{ footprint: rect(-3, 8, 3, 12) }]);
    const v = view([0, 0], 0, 90, 40);
    expect(seesPoint(v, [0, 20], ix)).toBe(false);
    expect(seesPoint(v, [0, 6], ix)).toBe(true);
    expect(seesPoint(v, [10, 20], ix)).toBe(true);
    // a door on the building's face is seen
    expect(seesPoint(v, [0, 8], ix)).toBe(true);
  });
  it('the building a camera is mounted on does not block its outward view, but its other walls still do', () => {
    // L-shaped building; camera on the south face of the west wing, 0.4 m inside
    const ix = new ObstacleIndex([
      {
        footprint: [
          [0, 0],
          [10, 0],
          [10, 4],
          [4, 4],
          [4, 10],
          [0, 10],
        ],
      },
    ]);
    const south = view([2, 0.4], 180, 90, 20);
    expect(seesPoint(south, [2, -10], ix)).toBe(true);
    // camera 0.3 m outside the east face of the north wing, looking east then back west through the wing
    const east = view([4.3, 7], 90, 120, 30);
    expect(seesPoint(east, [12, 7], ix)).toBe(true);
    // looking back into the wall it hangs on: that wall is entered, so it blocks
    expect(seesPoint(view([4.3, 7], 270, 90, 30), [-5, 7], ix)).toBe(false);
    // 0.3 m inside the east face, looking west: the far (west) face, 3.7 m on, is not the wall it hangs on and blocks
    expect(seesPoint(view([3.7, 7], 270, 90, 30), [-5, 7], ix)).toBe(false);
    // 0.3 m inside the east face, looking east out of it: that wall is passed
    expect(seesPoint(view([3.7, 7], 90, 90, 30), [12, 7], ix)).toBe(true);
    // a camera on the north wing's east face looking south-east: the east wing's roof edge (entered) blocks
    const se = view([4.3, 7], 150, 60, 30);
    expect(seesPoint(se, [8, 0.5], ix)).toBe(false);
    // not mounted (2 m off the wall): the building blocks
    const off = view([6, 7], 270, 90, 30);
    expect(seesPoint(off, [-5, 7], ix)).toBe(false);
  });
});

describe('the host building', () => {
  // a 20 × 10 block; grounds all round it
  const ix = new ObstacleIndex([{ footprint: rect(0, 0, 20, 10) }]);
  it('an indoor camera sees inside its building only', () => {
    const lobby = view([10, 5], 0, 360, 30, -60);
    expect(seesPoint(lobby, [14, 7], ix)).toBe(true);
    for (const p of [
      [10, 20],
      [10, -10],
      [30, 5],
      [-10, 5],
    ] as Point2[])
      expect(seesPoint(lobby, p, ix), String(p)).toBe(false);
    // its cone is the room: every ray ends at the walls
    for (const [x, y] of viewPolygon(lobby, ix, 24)) {
      expect(x).toBeGreaterThanOrEqual(-1e-9);
      expect(x).toBeLessThanOrEqual(20 + 1e-9);
      expect(y).toBeGreaterThanOrEqual(-1e-9);
      expect(y).toBeLessThanOrEqual(10 + 1e-9);
    }
  });
  it('a 360° camera on a wall sees the grounds in front, not those behind the building', () => {
    for (const at of [
      [10, -0.3],
      [10, 0.3],
    ] as [number, number][]) {
      const dome = view(at, 0, 360, 40, -60);
      expect(seesPoint(dome, [10, -15], ix), `${at} front`).toBe(true);
      expect(seesPoint(dome, [10, 25], ix), `${at} behind`).toBe(false);
      const poly = viewPolygon(dome, ix, 36);
      expect(Math.max(...poly.map((p) => p[1])), `${at} cone`).toBeLessThanOrEqual(10 + 1e-9);
    }
  });
  it('a cone pointing back across the building it hangs on stops at the building', () => {
    // 0.3 m inside the south face, looking north across the block
    const back = view([10, 0.3], 0, 60, 40);
    expect(seesPoint(back, [10, 20], ix)).toBe(false);
    expect(Math.max(...viewPolygon(back, ix, 9).map((p) => p[1]))).toBeLessThanOrEqual(10 + 1e-9);
    // the same camera looking out of its wall sees the grounds
    expect(seesPoint(view([10, 0.3], 180, 60, 40), [10, -20], ix)).toBe(true);
  });
});

describe('groundRange', () => {
  it('a camera tilted far down sees the ground only to where its picture top meets it', () => {
    expect(groundRange(view([0, 0], 0, 90, 40, -15, 4))).toBe(40);
    const steep = groundRange(view([0, 0], 0, 60, 40, -60, 4));
    expect(steep).toBeGreaterThan(2);
    expect(steep).toBeLessThan(10);
    expect(groundRange(view([0, 0], 0, 360, 12, -90, 4))).toBe(12);
  });
});

describe('viewPolygon', () => {
  it('is a fan from the camera clipped at range and at the first wall', () => {
    const ix = new ObstacleIndex([{ footprint: rect(-3, 8, 3, 12) }]);
    const poly = viewPolygon(view([0, 0], 0, 60, 20), ix, 9);
    expect(poly).toHaveLength(10);
    expect(poly[0]).toEqual([0, 0]);
    const mid = poly[5];
    expect(Math.hypot(mid[0], mid[1])).toBeLessThan(8.1);
    const edge = poly[1];
    expect(Math.hypot(edge[0], edge[1])).toBeCloseTo(20, 5);
  });
  it('a 360° view is a closed ring of ray ends', () => {
    const poly = viewPolygon(view([5, 5], 0, 360, 10), new ObstacleIndex([]), 16);
    expect(poly).toHaveLength(16);
    for (const p of poly) expect(Math.hypot(p[0] - 5, p[1] - 5)).toBeCloseTo(10, 6);
  });
  it('when 5,000 buildings stand in a grid, then the index answers 200 cones, a ray down a street is clear and one across blocks stops at the first', () => {
    const blocks: { footprint: Point2[] }[] = [];
    for (let i = 0; i < 5000; i++) {
      const x = (i % 100) * 20,
        y = Math.floor(i / 100) * 20;
      blocks.push({ footprint: rect(x, y, x + 12, y + 8) });
    }
    const ix = new ObstacleIndex(blocks);
    for (let k = 0; k < 200; k++)
      expect(viewPolygon(view([16 + (k % 50) * 20, 10 + Math.floor(k / 50) * 20], (k * 37) % 360, 90, 120), ix, 32)).toHaveLength(33);
    // a ray down a street between blocks is clear, one across blocks stops at the first
    expect(viewPolygon(view([16, 10], 90, 2, 200), ix, 2)[1][0]).toBeGreaterThan(200);
    const across = viewPolygon(view([6, 14], 0, 2, 200), ix, 2)[1];
    expect(across[1]).toBeCloseTo(20, 5);
  });
});

describe('camerasCovering', () => {
  it('lists the cameras that see a point, nearest first, skipping blocked ones and those without a view', () => {
    const c = {
      buildings: [{ footprint: rect(20, -5, 25, 5) }],
      devices: [
        camera('far', [0, -30, 3], { headingDeg: 0, tiltDeg: 0, hfovDeg: 60, rangeM: 50 }),
        camera('near', [0, -5, 3], { headingDeg: 0, tiltDeg: 0, hfovDeg: 60, rangeM: 50 }),
        camera('blocked', [40, 0, 3], { headingDeg: 270, tiltDeg: 0, hfovDeg: 60, rangeM: 50 }),
        camera('noview', [0, 1, 3]),
        camera('away', [0, -2, 3], { headingDeg: 180, tiltDeg: 0, hfovDeg: 60, rangeM: 50 }),
      ],
    };
    const ix = new ObstacleIndex(c.buildings);
    expect(camerasCovering(c, [0, 0], ix).map((d) => d.id)).toEqual(['near', 'far']);
    expect(camerasCovering(c, [0, 0], ix, 1).map((d) => d.id)).toEqual(['near']);
  });
});
