// Tilezen / Nextzen vector tiles exported to GeoJSON: buildings carry `kind: "building" |
// "building_part"`, `kind_detail` (the OSM building value), `height`, `min_height`, `root_id` (a
// part's building) and `addr_housenumber`; the roads, water and landuse layers carry their own kinds.
import { parseLevels, parseMetres } from '../osmProps';
import type { Classified, ContextClass, Profile, Props, RoadClass } from './types';
import { LINEAR, POLYGONAL } from './types';
import { isRedLine } from './osm';
import { cleanName, cleanNumber, landuseKind, mapped, road, roadClassOfHighway, text, useOfWord } from './vocab';

const ROAD_KINDS: Record<string, RoadClass> = { highway: 'trunk', major_road: 'secondary', minor_road: 'residential', path: 'path', rail: 'rail' };
const WATER = new Set(['water', 'ocean', 'riverbank', 'lake', 'reservoir', 'basin', 'river', 'canal', 'swimming_pool', 'dock', 'playa']);
const GREEN = new Set([
  'park',
  'forest',
  'grass',
  'garden',
  'wood',
  'meadow',
  'nature_reserve',
  'golf_course',
  'scrub',
  'recreation_ground',
  'village_green',
  'cemetery',
  'pitch',
  'playground',
  'farmland',
  'orchard',
  'natural_wood',
  'natural_forest',
  'grassland',
]);
/** Kinds of the landuse layer that are land use (not green, not water). */
const LANDUSE = new Set([
  'commercial',
  'retail',
  'industrial',
  'railway',
  'school',
  'university',
  'college',
  'kindergarten',
  'hospital',
  'parking',
  'military',
  'construction',
  'brownfield',
  'religious',
  'place_of_worship',
  'sports_centre',
  'stadium',
  'zoo',
  'urban_area',
  'port',
]);
export const TILEZEN_KINDS = new Set([
  'building',
  'building_part',
  'major_road',
  'minor_road',
  'highway',
  'path',
  'rail',
  'residential',
  ...WATER,
  ...GREEN,
  ...LANDUSE,
]);

function context(p: Props, kind: string, geometry: string): { rule: string; context: ContextClass } | null {
  const name = cleanName(p.name);
  if (LINEAR.has(geometry)) {
    const base = ROAD_KINDS[kind];
    if (!base) return null;
    // kind_detail holds the OSM highway value (primary, service…): finer than the kind.
    const cls = base === 'rail' ? 'rail' : (roadClassOfHighway(p.kind_detail) ?? base);
    return { rule: `kind=${kind} → road`, context: road(cls, p, name) };
  }
  if (!POLYGONAL.has(geometry)) return null;
  if (isRedLine(p)) return { rule: 'red line', context: { type: 'red-line' } };
  if (WATER.has(kind)) return { rule: 'water kinds → water', context: { type: 'water' } };
  if (GREEN.has(kind)) return { rule: 'green kinds → green', context: { type: 'green' } };
  if (kind === 'residential') return { rule: 'kind=residential → red line', context: { type: 'residential-area' } };
  if (LANDUSE.has(kind)) return { rule: 'landuse kinds → landuse', context: { type: 'landuse', kind: landuseKind(kind) } };
  return null;
}

export const tilezenProfile: Profile = {
  id: 'tilezen',
  rules: [
    'kind=building',
    'kind=building_part',
    'kind=highway → road',
    'kind=major_road → road',
    'kind=minor_road → road',
    'kind=path → road',
    'kind=rail → road',
    'water kinds → water',
    'green kinds → green',
    'kind=residential → red line',
    'red line',
    'landuse kinds → landuse',
  ],
  signature(p) {
    const kind = text(p.kind);
    if (!kind) return null;
    const keys = ['kind_detail', 'root_id', 'sort_rank', 'min_zoom', 'addr_housenumber'].filter((k) => p[k] !== undefined);
    if (kind === 'building' || kind === 'building_part') return ['kind', ...keys];
    return keys.length ? ['kind', ...keys] : null;
  },
  classify(p, geometry, m): Classified {
    const kind = text(p.kind) ?? '';
    if (kind === 'building' || kind === 'building_part') {
      const rule = `kind=${kind}`;
      if (!POLYGONAL.has(geometry)) return { as: 'skip', rule, reason: `building with ${geometry} geometry: only Polygon and MultiPolygon are imported` };
      const detail = text(p.kind_detail);
      const use = detail && detail !== 'yes' && detail !== 'building' && detail !== 'building_part' ? (useOfWord(detail) ?? 'unknown') : undefined;
      const attrs = {
        height: parseMetres(p.height),
        minHeight: parseMetres(p.min_height),
        levels: parseLevels(p.building_levels) ?? parseLevels(p['building:levels']),
        minLevel: parseLevels(p.building_min_levels),
        ...(use ? { use } : {}),
        name: cleanName(p.name) ?? cleanName(p['name:zh']),
        number: cleanNumber(p.addr_housenumber) ?? cleanNumber(p['addr:housenumber']),
      };
      return { as: kind === 'building' ? 'building' : 'part', rule, ...mapped(attrs, p, m) };
    }
    const c = context(p, kind, geometry);
    if (c) return { as: 'context', ...c };
    return { as: 'skip', rule: null, reason: `not a building (kind=${kind || 'none'}, ${geometry})` };
  },
};
