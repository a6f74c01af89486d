// Segment predicates shared by the ring checks and the sweep. Orientation has an absolute tolerance
// (1e-12 m²) so that points snapped onto a wall count as touching it, the same as before the sweep.
import type { Point2 } from '../../models';

/** +1 when c is left of a→b (counter-clockwise), −1 right of it, 0 on the line (within tolerance). */
export function orient(a: Point2, b: Point2, c: Point2): number {
  const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  return Math.abs(v) < 1e-12 ? 0 : Math.sign(v);
}

const onSegment = (a: Point2, b: Point2, p: Point2): boolean =>
  Math.min(a[0], b[0]) - 1e-9 <= p[0] && p[0] <= Math.max(a[0], b[0]) + 1e-9 && Math.min(a[1], b[1]) - 1e-9 <= p[1] && p[1] <= Math.max(a[1], b[1]) + 1e-9;

/** Do segments ab and cd touch or cross anywhere (collinear overlap included)? */
export function segmentsIntersect(a: Point2, b: Point2, c: Point2, d: Point2): boolean {
  const o1 = orient(a, b, c),
    o2 = orient(a, b, d),
    o3 = orient(c, d, a),
    o4 = orient(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && onSegment(a, b, c)) || (o2 === 0 && onSegment(a, b, d)) || (o3 === 0 && onSegment(c, d, a)) || (o4 === 0 && onSegment(c, d, b));
}
