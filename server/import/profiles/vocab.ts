// Words the data sources use, mapped onto the model's classes: building uses (English tags of
// OpenStreetMap, Tilezen and Overture, and the Chinese of GIS exports), road classes with their
// default widths, and numbers read off names such as "78栋".
import type { BuildingUse } from '../../../models';
import type { BuildingAttrs, ContextClass, FieldMapping, LanduseKind, Props, RoadClass } from './types';
import { parseLevels, parseMetres } from '../osmProps';

export const text = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : null;

const WORDS: [BuildingUse, string[]][] = [
  [
    'residential',
    [
      'residential',
      'apartments',
      'house',
      'detached',
      'semidetached_house',
      'terrace',
      'dormitory',
      'bungalow',
      'flats',
      'home',
      'houseboat',
      'static_caravan',
    ],
  ],
  ['retail', ['retail', 'shop', 'supermarket', 'kiosk', 'mall', 'department_store', 'marketplace', 'shopping']],
  ['commercial', ['commercial', 'mixed_use', 'entertainment', 'restaurant', 'bank', 'cinema', 'theatre']],
  ['office', ['office', 'offices', 'laboratory', 'research', 'research_institute']],
  ['school', ['school', 'university', 'college', 'kindergarten', 'education', 'educational', 'library']],
  ['hospital', ['hospital', 'clinic', 'medical', 'healthcare', 'doctors', 'nursing_home']],
  ['hotel', ['hotel', 'motel', 'hostel', 'guest_house']],
  ['industrial', ['industrial', 'warehouse', 'factory', 'manufacture', 'works', 'agricultural', 'farm_auxiliary', 'barn', 'greenhouse', 'storage_tank']],
  ['parking', ['parking', 'multistorey', 'parking_garage', 'car_park']],
  ['garage', ['garage', 'garages', 'carport']],
  ['bikeshed', ['shed', 'bicycle_shed', 'bicycle_parking', 'bikeshed']],
  [
    'public',
    [
      'public',
      'civic',
      'government',
      'community_centre',
      'townhall',
      'service',
      'transportation',
      'train_station',
      'transportation_station',
      'fire_station',
      'police',
      'religious',
      'church',
      'temple',
      'mosque',
      'military',
      'post_office',
      'toilets',
      'pumping_station',
      'substation',
    ],
  ],
];
const BY_WORD = new Map<string, BuildingUse>(WORDS.flatMap(([use, ws]) => ws.map((w) => [w, use] as [string, BuildingUse])));

/** Chinese use words, longest first so that 商住 wins over 住. */
const ZH: [string, BuildingUse][] = [
  ['商住', 'commercial'],
  ['住宅', 'residential'],
  ['居住', 'residential'],
  ['宿舍', 'residential'],
  ['公寓', 'residential'],
  ['别墅', 'residential'],
  ['商场', 'retail'],
  ['商铺', 'retail'],
  ['零售', 'retail'],
  ['超市', 'retail'],
  ['商店', 'retail'],
  ['商业', 'commercial'],
  ['办公', 'office'],
  ['写字楼', 'office'],
  ['科研', 'office'],
  ['实验', 'office'],
  ['幼儿园', 'school'],
  ['学校', 'school'],
  ['教学', 'school'],
  ['教育', 'school'],
  ['大学', 'school'],
  ['中学', 'school'],
  ['小学', 'school'],
  ['医院', 'hospital'],
  ['医疗', 'hospital'],
  ['卫生', 'hospital'],
  ['诊所', 'hospital'],
  ['酒店', 'hotel'],
  ['宾馆', 'hotel'],
  ['旅馆', 'hotel'],
  ['工业', 'industrial'],
  ['厂房', 'industrial'],
  ['工厂', 'industrial'],
  ['仓库', 'industrial'],
  ['仓储', 'industrial'],
  ['车库', 'garage'],
  ['停车', 'parking'],
  ['车棚', 'bikeshed'],
  ['自行车', 'bikeshed'],
  ['公共', 'public'],
  ['社区', 'public'],
  ['物业', 'public'],
  ['泵房', 'public'],
  ['配电', 'public'],
  ['政府', 'public'],
  ['公建', 'public'],
];

/** A use word of any source ("apartments", "education", "住宅") → the model's class, or null when unknown. */
export function useOfWord(v: unknown): BuildingUse | null {
  const t = text(v);
  if (!t) return null;
  const w = t.toLowerCase().replace(/[\s-]+/g, '_');
  const hit = BY_WORD.get(w);
  if (hit) return hit;
  for (const [zh, use] of ZH) if (t.includes(zh)) return use;
  return null;
}

/** OSM highway=* / Tilezen kind_detail → a context road class; null for what is not a road to draw. */
export function roadClassOfHighway(v: unknown): RoadClass | null {
  const t = text(v)?.replace(/_link$/, '');
  switch (t) {
    case 'motorway':
    case 'trunk':
    case 'primary':
    case 'secondary':
    case 'tertiary':
    case 'residential':
    case 'service':
      return t;
    case 'unclassified':
    case 'living_street':
    case 'road':
    case 'busway':
      return 'residential';
    case 'footway':
    case 'path':
    case 'pedestrian':
    case 'cycleway':
    case 'steps':
    case 'track':
    case 'bridleway':
    case 'corridor':
      return 'path';
    default:
      return null;
  }
}

export const ROAD_WIDTH: Record<RoadClass, number> = {
  motorway: 24,
  trunk: 20,
  primary: 16,
  secondary: 12,
  tertiary: 9,
  residential: 6,
  service: 4,
  path: 2,
  rail: 4,
};

/** The road's width: a `width` tag (metres) when sensible, else the class default. */
export function road(kind: RoadClass, p: Props, name?: string): ContextClass {
  const w = parseMetres(p.width);
  const width = w !== null && w >= 0.5 && w <= 80 ? w : ROAD_WIDTH[kind];
  return { type: 'road', kind, width, ...(name ? { name: name.slice(0, 64) } : {}) };
}

export function landuseKind(v: unknown): LanduseKind {
  switch (text(v)) {
    case 'residential':
      return 'residential';
    case 'commercial':
    case 'retail':
      return 'commercial';
    case 'industrial':
    case 'railway':
    case 'port':
      return 'industrial';
    case 'education':
    case 'school':
    case 'university':
    case 'college':
    case 'kindergarten':
      return 'education';
    case 'hospital':
    case 'clinic':
    case 'health':
    case 'medical':
      return 'health';
    default:
      return 'other';
  }
}

/**
 * The number on a building named like "78栋", "3号楼", "12幢", "A座", "光谷花园3号楼", "B2栋": the
 * part before the suffix, at most 16 characters; null when the name carries none.
 */
export function numberFromName(name: string | undefined): string | null {
  if (!name) return null;
  const m = name.trim().match(/([0-9]+[A-Za-z]?|[A-Za-z][0-9]{0,4})\s*(号楼|栋|幢|座|号|楼)$/u);
  return m ? m[1].slice(0, 16) : null;
}

/** The number painted on a building from a house-number-like value: "12栋" → "12", "B3" → "B3", cut to 16. */
export function cleanNumber(v: unknown): string | undefined {
  const t = text(v);
  if (!t) return undefined;
  const n = t.replace(/\s*(号楼|号|栋|幢|座)$/u, '').trim();
  return (n || t).slice(0, 16);
}

export const cleanName = (v: unknown): string | undefined => text(v)?.slice(0, 64) ?? undefined;

export function yearOf(v: unknown): number | undefined {
  const m = text(v)?.match(/^(\d{4})/);
  const y = m ? Number(m[1]) : NaN;
  return y >= 1900 && y <= 2100 ? y : undefined;
}

/** Applies the option's field mapping (heightField …) over what the profile read. */
export function mapped(a: BuildingAttrs, p: Props, m: FieldMapping): BuildingAttrs {
  const out = { ...a };
  if (m.heightField && p[m.heightField] !== undefined) out.height = parseMetres(p[m.heightField]);
  if (m.levelsField && p[m.levelsField] !== undefined) out.levels = parseLevels(p[m.levelsField]);
  if (m.nameField && p[m.nameField] !== undefined) out.name = cleanName(p[m.nameField]);
  if (m.useField && p[m.useField] !== undefined) out.use = useOfWord(p[m.useField]) ?? 'unknown';
  return out;
}

export const NO_HEIGHT: BuildingAttrs = { height: null, minHeight: null, levels: null, minLevel: null };

/** The first key of `keys` present on `p` (case as given). */
export const firstKey = (p: Props, keys: readonly string[]): string | undefined => keys.find((k) => p[k] !== undefined && p[k] !== null && p[k] !== '');
