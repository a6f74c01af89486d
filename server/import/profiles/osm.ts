// OpenStreetMap as overpass-turbo / osmtogeojson export it: `building`, `building:part`, heights
// and levels, names and house numbers; highways, railways, water, green and land use around.
import type { BuildingUse } from '../../../models';
import { parseLevels, parseMetres } from '../osmProps';
import type { BuildingAttrs, Classified, ContextClass, FieldMapping, Profile, Props } from './types';
import { LINEAR, POLYGONAL } from './types';
import { cleanName, cleanNumber, landuseKind, mapped, road, roadClassOfHighway, text, useOfWord, yearOf } from './vocab';

const tagged = (v: unknown): boolean => {
  const t = text(v);
  return t !== null && t !== 'no';
};

/** Is it a red line by its properties (any profile): red_line / redline / 红线 set, or boundary=compound. */
export function isRedLine(p: Props): boolean {
  for (const k of ['red_line', 'redline', '红线', 'RED_LINE', 'REDLINE']) {
    const v = p[k];
    if (v === true || v === 1 || (typeof v === 'string' && v.trim() && !['no', 'false', '0'].includes(v.trim().toLowerCase()))) return true;
  }
  return text(p.boundary) === 'compound';
}

/**
 * What an OSM building is used for. The building value says it when it is specific (apartments,
 * school, retail…); a plain `building=yes` takes amenity / shop / tourism / office, then inherits
 * its outline's use (a part) — and otherwise stays undefined, which the import reads as housing:
 * inside a compound nearly everything is.
 */
export function osmUse(p: Props): BuildingUse | undefined {
  const part = text(p['building:part']);
  const b = (part && part !== 'yes' ? part : null) ?? text(p.building) ?? 'yes';
  const amenity = text(p.amenity);
  if (amenity === 'bicycle_parking') return 'bikeshed';
  if (amenity === 'parking') return 'parking';
  if (b !== 'yes' && b !== 'building') {
    const u = useOfWord(b);
    if (u) return u;
  }
  const tagUse =
    useOfWord(amenity) ??
    useOfWord(p.tourism) ??
    (text(p.shop) ? 'retail' : null) ??
    (text(p.office) ? 'office' : null) ??
    (text(p.healthcare) ? 'hospital' : null);
  if (tagUse) return tagUse;
  if (b === 'yes' || b === 'building') return undefined;
  return 'unknown';
}

export function osmAttrs(p: Props): BuildingAttrs {
  return {
    height: parseMetres(p.height) ?? parseMetres(p['building:height']),
    minHeight: parseMetres(p.min_height),
    levels: parseLevels(p['building:levels']) ?? parseLevels(p.levels),
    minLevel: parseLevels(p['building:min_level']),
    use: osmUse(p),
    name: cleanName(p.name) ?? cleanName(p['name:zh']),
    number: cleanNumber(p['addr:housenumber']) ?? cleanNumber(p.ref),
    builtYear: yearOf(p.start_date) ?? yearOf(p['building:year']) ?? yearOf(p.construction_date),
  };
}

const WATER_LANDUSE = new Set(['reservoir', 'basin']);
const GREEN_LEISURE = new Set(['park', 'garden', 'pitch', 'playground', 'golf_course', 'nature_reserve', 'dog_park']);
const GREEN_LANDUSE = new Set([
  'grass',
  'forest',
  'meadow',
  'recreation_ground',
  'village_green',
  'orchard',
  'cemetery',
  'allotments',
  'farmland',
  'greenfield',
]);
const GREEN_NATURAL = new Set(['wood', 'scrub', 'grassland', 'heath', 'wetland']);
const RAIL = new Set(['rail', 'light_rail', 'subway', 'tram', 'narrow_gauge', 'monorail']);

/** Context of OSM-style tags (the Tilezen and cn-gis profiles reuse the polygon part). */
export function osmContext(p: Props, geometry: string): { rule: string; context: ContextClass } | null {
  const name = cleanName(p.name);
  if (LINEAR.has(geometry)) {
    const hw = roadClassOfHighway(p.highway);
    if (hw) return { rule: 'highway → road', context: road(hw, p, name) };
    if (RAIL.has(text(p.railway) ?? '')) return { rule: 'railway → rail', context: road('rail', p, name) };
    return null;
  }
  if (!POLYGONAL.has(geometry)) return null;
  if (isRedLine(p)) return { rule: 'red line', context: { type: 'red-line' } };
  const landuse = text(p.landuse);
  if (text(p.natural) === 'water' || text(p.waterway) === 'riverbank' || WATER_LANDUSE.has(landuse ?? '') || text(p.water))
    return { rule: 'water', context: { type: 'water' } };
  if (GREEN_LEISURE.has(text(p.leisure) ?? '') || GREEN_LANDUSE.has(landuse ?? '') || GREEN_NATURAL.has(text(p.natural) ?? ''))
    return { rule: 'green', context: { type: 'green' } };
  if (landuse === 'residential') return { rule: 'landuse=residential → red line', context: { type: 'residential-area' } };
  if (landuse) return { rule: 'landuse → landuse', context: { type: 'landuse', kind: landuseKind(landuse) } };
  const amenity = text(p.amenity);
  if (amenity && ['school', 'university', 'college', 'kindergarten', 'hospital', 'clinic'].includes(amenity))
    return { rule: 'landuse → landuse', context: { type: 'landuse', kind: landuseKind(amenity) } };
  return null;
}

const MAIN_TAGS = ['highway', 'landuse', 'leisure', 'natural', 'amenity', 'barrier', 'waterway', 'railway', 'shop', 'place'];
export function describeTags(p: Props): string {
  const k = MAIN_TAGS.find((t) => typeof p[t] === 'string');
  return k ? `${k}=${String(p[k])}` : 'no building tag';
}

const OSM_KEYS = [
  'building',
  'building:part',
  'building:levels',
  'addr:housenumber',
  'highway',
  'landuse',
  'leisure',
  'natural',
  'waterway',
  'railway',
  'amenity',
];

export const osmProfile: Profile = {
  id: 'osm',
  rules: [
    'building:part=*',
    'building=*',
    'highway → road',
    'railway → rail',
    'water',
    'green',
    'landuse=residential → red line',
    'red line',
    'landuse → landuse',
  ],
  signature(p) {
    const keys = OSM_KEYS.filter((k) => p[k] !== undefined);
    const id = text(p['@id']) ?? text(p.id);
    if (id && /^(way|relation|node)\/\d+$/.test(id)) keys.push(p['@id'] !== undefined ? '@id' : 'id');
    return keys.length ? keys : null;
  },
  classify(p: Props, geometry: string, m: FieldMapping): Classified {
    const part = tagged(p['building:part']);
    if (part || tagged(p.building)) {
      const rule = part ? 'building:part=*' : 'building=*';
      if (!POLYGONAL.has(geometry)) return { as: 'skip', rule, reason: `building with ${geometry} geometry: only Polygon and MultiPolygon are imported` };
      return { as: part ? 'part' : 'building', rule, ...mapped(osmAttrs(p), p, m) };
    }
    const c = osmContext(p, geometry);
    if (c) return { as: 'context', ...c };
    return { as: 'skip', rule: null, reason: `not a building (${describeTags(p)}, ${geometry})` };
  },
};
