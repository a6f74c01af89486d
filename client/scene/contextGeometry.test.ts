import { describe, expect, it } from 'vitest';
import type { CompoundContext } from '../../models/compound';
import type { Point2 } from '../../models/geo';
import { buildContextArrays, buildNeighbourArrays, CONTEXT_COLORS, roadDrawWidth } from './contextGeometry';

const empty: CompoundContext = { roads: [], water: [], green: [], landuse: [], neighbours: [] };
const square = (x: number, y: number, s: number): Point2[] => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
];

/** Area covered by the triangles (model x/y, from three x/−z), summed. */
function area(a: { position: Float32Array; index: Uint32Array }): number {
  let s = 0;
  for (let i = 0; i < a.index.length; i += 3) {
    const [p, q, r] = [a.index[i], a.index[i + 1], a.index[i + 2]].map((k) => [a.position[k * 3], -a.position[k * 3 + 2]]);
    s += Math.abs((q[0] - p[0]) * (r[1] - p[1]) - (r[0] - p[0]) * (q[1] - p[1])) / 2;
  }
  return s;
}

/** Distance of every vertex from the x axis (a road along y = 0). */
/** A palette colour as the Float32 buffer holds it. */
const f32 = (c: readonly number[]) => Array.from(Float32Array.from(c));

const offsets = (a: { position: Float32Array }) => Array.from({ length: a.position.length / 3 }, (_, i) => Math.abs(-a.position[i * 3 + 2]));

describe('buildContextArrays', () => {
  it('when there is no context or an empty one, then nothing is drawn', () => {
    for (const c of [undefined, empty]) {
      const a = buildContextArrays(c);
      expect(a.position.length).toBe(0);
      expect(a.index.length).toBe(0);
    }
  });

  it('when a road runs straight, then it is a band of its width along the line, flat on the ground', () => {
    const a = buildContextArrays({
      ...empty,
      roads: [
        {
          kind: 'residential',
          width: 6,
          line: [
            [0, 0],
            [50, 0],
            [100, 0],
          ],
        },
      ],
    });
    expect(a.index.length).toBe(2 * 2 * 3);
    for (const d of offsets(a)) expect(d).toBeCloseTo(3, 5);
    expect(area(a)).toBeCloseTo(600, 3);
    for (let i = 1; i < a.position.length; i += 3) expect(a.position[i]).toBe(0);
    expect([a.color[0], a.color[1], a.color[2]]).toEqual(f32(CONTEXT_COLORS.road.residential));
  });

  it('when a road turns a corner, then the joint is mitred: both sides stay the width apart', () => {
    const a = buildContextArrays({
      ...empty,
      roads: [
        {
          kind: 'service',
          width: 4,
          line: [
            [0, 0],
            [20, 0],
            [20, 20],
          ],
        },
      ],
    });
    // the corner's two vertices lie on the diagonal, √2·half from the joint
    const corner = [2, 3].map((k) => [a.position[k * 3], -a.position[k * 3 + 2]]);
    for (const [x, y] of corner) expect(Math.hypot(x - 20, y)).toBeCloseTo(2 * Math.SQRT2, 5);
    // area = centre-line length × width
    expect(area(a)).toBeCloseTo(40 * 4, 3);
  });

  it('when a major road is narrow in the data, then it is drawn at its class minimum; a path keeps its width', () => {
    expect(roadDrawWidth({ kind: 'motorway', width: 3 })).toBe(14);
    expect(roadDrawWidth({ kind: 'primary', width: 24 })).toBe(24);
    expect(roadDrawWidth({ kind: 'path', width: 1.5 })).toBe(1.5);
  });

  it('when water has an island, then the hole is left out of the fill', () => {
    const lake = { polygon: square(0, 0, 100), holes: [square(40, 40, 20)] };
    const a = buildContextArrays({ ...empty, water: [lake] });
    expect(area(a)).toBeCloseTo(100 * 100 - 20 * 20, 3);
    expect([a.color[0], a.color[1], a.color[2]]).toEqual(f32(CONTEXT_COLORS.water));
    const solid = buildContextArrays({ ...empty, water: [{ polygon: square(0, 0, 100) }] });
    expect(area(solid)).toBeCloseTo(10_000, 3);
  });

  it('when every layer is there, then they are painted land use, green, water, roads minor to major, then rail', () => {
    const a = buildContextArrays({
      ...empty,
      landuse: [{ kind: 'commercial', polygon: square(0, 0, 10) }],
      green: [{ polygon: square(0, 0, 10) }],
      water: [{ polygon: square(0, 0, 10) }],
      roads: [
        {
          kind: 'rail',
          width: 3,
          line: [
            [0, 5],
            [30, 5],
          ],
        },
        {
          kind: 'primary',
          width: 12,
          line: [
            [0, 0],
            [10, 0],
          ],
        },
        {
          kind: 'path',
          width: 2,
          line: [
            [0, 0],
            [10, 0],
          ],
        },
      ],
    });
    const colourAt = (v: number) => [a.color[v * 3], a.color[v * 3 + 1], a.color[v * 3 + 2]];
    // four corners each for the three areas, then the path, the primary and the rail bed
    expect(colourAt(0)).toEqual(f32(CONTEXT_COLORS.landuse.commercial));
    expect(colourAt(4)).toEqual(f32(CONTEXT_COLORS.green));
    expect(colourAt(8)).toEqual(f32(CONTEXT_COLORS.water));
    expect(colourAt(12)).toEqual(f32(CONTEXT_COLORS.road.path));
    expect(colourAt(16)).toEqual(f32(CONTEXT_COLORS.road.primary));
    expect(colourAt(20)).toEqual(f32(CONTEXT_COLORS.road.rail));
    // 30 m of rail: ties at 0, 9, 18 and 27 m (the last one 3 m long), lighter, over the bed
    const ties = (a.position.length / 3 - 24) / 4;
    expect(ties).toBe(4);
    expect(colourAt(24)).toEqual(f32(CONTEXT_COLORS.railTie));
  });
});

describe('buildNeighbourArrays', () => {
  it('when there are no neighbours, then nothing is drawn', () => {
    expect(buildNeighbourArrays(undefined).index.length).toBe(0);
    expect(buildNeighbourArrays([]).position.length).toBe(0);
  });

  it('when a neighbour is a box, then it has four walls up to its height and a roof, whatever its winding', () => {
    for (const ring of [square(0, 0, 10), square(0, 0, 10).reverse()]) {
      const a = buildNeighbourArrays([{ footprint: ring, height: 24 }]);
      expect(a.index.length).toBe(4 * 6 + 2 * 3);
      const ys = Array.from({ length: a.position.length / 3 }, (_, i) => a.position[i * 3 + 1]);
      expect(Math.max(...ys)).toBe(24);
      expect(Math.min(...ys)).toBe(0);
      // the roof's colour is the lighter one; no colour is black
      for (let i = 0; i < a.color.length; i++) expect(a.color[i]).toBeGreaterThan(0);
    }
  });

  it('when there are 5,000 neighbours, then they are one buffer built quickly', () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ footprint: square((i % 100) * 20, Math.floor(i / 100) * 20, 12), height: 10 + (i % 30) }));
    const t0 = performance.now();
    const a = buildNeighbourArrays(many);
    const ms = performance.now() - t0;
    expect(a.index.length).toBe(5000 * (24 + 6));
    expect(a.position.length / 3).toBe(5000 * 20);
    expect(ms).toBeLessThan(2000);
  });
});
