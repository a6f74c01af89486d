import { describe, expect, it } from 'vitest';
import type { Compound } from '../../models/compound';
import { buildGroundArrays } from './groundGeometry';

const compound = {
  redLine: [
    [0, 0],
    [200, 0],
    [200, 150],
    [0, 150],
  ],
  greens: [
    {
      id: 'g1',
      polygon: [
        [10, 10],
        [40, 10],
        [40, 40],
        [10, 40],
      ],
    },
  ],
  roads: [
    {
      id: 'r1',
      kind: 'main',
      polygon: [
        [0, 70],
        [200, 70],
        [200, 78],
        [0, 78],
      ],
    },
  ],
} as unknown as Compound;

describe('buildGroundArrays', () => {
  it('when triangulating areas and the red line, then every triangle faces up', () => {
    const g = buildGroundArrays(compound);
    const p = g.position;
    expect(g.index.length).toBeGreaterThan(0);
    for (let t = 0; t < g.index.length; t += 3) {
      const [a, b, c] = [g.index[t], g.index[t + 1], g.index[t + 2]];
      const e1x = p[b * 3] - p[a * 3],
        e1z = p[b * 3 + 2] - p[a * 3 + 2];
      const e2x = p[c * 3] - p[a * 3],
        e2z = p[c * 3 + 2] - p[a * 3 + 2];
      expect(e1z * e2x - e1x * e2z, `triangle ${t / 3}`).toBeGreaterThan(0);
    }
  });

  it('when the red line is a rectangle, then its band straddles the line', () => {
    const g = buildGroundArrays(compound);
    let minX = Infinity;
    for (let i = 0; i < g.position.length; i += 3) minX = Math.min(minX, g.position[i]);
    expect(minX).toBeCloseTo(-0.45, 2);
  });
});
