// Step 1 of an import: walk the GeoJSON features, ask the profile what each one is, and keep the
// building outlines and parts (one candidate per polygon), the surroundings (road lines, water,
// green and land-use polygons) and red-line polygons, as WGS84 [lon, lat]; skip the rest with a reason.
import type { ImportSkip, Point2 } from '../../models';
import type { BuildingAttrs, ContextClass, FieldMapping, Profile, Props } from './profiles/types';
import { propsOf } from './profiles';
import { describeTags } from './profiles/osm';
import { openRing } from './rings';
import type { Crs } from './crs';
import { mercatorToWgs84, toWgs84 } from './crs';

export type { Props } from './profiles/types';

export interface Candidate {
  /** Index of the feature in the input (context-file features follow the footprint file's). */
  index: number;
  /** 1-based polygon of a MultiPolygon; undefined for a Polygon. */
  part?: number;
  kind: 'building' | 'part';
  /** What the profile read off the properties. */
  attrs: BuildingAttrs;
  /** From the context file: a neighbour at most, never the compound's. */
  fromContext: boolean;
  /** Open rings in WGS84 [lon, lat]. */
  outer: Point2[];
  /** Inner rings with their 1-based number in the input polygon (for the report). */
  holes: { n: number; ring: Point2[] }[];
}

export interface ContextFeature {
  index: number;
  cls: ContextClass;
  /** What it was, for messages: "highway=service, LineString". */
  what: string;
  /** Road centre lines (WGS84). */
  lines: Point2[][];
  /** Areas (WGS84 open rings). */
  polygons: { outer: Point2[]; holes: Point2[][] }[];
}

export interface Extracted {
  candidates: Candidate[];
  context: ContextFeature[];
  skipped: ImportSkip[];
  /** The profile rule each feature fell under (null: none), by feature index. */
  ruleOf: Map<number, string | null>;
}

const isPos = (p: unknown): p is number[] => Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number';
const finite = (p: number[]) => Number.isFinite(p[0]) && Number.isFinite(p[1]);

/** Metres to degrees before the ring checks (which test longitude/latitude ranges). */
function mercatorRings(rings: unknown): unknown {
  if (!Array.isArray(rings)) return rings;
  return (rings as unknown[]).map((r): unknown =>
    Array.isArray(r) ? (r as unknown[]).map((p): unknown => (isPos(p) && finite(p) ? mercatorToWgs84(p[0], p[1]) : p)) : r,
  );
}

/** A road line's positions in WGS84, or the reason it is not one. */
function lineOf(positions: unknown, crs: Crs): Point2[] | string {
  if (!Array.isArray(positions)) return 'line is not an array of positions';
  const to = toWgs84(crs);
  const out: Point2[] = [];
  for (let i = 0; i < positions.length; i++) {
    const p: unknown = positions[i];
    if (!isPos(p) || !finite(p)) return `position ${i} is not [lon, lat] numbers`;
    const q = to([p[0], p[1]]);
    if (Math.abs(q[0]) > 180 || Math.abs(q[1]) > 90) return `position ${i} is not a longitude/latitude`;
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  return out.length >= 2 ? out : 'a line needs two distinct positions';
}

export function extractFeatures(
  features: readonly unknown[],
  profile: Profile,
  crs: Crs,
  m: FieldMapping,
  opts: { offset?: number; fromContext?: boolean } = {},
): Extracted {
  const out: Extracted = { candidates: [], context: [], skipped: [], ruleOf: new Map() };
  const offset = opts.offset ?? 0;
  const where = (i: number) => (opts.fromContext ? `context feature ${i}: ` : '');
  const skip = (index: number, kind: ImportSkip['kind'], reason: string, part?: number) =>
    out.skipped.push({ index: index + offset, ...(part ? { part } : {}), kind, reason: where(index) + reason });
  const to = crs === 'gcj02' ? toWgs84(crs) : (p: Point2) => p;
  const toWgs = (r: Point2[]): Point2[] => (crs === 'gcj02' ? r.map(to) : r);

  features.forEach((f, index) => {
    if (!f || typeof f !== 'object' || (f as { type?: unknown }).type !== 'Feature') return skip(index, 'no_geometry', 'not a GeoJSON Feature');
    const feature = f as { geometry?: { type?: unknown; coordinates?: unknown } | null };
    const props: Props = propsOf(f);
    const g = feature.geometry;
    if (!g || typeof g !== 'object') return skip(index, 'no_geometry', 'feature has no geometry');
    // a geometry whose type is not text (an object, a number) is no geometry we know: no String() on it
    const type = typeof g.type === 'string' ? g.type : `${typeof g.type} type`;
    if (type === 'Point' || type === 'MultiPoint') return skip(index, 'point', `${type} feature (${describeTags(props)}): footprints need a Polygon`);
    const c = profile.classify(props, type, m);
    out.ruleOf.set(index + offset, c.rule);
    if (c.as === 'skip') return skip(index, c.rule ? 'unsupported_geometry' : 'not_building', c.reason);

    const coords =
      crs === 'epsg3857' && (type === 'Polygon' || type === 'MultiPolygon')
        ? type === 'Polygon'
          ? mercatorRings(g.coordinates)
          : Array.isArray(g.coordinates)
            ? g.coordinates.map(mercatorRings)
            : g.coordinates
        : g.coordinates;
    let polygons: unknown[] = [];
    if (type === 'Polygon') polygons = [coords];
    else if (type === 'MultiPolygon' && Array.isArray(coords)) polygons = coords;
    const multi = type === 'MultiPolygon';

    if (c.as === 'context') {
      const what = `${describeTags(props) !== 'no building tag' ? describeTags(props) : typeof props.kind === 'string' ? `kind=${props.kind}` : c.rule}, ${type}`;
      const item: ContextFeature = { index: index + offset, cls: c.context, what, lines: [], polygons: [] };
      if (c.context.type === 'road') {
        const lines = type === 'LineString' ? [g.coordinates] : Array.isArray(g.coordinates) ? g.coordinates : [];
        for (const l of lines) {
          const r = lineOf(l, crs);
          if (typeof r === 'string') skip(index, 'invalid_ring', `road line dropped: ${r}`);
          else item.lines.push(r);
        }
      } else {
        polygons.forEach((rings, i) => {
          const outer = Array.isArray(rings) ? openRing(rings[0]) : null;
          if (!outer?.ok)
            return skip(index, 'invalid_ring', `${c.context.type} polygon: ${outer ? outer.reason : 'polygon has no rings'}`, multi ? i + 1 : undefined);
          const holes: Point2[][] = [];
          for (const h of (rings as unknown[]).slice(1)) {
            const r = openRing(h);
            if (r.ok) holes.push(toWgs(r.ring));
          }
          item.polygons.push({ outer: toWgs(outer.ring), holes });
        });
      }
      if (item.lines.length || item.polygons.length) out.context.push(item);
      return;
    }

    if (!polygons.length && type !== 'Polygon')
      return skip(index, 'unsupported_geometry', `building with ${type} geometry: only Polygon and MultiPolygon are imported`);
    const { as, rule: _rule, ...attrs } = c;
    polygons.forEach((rings, i) => {
      const part = multi ? i + 1 : undefined;
      if (!Array.isArray(rings) || rings.length === 0) return skip(index, 'invalid_ring', 'polygon has no rings', part);
      const outer = openRing(rings[0]);
      if (!outer.ok) return skip(index, 'invalid_ring', `outer ring: ${outer.reason}`, part);
      const holes: Candidate['holes'] = [];
      rings.slice(1).forEach((h, k) => {
        const r = openRing(h);
        if (r.ok) holes.push({ n: k + 1, ring: toWgs(r.ring) });
        else skip(index, 'invalid_ring', `hole ${k + 1} dropped: ${r.reason}`, part);
      });
      out.candidates.push({
        index: index + offset,
        ...(part ? { part } : {}),
        kind: as,
        attrs,
        fromContext: !!opts.fromContext,
        outer: toWgs(outer.ring),
        holes,
      });
    });
  });
  return out;
}

/** The features of a FeatureCollection, or the one Feature. */
export function featuresOf(doc: { type: string; features?: unknown[] }): unknown[] {
  return doc.type === 'FeatureCollection' ? (doc.features ?? []) : [doc];
}
