import { describe, expect, it } from 'vitest';
import type { Building } from '../../models/compound';
import { buildLineArrays, LINE_FLOOR, LINE_UNIT, unitBoundaries } from './buildingLines';
import { buildShellArrays } from './buildingShell';

function building(id: string, footprint: [number, number][], floors = 6, units = 3): Building {
  return {
    id,
    number: id,
    use: 'residential',
    footprint,
    floors,
    floorHeight: 3,
    units: Array.from({ length: units }, (_, i) => ({
      id: `${id}-u${i + 1}`,
      number: i + 1,
      span: [i / units, (i + 1) / units] as [number, number],
      entrance: [0, 0] as [number, number],
      residents: 10,
      floors: [{ level: 1, households: 2, occupied: 2, elderlyAlone: 0 }],
    })),
  };
}

const slab = building('1', [
  [0, 0],
  [60, 0],
  [60, 12],
  [0, 12],
]);
const ell = building(
  '2',
  [
    [100, 0],
    [130, 0],
    [130, 10],
    [110, 10],
    [110, 30],
    [100, 30],
  ],
  18,
  2,
);

describe('buildShellArrays', () => {
  it('when building walls and roofs, then every triangle faces the way its normal says', () => {
    const s = buildShellArrays([slab, ell]);
    const p = s.position;
    for (let t = 0; t < s.index.length; t += 3) {
      const [a, b, c] = [s.index[t], s.index[t + 1], s.index[t + 2]];
      const e1 = [p[b * 3] - p[a * 3], p[b * 3 + 1] - p[a * 3 + 1], p[b * 3 + 2] - p[a * 3 + 2]];
      const e2 = [p[c * 3] - p[a * 3], p[c * 3 + 1] - p[a * 3 + 1], p[c * 3 + 2] - p[a * 3 + 2]];
      const cross = [e1[1] * e2[2] - e1[2] * e2[1], e1[2] * e2[0] - e1[0] * e2[2], e1[0] * e2[1] - e1[1] * e2[0]];
      const dot = cross[0] * s.normal[a * 3] + cross[1] * s.normal[a * 3 + 1] + cross[2] * s.normal[a * 3 + 2];
      expect(dot, `triangle ${t / 3}`).toBeGreaterThan(0);
    }
  });

  it('when a footprint is clockwise, then the result is the same as counter-clockwise', () => {
    const cw = { ...slab, footprint: [...slab.footprint].reverse() };
    expect(buildShellArrays([cw]).index.length).toBe(buildShellArrays([slab]).index.length);
  });

  it('when mapping to three, then model north becomes −z and height becomes y', () => {
    const s = buildShellArrays([slab]);
    let maxY = 0;
    let minZ = 0;
    for (let i = 0; i < s.position.length; i += 3) {
      maxY = Math.max(maxY, s.position[i + 1]);
      minZ = Math.min(minZ, s.position[i + 2]);
    }
    expect(maxY).toBe(18);
    expect(minZ).toBe(-12);
  });

  it('when merging buildings, then each vertex knows its building', () => {
    const s = buildShellArrays([slab, ell]);
    expect(new Set(s.building)).toEqual(new Set([0, 1]));
    expect(s.roof.filter((r) => r === 1).length).toBe(4 + 6);
  });
});

describe('buildLineArrays', () => {
  it('when a 6-floor slab has 3 units, then it gets 5 floor lines a wall and 2 unit divisions', () => {
    const l = buildLineArrays([slab]);
    const count = (k: number) => l.kind.filter((x) => x === k).length / 2;
    expect(count(LINE_FLOOR)).toBe(5 * 4);
    expect(count(LINE_UNIT)).toBe(2 * 3);
    expect(unitBoundaries(slab)).toEqual([0.3333, 0.6667]);
  });

  it('when lines are built, then none lies on a wall plane (no z-fighting)', () => {
    const l = buildLineArrays([slab]);
    for (let i = 0; i < l.position.length; i += 3) {
      const x = l.position[i];
      const y = -l.position[i + 2];
      const z = l.position[i + 1];
      const touchesShell = x >= -1e-6 && x <= 60 + 1e-6 && y >= -1e-6 && y <= 12 + 1e-6 && z <= 18 + 1e-6;
      expect(touchesShell, `vertex ${i / 3}`).toBe(false);
    }
  });
});

describe('courtyards and lifted parts', () => {
  const court = {
    ...building(
      'c',
      [
        [0, 0],
        [30, 0],
        [30, 30],
        [0, 30],
      ],
      4,
      1,
    ),
    holes: [
      [
        [10, 10],
        [20, 10],
        [20, 20],
        [10, 20],
      ] as [number, number][],
    ],
  };
  it('when a building has a courtyard, then the roof leaves it open and its walls face into it', () => {
    const s = buildShellArrays([court]);
    // no roof triangle covers the courtyard centre (15, 15)
    for (let t = 0; t < s.index.length; t += 3) {
      const v = [s.index[t], s.index[t + 1], s.index[t + 2]];
      if (!v.every((i) => s.roof[i] === 1)) continue;
      const P = v.map((i) => [s.position[i * 3], -s.position[i * 3 + 2]]);
      const sign = (a: number[], b: number[]) => (b[0] - a[0]) * (15 - a[1]) - (b[1] - a[1]) * (15 - a[0]);
      const inside = sign(P[0], P[1]) > 0 && sign(P[1], P[2]) > 0 && sign(P[2], P[0]) > 0;
      expect(inside).toBe(false);
    }
    // a courtyard wall on x = 10 faces +x (into the courtyard)
    let found = false;
    for (let i = 0; i < s.roof.length; i++) {
      if (s.roof[i] === 0 && Math.abs(s.position[i * 3] - 10) < 1e-6 && -s.position[i * 3 + 2] >= 10 && -s.position[i * 3 + 2] <= 20 && s.normal[i * 3] !== 0) {
        expect(s.normal[i * 3]).toBeGreaterThan(0);
        found = true;
      }
    }
    expect(found).toBe(true);
  });

  it('when a part is lifted, then its walls start at baseHeight', () => {
    const bridge = {
      ...building(
        's',
        [
          [0, 0],
          [20, 0],
          [20, 4],
          [0, 4],
        ],
        1,
        0,
      ),
      baseHeight: 20,
    };
    const s = buildShellArrays([bridge]);
    let minY = Infinity;
    for (let i = 1; i < s.position.length; i += 3) minY = Math.min(minY, s.position[i]);
    expect(minY).toBe(20);
  });
});
