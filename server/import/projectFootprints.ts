// Step 2 of an import: pick the origin (area-weighted centroid of every outline), project the
// rings to local metres, drop the ones that cross themselves, and let building:part features
// replace the outline they stand in (the Simple 3D Buildings rule OpenStreetMap uses).
import { latLonToLocal, pointInRing, ringArea, ringCentroid, type ImportSkip, type LatLon, type Point2 } from '../../models';
import type { Candidate } from './extractFeatures';
import type { BuildingAttrs } from './profiles/types';
import { ringProblem, wind } from './rings';
import { firstCrossing } from './segmentSweep';

export interface Footprint {
  index: number;
  part?: number;
  kind: 'building' | 'part';
  attrs: BuildingAttrs;
  /** For a building:part, what its outline says (use, name, number fall back to it). */
  outline?: BuildingAttrs;
  fromContext: boolean;
  footprint: Point2[];
  holes: Point2[][];
}

const MIN_AREA_M2 = 4;
type LocalPoint = [number, number];

/** Area-weighted centroid of the outlines, WGS84 (rounded to 1e-7°, ~1 cm). */
export function originOf(candidates: readonly Candidate[]): LatLon {
  let w = 0,
    lon = 0,
    lat = 0;
  // Relative to one point: products of raw degrees (114 × 30) lose the digits a building's area lives in.
  const [rx, ry] = candidates[0].outer[0];
  for (const c of candidates) {
    const ring = c.outer.map(([x, y]) => [x - rx, y - ry] as LocalPoint);
    const a = Math.abs(ringArea(ring)) || 1e-12;
    const [x, y] = ringCentroid(ring);
    w += a;
    lon += x * a;
    lat += y * a;
  }
  const r7 = (v: number) => Math.round(v * 1e7) / 1e7;
  return { lat: r7(ry + lat / w), lon: r7(rx + lon / w) };
}

/**
 * A hole is inside its outline when no edges of the two touch (a sweep, O(n log n)) and then any one
 * of its vertices is inside: testing every vertex against every edge cost holes × outline vertices.
 */
const holeInside = (hole: readonly Point2[], outer: readonly Point2[]): boolean => !firstCrossing([outer, hole]) && pointInRing(hole[0], outer);

function boxOf(ring: readonly Point2[]): [number, number, number, number] {
  let x0 = Infinity,
    y0 = Infinity,
    x1 = -Infinity,
    y1 = -Infinity;
  for (const [x, y] of ring) ((x0 = Math.min(x0, x)), (y0 = Math.min(y0, y)), (x1 = Math.max(x1, x)), (y1 = Math.max(y1, y)));
  return [x0, y0, x1, y1];
}

export function projectFootprints(candidates: readonly Candidate[], origin: LatLon, skipped: ImportSkip[]): Footprint[] {
  const project = (r: Point2[]) => r.map(([lon, lat]) => latLonToLocal(origin, { lat, lon }));
  const skip = (c: Candidate, kind: ImportSkip['kind'], reason: string) => skipped.push({ index: c.index, ...(c.part ? { part: c.part } : {}), kind, reason });
  const out: Footprint[] = [];
  for (const c of candidates) {
    const outer = project(c.outer);
    const problem = ringProblem(outer);
    if (problem) {
      skip(c, 'invalid_ring', `outer ring: ${problem}`);
      continue;
    }
    if (Math.abs(ringArea(outer)) < MIN_AREA_M2) {
      skip(c, 'too_small', `footprint of ${Math.abs(ringArea(outer)).toFixed(1)} m² is below ${MIN_AREA_M2} m²`);
      continue;
    }
    const footprint = wind(outer, true);
    const holes: Point2[][] = [];
    for (const h of c.holes) {
      const ring = project(h.ring);
      const why = ringProblem(ring) ?? (holeInside(ring, outer) ? null : 'it is not inside the outer ring');
      if (why) skip(c, 'invalid_ring', `hole ${h.n} dropped: ${why}`);
      else holes.push(wind(ring, false));
    }
    out.push({ index: c.index, ...(c.part ? { part: c.part } : {}), kind: c.kind, attrs: c.attrs, fromContext: c.fromContext, footprint, holes });
  }

  // An outline with parts inside is drawn by its parts; the parts inherit its tags where they have none.
  const parts = out.filter((f) => f.kind === 'part');
  const replaced = new Set<Footprint>();
  for (const o of out) {
    if (o.kind !== 'building') continue;
    // The box test first: most parts are nowhere near most outlines, and pointInRing walks every edge.
    const [x0, y0, x1, y1] = boxOf(o.footprint);
    const inside = parts.filter((p) => {
      const c = ringCentroid(p.footprint);
      return c[0] >= x0 && c[0] <= x1 && c[1] >= y0 && c[1] <= y1 && pointInRing(c, o.footprint);
    });
    if (!inside.length) continue;
    replaced.add(o);
    for (const p of inside) p.outline ??= o.attrs;
    skipped.push({
      index: o.index,
      ...(o.part ? { part: o.part } : {}),
      kind: 'outline_with_parts',
      reason: `outline replaced by the ${inside.length} building:part feature(s) inside it (features ${[...new Set(inside.map((p) => p.index))].join(', ')})`,
    });
  }
  return out.filter((f) => !replaced.has(f));
}
