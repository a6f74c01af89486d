// Step 1 of an import: walk the GeoJSON features and keep the building outlines and parts as
// lon/lat rings (one candidate per polygon), skipping everything else with a reason.
import type { ImportSkip, Point2 } from '../../models';
import { buildingKind, type Props } from './osmProps';
import { gcj02ToWgs84 } from './gcj02';
import { openRing } from './rings';

export interface Candidate {
  /** Index of the feature in the input. */
  index: number;
  /** 1-based polygon of a MultiPolygon; undefined for a Polygon. */
  part?: number;
  kind: 'building' | 'part';
  props: Props;
  /** Open rings in WGS84 [lon, lat]. */
  outer: Point2[];
  /** Inner rings with their 1-based number in the input polygon (for the report). */
  holes: { n: number; ring: Point2[] }[];
}

export interface Extracted {
  candidates: Candidate[];
  /** A `landuse=residential` polygon (the compound's boundary as mapped), WGS84. */
  boundary: { index: number; ring: Point2[] } | null;
  skipped: ImportSkip[];
}

const MAIN_TAGS = ['highway', 'landuse', 'leisure', 'natural', 'amenity', 'barrier', 'waterway', 'railway', 'shop', 'place'];

function describeTags(p: Props): string {
  const k = MAIN_TAGS.find((t) => typeof p[t] === 'string');
  return k ? `${k}=${String(p[k])}` : 'no building tag';
}

/** The features of a FeatureCollection, or the one Feature. */
export function featuresOf(doc: { type: string; features?: unknown[] }): unknown[] {
  return doc.type === 'FeatureCollection' ? (doc.features ?? []) : [doc];
}

export function extractFeatures(features: unknown[], crs: 'wgs84' | 'gcj02'): Extracted {
  const out: Extracted = { candidates: [], boundary: null, skipped: [] };
  const skip = (index: number, kind: ImportSkip['kind'], reason: string, part?: number) => out.skipped.push({ index, ...(part ? { part } : {}), kind, reason });
  const toWgs = (r: Point2[]): Point2[] => (crs === 'gcj02' ? r.map(([lon, lat]) => gcj02ToWgs84(lon, lat)) : r);

  features.forEach((f, index) => {
    if (!f || typeof f !== 'object' || (f as { type?: unknown }).type !== 'Feature') return skip(index, 'no_geometry', 'not a GeoJSON Feature');
    const feature = f as { geometry?: { type?: unknown; coordinates?: unknown } | null; properties?: unknown };
    const props: Props =
      feature.properties && typeof feature.properties === 'object' && !Array.isArray(feature.properties) ? (feature.properties as Props) : {};
    const g = feature.geometry;
    if (!g || typeof g !== 'object') return skip(index, 'no_geometry', 'feature has no geometry');
    const type = String(g.type);
    if (type === 'Point' || type === 'MultiPoint') return skip(index, 'point', `${type} feature (${describeTags(props)}): footprints need a Polygon`);
    const kind = buildingKind(props);
    if (!kind) {
      if (type === 'Polygon' && props.landuse === 'residential' && !out.boundary) {
        const r = Array.isArray(g.coordinates) ? openRing(g.coordinates[0]) : null;
        if (r?.ok) {
          out.boundary = { index, ring: toWgs(r.ring) };
          return;
        }
      }
      return skip(index, 'not_building', `not a building (${describeTags(props)}, ${type})`);
    }
    let polygons: unknown[];
    if (type === 'Polygon') polygons = [g.coordinates];
    else if (type === 'MultiPolygon' && Array.isArray(g.coordinates)) polygons = g.coordinates;
    else return skip(index, 'unsupported_geometry', `building with ${type} geometry: only Polygon and MultiPolygon are imported`);
    const multi = type === 'MultiPolygon';
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
      out.candidates.push({ index, ...(part ? { part } : {}), kind, props, outer: toWgs(outer.ring), holes });
    });
  });
  return out;
}
