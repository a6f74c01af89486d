// Overture Maps buildings as `overturemaps download` writes GeoJSON: `subtype` (residential,
// education…), `class` (apartments, hotel…), `height`, `num_floors`, `min_height`, `min_floor`,
// `names: {primary}` (or flattened / a JSON string), `has_parts`, and parts with `building_id`.
// Transportation segments and base-theme water / land use around them become context.
import type { BuildingUse } from '../../../models';
import { parseLevels, parseMetres } from '../osmProps';
import type { Classified, ContextClass, Profile, Props } from './types';
import { LINEAR, POLYGONAL } from './types';
import { isRedLine } from './osm';
import { cleanName, cleanNumber, landuseKind, mapped, road, roadClassOfHighway, text, useOfWord } from './vocab';

const SUBTYPE_USE: Record<string, BuildingUse> = {
  residential: 'residential',
  commercial: 'commercial',
  education: 'school',
  medical: 'hospital',
  industrial: 'industrial',
  civic: 'public',
  transportation: 'public',
  service: 'public',
  outbuilding: 'unknown',
  religious: 'public',
  entertainment: 'commercial',
  agricultural: 'industrial',
  military: 'public',
};
const WATER = new Set(['water', 'lake', 'river', 'ocean', 'pond', 'reservoir', 'canal', 'stream', 'lagoon', 'wastewater', 'swimming_pool']);
const GREEN = new Set([
  'park',
  'grass',
  'forest',
  'wood',
  'meadow',
  'recreation',
  'golf',
  'protected',
  'shrub',
  'garden',
  'cemetery',
  'horticulture',
  'agriculture',
]);
const CONTEXT_TYPES = new Set(['water', 'land_use', 'land', 'infrastructure', 'segment', 'connector']);

/** names.primary in any of the shapes the exports write it. */
export function overtureName(p: Props): string | undefined {
  let names = p.names;
  if (typeof names === 'string') {
    try {
      names = JSON.parse(names) as unknown;
    } catch {
      names = null;
    }
  }
  const primary = names && typeof names === 'object' ? (names as { primary?: unknown }).primary : undefined;
  return cleanName(primary) ?? cleanName(p['names.primary']) ?? cleanName(p['names_primary']);
}

function context(p: Props, geometry: string): { rule: string; context: ContextClass } | null {
  const subtype = text(p.subtype) ?? '';
  const cls = text(p.class) ?? '';
  const name = overtureName(p);
  if (LINEAR.has(geometry)) {
    if (subtype === 'rail') return { rule: 'segment → road', context: road('rail', p, name) };
    if (subtype === 'road' || text(p.type) === 'segment') {
      const k = roadClassOfHighway(cls) ?? 'residential';
      return { rule: 'segment → road', context: road(k, p, name) };
    }
    return null;
  }
  if (!POLYGONAL.has(geometry)) return null;
  if (isRedLine(p)) return { rule: 'red line', context: { type: 'red-line' } };
  if (text(p.type) === 'water' || WATER.has(subtype) || WATER.has(cls)) return { rule: 'water → water', context: { type: 'water' } };
  if (GREEN.has(subtype) || GREEN.has(cls)) return { rule: 'land, land_use → green', context: { type: 'green' } };
  if (subtype === 'residential') return { rule: 'land_use=residential → red line', context: { type: 'residential-area' } };
  return { rule: 'land_use → landuse', context: { type: 'landuse', kind: landuseKind(subtype || cls) } };
}

export const overtureProfile: Profile = {
  id: 'overture',
  rules: [
    'building',
    'building_part',
    'segment → road',
    'water → water',
    'land, land_use → green',
    'land_use=residential → red line',
    'red line',
    'land_use → landuse',
  ],
  signature(p) {
    const keys = ['names', 'names.primary', 'num_floors', 'has_parts', 'building_id', 'min_floor', 'sources', 'subtype'].filter((k) => p[k] !== undefined);
    // `subtype` or `sources` alone are common words; with one more Overture key they give it away.
    return keys.length >= 2 || keys.some((k) => ['names', 'names.primary', 'num_floors', 'has_parts', 'building_id'].includes(k)) ? keys : null;
  },
  classify(p, geometry, m): Classified {
    const type = text(p.type) ?? text(p.theme);
    const isPart = type === 'building_part' || p.building_id !== undefined;
    const isContext = (type && CONTEXT_TYPES.has(type)) || text(p.theme) === 'base' || text(p.theme) === 'transportation' || LINEAR.has(geometry);
    if (!isPart && isContext) {
      const c = context(p, geometry);
      if (c) return { as: 'context', ...c };
      return { as: 'skip', rule: null, reason: `not a building (${type ?? 'no type'}, subtype=${text(p.subtype) ?? 'none'}, ${geometry})` };
    }
    const rule = isPart ? 'building_part' : 'building';
    if (!POLYGONAL.has(geometry)) return { as: 'skip', rule, reason: `building with ${geometry} geometry: only Polygon and MultiPolygon are imported` };
    const cls = text(p.class);
    const subtype = text(p.subtype);
    const use = (cls ? useOfWord(cls) : null) ?? (subtype ? (SUBTYPE_USE[subtype] ?? useOfWord(subtype)) : null) ?? (isPart ? undefined : 'unknown');
    const attrs = {
      height: parseMetres(p.height),
      minHeight: parseMetres(p.min_height),
      levels: parseLevels(p.num_floors),
      minLevel: parseLevels(p.min_floor),
      ...(use ? { use } : {}),
      name: overtureName(p),
      number: cleanNumber(p.addr_housenumber) ?? cleanNumber(p['addr:housenumber']),
    };
    return { as: isPart ? 'part' : 'building', rule, ...mapped(attrs, p, m) };
  },
};
