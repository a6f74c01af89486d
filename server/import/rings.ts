// GeoJSON linear rings → clean, open rings the compound model accepts, or the reason they cannot be.
import { ringArea, type Point2 } from '../../models';

export type RingResult = { ok: true; ring: Point2[] } | { ok: false; reason: string };

const isPosition = (p: unknown): p is number[] =>
  Array.isArray(p) && p.length >= 2 && p.length <= 4 && p.every((v) => typeof v === 'number' && Number.isFinite(v));

/**
 * Checks a GeoJSON ring's positions (closed, ≥ 3 distinct points, numeric lon/lat in range) and
 * returns it open (closing point dropped) with consecutive repeats removed, still in [lon, lat].
 */
export function openRing(positions: unknown): RingResult {
  if (!Array.isArray(positions)) return { ok: false, reason: 'ring is not an array of positions' };
  const bad = positions.findIndex((p) => !isPosition(p));
  if (bad >= 0) return { ok: false, reason: `position ${bad} is not [lon, lat] numbers` };
  const pts = positions as number[][];
  const range = pts.findIndex(([lon, lat]) => lon < -180 || lon > 180 || lat < -90 || lat > 90);
  if (range >= 0) return { ok: false, reason: `position ${range} [${pts[range][0]}, ${pts[range][1]}] is not a longitude/latitude (is it projected, or lat/lon swapped?)` };
  if (pts.length < 4) return { ok: false, reason: `ring has ${pts.length} positions; a closed ring needs at least 4 (3 points + the closing one)` };
  const first = pts[0];
  const last = pts[pts.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) return { ok: false, reason: 'ring is not closed (its first and last positions differ)' };
  const ring: Point2[] = [];
  for (let i = 0; i < pts.length - 1; i++) {
    const p = pts[i];
    const prev = ring[ring.length - 1];
    if (!prev || prev[0] !== p[0] || prev[1] !== p[1]) ring.push([p[0], p[1]]);
  }
  if (ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1]) ring.pop();
  if (ring.length < 3) return { ok: false, reason: `ring has ${ring.length} distinct points; at least 3 are needed` };
  return { ok: true, ring };
}

function orient(a: Point2, b: Point2, c: Point2): number {
  const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  return Math.abs(v) < 1e-12 ? 0 : Math.sign(v);
}

const onSegment = (a: Point2, b: Point2, p: Point2): boolean =>
  Math.min(a[0], b[0]) - 1e-9 <= p[0] && p[0] <= Math.max(a[0], b[0]) + 1e-9 && Math.min(a[1], b[1]) - 1e-9 <= p[1] && p[1] <= Math.max(a[1], b[1]) + 1e-9;

/** Do segments ab and cd touch or cross anywhere (collinear overlap included)? */
export function segmentsIntersect(a: Point2, b: Point2, c: Point2, d: Point2): boolean {
  const o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a), o4 = orient(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && onSegment(a, b, c)) || (o2 === 0 && onSegment(a, b, d)) || (o3 === 0 && onSegment(c, d, a)) || (o4 === 0 && onSegment(c, d, b));
}

/** The first place an open ring (in metres) crosses or touches itself, or null when it is simple. */
export function selfIntersection(ring: readonly Point2[]): string | null {
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const a = ring[i], b = ring[(i + 1) % n];
    // Adjacent edges share a vertex; they only fail when one folds back over the other (a spike).
    const c = ring[(i + 2) % n];
    if (n > 3 && orient(a, b, c) === 0 && (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1]) < 0) return `edges ${i} and ${(i + 1) % n} fold back on each other`;
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      if (segmentsIntersect(a, b, ring[j], ring[(j + 1) % n])) return `edges ${i} and ${j} cross`;
    }
  }
  return null;
}

/** A projected ring's remaining problem (self-intersection, no area), or null. */
export function ringProblem(ring: readonly Point2[]): string | null {
  const x = selfIntersection(ring);
  if (x) return `ring intersects itself: ${x}`;
  if (Math.abs(ringArea(ring)) < 0.5) return 'ring has (almost) no area';
  return null;
}

/** Counter-clockwise for outlines, clockwise for holes (RFC 7946's winding), rounded to the centimetre. */
export function wind(ring: readonly Point2[], ccw: boolean): Point2[] {
  const r = ring.map(([x, y]) => [Math.round(x * 100) / 100 + 0, Math.round(y * 100) / 100 + 0] as Point2);
  return ringArea(r) > 0 === ccw ? r : r.reverse();
}
