import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pointInRing, type Point2 } from '../../models';
import { boundaryHolds } from './boundary';

/** Star-shaped (so simple) boundaries on a 1 m lattice, and points on the same lattice: many ties. */
const star = fc
  .array(fc.tuple(fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }), fc.integer({ min: 2, max: 20 })), { minLength: 3, maxLength: 12 })
  .map((ps) => {
    const ring: Point2[] = [];
    for (const [t, r] of ps.sort((a, b) => a[0] - b[0])) {
      const p: Point2 = [Math.round(r * Math.cos(t)), Math.round(r * Math.sin(t))];
      if (!ring.some((q) => q[0] === p[0] && q[1] === p[1])) ring.push(p);
    }
    return ring;
  })
  .filter((r) => r.length >= 3);
const point = fc.tuple(fc.integer({ min: -20, max: 20 }), fc.integer({ min: -20, max: 20 })).map((p) => p);

describe('boundaryHolds', () => {
  it('when points are tested against a boundary, then the sweep answers as pointInRing does for each', () => {
    fc.assert(
      fc.property(star, fc.array(point, { minLength: 1, maxLength: 8 }), (boundary, pts) => {
        expect(boundaryHolds(boundary, [pts])).toBe(pts.every((p) => pointInRing(p, boundary)));
      }),
      { numRuns: 20_000 },
    );
  });

  // Its speed is the benchmark's (import_largest_s); here, that the largest size still gets the right answer.
  it('when 200,000 vertices meet a 5,000-vertex boundary, then they are all found inside', () => {
    const boundary: Point2[] = Array.from({ length: 5_000 }, (_, k) => [
      1000 * Math.cos((2 * Math.PI * k) / 5_000),
      1000 * Math.sin((2 * Math.PI * k) / 5_000),
    ]);
    const pts: Point2[] = Array.from({ length: 200_000 }, (_, k) => [Math.cos(k) * 500, Math.sin(k * 1.3) * 500]);
    expect(boundaryHolds(boundary, [pts])).toBe(true);
    pts[123_456] = [1500, 0];
    expect(boundaryHolds(boundary, [pts])).toBe(false);
  });
});
