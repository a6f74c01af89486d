import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allInRing, pointInRing, type Point2 } from './geo';

const pt = fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 })).map(([x, y]) => [x / 2, y / 2] as Point2);

describe('allInRing', () => {
  it('when many points meet a large ring, then the slab index answers exactly like pointInRing on each point', () => {
    fc.assert(
      fc.property(fc.array(pt, { minLength: 150, maxLength: 400 }), fc.array(pt, { minLength: 150, maxLength: 300 }), (ring, points) => {
        expect(allInRing(points, ring)).toBe(points.every((p) => pointInRing(p, ring)));
        // And for a single point at a time (the answer is often true then).
        for (const p of points.slice(0, 20)) expect(allInRing(Array(200).fill(p), ring)).toBe(pointInRing(p, ring));
      }),
      { numRuns: 200 },
    );
  });

  it('when a 5,000-vertex courtyard lies inside a 5,000-vertex outline, then it is inside, and a vertex pushed out is not', () => {
    const circle = (r: number, n: number): Point2[] =>
      Array.from({ length: n }, (_, i) => [r * Math.cos((2 * Math.PI * i) / n), r * Math.sin((2 * Math.PI * i) / n)] as Point2);
    const outer = circle(100, 5_000);
    const hole = circle(50, 5_000);
    expect(allInRing(hole, outer)).toBe(true);
    hole[1234] = [150, 0];
    expect(allInRing(hole, outer)).toBe(false);
  });
});
