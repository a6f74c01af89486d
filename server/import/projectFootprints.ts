// Step 2 of an import: pick the origin (area-weighted centroid of every outline), project the
// rings to local metres, drop the ones that cross themselves, and let building:part features
// replace the outline they stand in (the Simple 3D Buildings rule OpenStreetMap uses).
import { latLonToLocal, pointInRing, ringArea, ringCentroid, type ImportSkip, type LatLon, type Point2 } from '../../models';
import type { Candidate } from './extractFeatures';
import type { Props } from './osmProps';
import { ringProblem, segmentsIntersect, wind } from './rings';

export interface Footprint {
  index: number;
  part?: number;
  kind: 'building' | 'part';
  props: Props;
  /** For a building:part, the tags of the outline it stands in (use, name, number fall back to them). */
  outline?: Props;
  footprint: Point2[];
  holes: Point2[][];
}

const MIN_AREA_M2 = 4;

/** Area-weighted centroid of the outlines, WGS84 (rounded to 1e-7°, ~1 cm). */
export function originOf(candidates: readonly Candidate[]): LatLon {
  let w = 0, lon = 0, lat = 0;
  for (const c of candidates) {
    const a = Math.abs(ringArea(c.outer)) || 1e-12;
    const [x, y] = ringCentroid(c.outer);
    w += a;
    lon += x * a;
    lat += y * a;
  }
  const r7 = (v: number) => Math.round(v * 1e7) / 1e7;
  return { lat: r7(lat / w), lon: r7(lon / w) };
}

const crossesOuter = (hole: readonly Point2[], outer: readonly Point2[]): boolean =>
  hole.some((a, i) => outer.some((c, j) => segmentsIntersect(a, hole[(i + 1) % hole.length], c, outer[(j + 1) % outer.length])));

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
      const why = ringProblem(ring) ?? (!ring.every((p) => pointInRing(p, outer)) || crossesOuter(ring, outer) ? 'it is not inside the outer ring' : null);
      if (why) skip(c, 'invalid_ring', `hole ${h.n} dropped: ${why}`);
      else holes.push(wind(ring, false));
    }
    out.push({ index: c.index, ...(c.part ? { part: c.part } : {}), kind: c.kind, props: c.props, footprint, holes });
  }

  // An outline with parts inside is drawn by its parts; the parts inherit its tags where they have none.
  const parts = out.filter((f) => f.kind === 'part');
  const replaced = new Set<Footprint>();
  for (const o of out) {
    if (o.kind !== 'building') continue;
    const inside = parts.filter((p) => pointInRing(ringCentroid(p.footprint), o.footprint));
    if (!inside.length) continue;
    replaced.add(o);
    for (const p of inside) p.outline ??= o.props;
    skipped.push({ index: o.index, ...(o.part ? { part: o.part } : {}), kind: 'outline_with_parts', reason: `outline replaced by the ${inside.length} building:part feature(s) inside it (features ${[...new Set(inside.map((p) => p.index))].join(', ')})` });
  }
  return out.filter((f) => !replaced.has(f));
}
