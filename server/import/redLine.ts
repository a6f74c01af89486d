// The compound's red line (用地红线) when the input has no landuse=residential boundary: the convex
// hull of every footprint grown by a margin, with rounded corners.
import type { Point2 } from '../../models';

function cross(o: Point2, a: Point2, b: Point2): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

/** Andrew's monotone chain; counter-clockwise, no repeated end point. */
export function convexHull(points: readonly Point2[]): Point2[] {
  const p = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (p.length < 3) return p;
  const lower: Point2[] = [];
  for (const q of p) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], q) <= 0) lower.pop();
    lower.push(q);
  }
  const upper: Point2[] = [];
  for (let i = p.length - 1; i >= 0; i--) {
    const q = p[i];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], q) <= 0) upper.pop();
    upper.push(q);
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}

/** Hull of the rings, pushed out by `margin` metres (each vertex becomes a small arc). */
export function hullRedLine(rings: readonly (readonly Point2[])[], margin = 8): Point2[] {
  const core = convexHull(rings.flat());
  const grown: Point2[] = [];
  for (const [x, y] of core) for (let k = 0; k < 8; k++) grown.push([x + margin * Math.cos((k * Math.PI) / 4), y + margin * Math.sin((k * Math.PI) / 4)]);
  return convexHull(grown).map(([x, y]) => [Math.round(x * 100) / 100 + 0, Math.round(y * 100) / 100 + 0] as Point2);
}
