// GeoJSON linear rings → clean, open rings the compound model accepts, or the reason they cannot be.
import { ringArea, type Point2 } from '../../models';
import { orient } from './segments';
import { firstCrossing } from './segmentSweep';

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
  if (range >= 0)
    return { ok: false, reason: `position ${range} [${pts[range][0]}, ${pts[range][1]}] is not a longitude/latitude (is it projected, or lat/lon swapped?)` };
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

/** The first place an open ring (in metres) crosses or touches itself, or null when it is simple. O(n log n). */
export function selfIntersection(ring: readonly Point2[]): string | null {
  const n = ring.length;
  // Adjacent edges share a vertex; they only fail when one folds back over the other (a spike).
  for (let i = 0; n > 3 && i < n; i++) {
    const a = ring[i],
      b = ring[(i + 1) % n],
      c = ring[(i + 2) % n];
    if (orient(a, b, c) === 0 && (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1]) < 0)
      return `edges ${i} and ${(i + 1) % n} fold back on each other`;
  }
  const x = firstCrossing([ring]);
  return x ? `edges ${x.a.edge} and ${x.b.edge} cross` : null;
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
