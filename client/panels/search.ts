import type { Building, Compound } from '../../models/compound';
import { DEVICE_TYPE_DEFS, DEVICE_TYPES, type DeviceType } from '../../models/deviceTypes';
import { deviceFloorOf } from '../stores/twinIndex';

export interface SearchHit {
  kind: 'building' | 'unit' | 'device';
  id: string;
  /** The building the hit is or is in. */
  buildingId?: string;
  buildingNumber?: string;
  unitNumber?: number;
  floor?: number;
  /** Device type (devices only). */
  type?: DeviceType;
  /** Device name or building name (Chinese, as in the compound file). */
  name?: string;
  /** How well it matched (higher first). */
  score: number;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Every match, shown or not. */
  total: number;
}

// ————— pinyin initials: a small static table, enough for device type names and the names of service buildings —————

/** Initials of the device type names ("烟感" → "yg"), typed by people who type pinyin. */
export const TYPE_INITIALS: Record<DeviceType, string> = {
  access_gate: 'dymj',
  camera: 'sxj',
  electronic_fence: 'dzwl',
  info_screen: 'xxfbp',
  hydrant_pressure: 'xhssy',
  smoke_detector: 'yg',
  broadcast_speaker: 'yjgb',
  elderly_sensor: 'djlrjc',
  ebike_charger: 'ddccdz',
  electric_meter: 'db',
  water_meter: 'sb',
  public_meter: 'ggydjl',
  parking_gate: 'tcdz',
  health_kiosk: 'jkxw',
  env_sensor: 'hjjc',
};

/** Initials of characters found in the names of a compound's service buildings (车库, 物业服务中心, 门卫室, 非机动车棚, …). */
const CHAR_INITIAL: Record<string, string> = Object.fromEntries(
  Object.entries({
    a: '安',
    b: '保泵部备办变标',
    c: '车场厂出仓储充厕处池楚长超菜',
    d: '地道电店动大党队栋东得',
    e: '儿',
    f: '服非房防分发粉',
    g: '公共管广岗光谷工馆国',
    h: '活化花会护湖',
    j: '机家健居局间街季金警',
    k: '库康开科',
    l: '楼垃老力理栏路绿',
    m: '门面民',
    n: '南能',
    p: '配棚片',
    q: '区群气泉',
    r: '入日',
    s: '室社生书水所守商设三收市',
    t: '停体亭厅图通',
    w: '物卫务网文维',
    x: '心小消新学西信乡下',
    y: '业园幼养员雅游医院应用',
    z: '中站治桩正值智综',
  }).flatMap(([init, chars]) => [...chars].map((ch) => [ch, init])),
);

/** "物业服务中心" → "wyfwzx"; characters outside the table (and digits, letters) are kept as they are. */
export function initialsOf(text: string): string {
  let out = '';
  for (const ch of text.toLowerCase()) out += CHAR_INITIAL[ch] ?? (/[a-z0-9]/.test(ch) ? ch : '');
  return out;
}

// ————— the index: built once per compound, reused for every keystroke —————

interface BuildingEntry {
  b: Building;
  number: string;
  /** Words a query may equal or start: number, name, name initials. */
  words: string[];
}

interface TypeEntry {
  words: string[];
}

interface Entry {
  kind: SearchHit['kind'];
  id: string;
  building: number; // index in buildings, -1 none
  unit: number | null;
  floor: number | null;
  type: number; // index in DEVICE_TYPES, -1 none
  /** Lower-cased name (and, for buildings, number) for substring matches. */
  name: string;
  /** Lower-cased id. */
  lid: string;
  name0?: string;
}

export interface SearchIndex {
  buildings: BuildingEntry[];
  types: TypeEntry[];
  entries: Entry[];
  /** Positions in `entries` of each building's own entry, its units and its devices: a query naming a building scans only these. */
  byBuilding: number[][];
}

const TYPE_WORDS: TypeEntry[] = DEVICE_TYPES.map((t) => ({
  words: [DEVICE_TYPE_DEFS[t].zh, DEVICE_TYPE_DEFS[t].en.toLowerCase(), t, t.replace(/_/g, ' '), TYPE_INITIALS[t]],
}));

const built = new WeakMap<Compound, SearchIndex>();

/** The search index of a compound, built on first use and kept while the compound object lives. */
export function searchIndexOf(c: Compound): SearchIndex {
  let ix = built.get(c);
  if (!ix) built.set(c, (ix = buildSearchIndex(c)));
  return ix;
}

export function buildSearchIndex(c: Compound): SearchIndex {
  const buildings: BuildingEntry[] = [];
  const entries: Entry[] = [];
  const bIndex = new Map<string, number>();
  const unitNo = new Map<string, number>();
  c.buildings.forEach((b, i) => {
    bIndex.set(b.id, i);
    const number = b.number.toLowerCase();
    const words = [number];
    if (b.name) words.push(b.name.toLowerCase(), initialsOf(b.name));
    buildings.push({ b, number, words });
    entries.push({
      kind: 'building',
      id: b.id,
      building: i,
      unit: null,
      floor: null,
      type: -1,
      name: `${number} ${(b.name ?? '').toLowerCase()}`,
      lid: b.id.toLowerCase(),
      name0: b.name,
    });
    for (const u of b.units) {
      unitNo.set(u.id, u.number);
      entries.push({ kind: 'unit', id: u.id, building: i, unit: u.number, floor: null, type: -1, name: '', lid: u.id.toLowerCase() });
    }
  });
  const typeIndex = new Map<string, number>(DEVICE_TYPES.map((t, i) => [t, i]));
  for (const d of c.devices) {
    const p = d.placement;
    const bi = p?.kind === 'building' ? (bIndex.get(p.buildingId) ?? -1) : -1;
    entries.push({
      kind: 'device',
      id: d.id,
      building: bi,
      unit: p?.kind === 'building' && p.unitId ? (unitNo.get(p.unitId) ?? null) : null,
      floor: p ? deviceFloorOf(d, bi >= 0 ? c.buildings[bi] : undefined) : null,
      type: typeIndex.get(d.type) ?? -1,
      name: d.name.toLowerCase(),
      lid: d.id.toLowerCase(),
      name0: d.name,
    });
  }
  const byBuilding: number[][] = buildings.map(() => []);
  entries.forEach((e, i) => e.building >= 0 && byBuilding[e.building].push(i));
  return { buildings, types: TYPE_WORDS, entries, byBuilding };
}

// ————— the query: words, each typed (building, unit, floor) or free —————

type Term =
  | { kind: 'building'; number: string }
  | { kind: 'unit'; n: number }
  | { kind: 'floor'; n: number }
  | { kind: 'buildingUnit'; number: string; n: number }
  | { kind: 'number'; n: number; text: string }
  | { kind: 'free'; text: string };

/** Splits "3栋2单元5层烟感" into words and folds "bldg 3", "unit 2", "floor 5" into one word each. */
export function queryWords(query: string): string[] {
  return query
    .toLowerCase()
    .replace(/[，,;；、]/g, ' ')
    .replace(/(栋|号楼|幢|单元|层)/g, '$1 ')
    .replace(/([\u3400-\u9fff])(?=\d)/g, '$1 ')
    .replace(/\b(?:bldg|building|blk|block)\.?\s*([a-z0-9]+)\b/g, 'b$1')
    .replace(/\bunit\s*(\d+)\b/g, 'u$1')
    .replace(/\b(?:floor|fl)\.?\s*(\d+)\b/g, 'f$1')
    .split(/\s+/)
    .filter(Boolean);
}

function parseTerm(w: string, numbers: Set<string>): Term {
  let m: RegExpMatchArray | null;
  if ((m = w.match(/^b?([a-z0-9]+?)(?:栋|号楼|幢|号)$/))) return { kind: 'building', number: m[1] };
  if ((m = w.match(/^(\d{1,3})单元$/)) || (m = w.match(/^u(\d{1,3})$/))) return { kind: 'unit', n: Number(m[1]) };
  if ((m = w.match(/^(\d{1,3})(?:层|楼|f)$/)) || (m = w.match(/^[fl](\d{1,3})$/))) return { kind: 'floor', n: Number(m[1]) };
  if ((m = w.match(/^b([a-z0-9]+)$/)) && numbers.has(m[1])) return { kind: 'building', number: m[1] };
  if ((m = w.match(/^b?([a-z0-9]+)[-/](\d{1,3})$/)) && numbers.has(m[1])) return { kind: 'buildingUnit', number: m[1], n: Number(m[2]) };
  if (/^\d{1,4}$/.test(w)) return { kind: 'number', n: Number(w), text: w };
  return { kind: 'free', text: w };
}

/** How well a free word fits a list of words: equal 60, start 30, inside 15, else 0. */
function wordScore(w: string, words: readonly string[]): number {
  let best = 0;
  for (const x of words) {
    if (x === w) return 60;
    if (x.startsWith(w)) best = Math.max(best, 30);
    else if (best < 15 && x.includes(w)) best = 15;
  }
  return best;
}

const KIND_BONUS: Record<SearchHit['kind'], number> = { building: 3, unit: 2, device: 0 };
const KIND_ORDER: Record<SearchHit['kind'], number> = { building: 0, unit: 1, device: 2 };

/**
 * Finds buildings, units and devices by several words, all of which must match (AND): building
 * ("3", "3栋", "b3", "Bldg 3", a service building's name or its pinyin initials), unit ("2单元", "u2",
 * "3-2"), floor ("5层", "5F", "floor 5"), device type in Chinese, English or pinyin initials ("烟感",
 * "smoke", "yg"), device name or id. Exact building and type matches rank first; ids count least.
 */
export function searchTwin(c: Compound, query: string, limit = 12): SearchResult {
  const ix = searchIndexOf(c);
  const words = queryWords(query);
  if (!words.length) return { hits: [], total: 0 };
  const numbers = new Set(ix.buildings.map((b) => b.number));
  const terms = words.map((w) => parseTerm(w, numbers));
  // per free word: its score against every building and every type, computed once per query
  const freeB = terms.map((t) => (t.kind === 'free' ? ix.buildings.map((b) => wordScore(t.text, b.words)) : null));
  const freeT = terms.map((t) => (t.kind === 'free' ? ix.types.map((ty) => wordScore(t.text, ty.words)) : null));
  // a word that names a type ("烟感", "smoke", "yg") and no building filters by type alone: no name or id fragments
  const typeOnly = terms.map((_, k) => !!freeT[k] && freeT[k].some((x) => x >= 30) && !freeB[k]!.some((x) => x >= 30));

  const top: { e: Entry; score: number; order: number }[] = [];
  let total = 0;
  const entries = ix.entries;
  // a word naming a building narrows the scan to that building's entries
  const named = terms.find((t) => t.kind === 'building' || t.kind === 'buildingUnit') as { number: string } | undefined;
  const namedAt = named ? ix.buildings.findIndex((b) => b.number === named.number) : -1;
  if (named && namedAt < 0) return { hits: [], total: 0 };
  const scan = namedAt >= 0 ? ix.byBuilding[namedAt] : null;
  const n = scan ? scan.length : entries.length;
  for (let j = 0; j < n; j++) {
    const i = scan ? scan[j] : j;
    const e = entries[i];
    let score = 0;
    let ok = true;
    const bNum = e.building >= 0 ? ix.buildings[e.building].number : null;
    for (let k = 0; k < terms.length && ok; k++) {
      const t = terms[k];
      switch (t.kind) {
        case 'building':
          if (bNum === t.number) score += 100;
          else ok = false;
          break;
        case 'unit':
          if (e.unit === t.n) score += 80;
          else ok = false;
          break;
        case 'floor':
          if (e.floor === t.n) score += 80;
          else ok = false;
          break;
        case 'buildingUnit':
          if (bNum === t.number && e.unit === t.n) score += 180;
          else ok = false;
          break;
        case 'number': {
          const s = bNum === t.text ? 100 : e.unit === t.n || e.floor === t.n ? 30 : e.name.includes(t.text) ? 5 : 0;
          if (s) score += s;
          else ok = false;
          break;
        }
        case 'free': {
          let s = 0;
          if (e.type >= 0) s = freeT[k]![e.type];
          if (typeOnly[k]) {
            if (s >= 30) score += s;
            else ok = false;
            break;
          }
          // a building's own words count fully for the building, less for what is in it
          if (e.building >= 0) s = Math.max(s, e.kind === 'building' ? freeB[k]![e.building] : freeB[k]![e.building] >> 1);
          if (s < 10 && e.name.includes(t.text)) s = 10;
          if (e.lid === t.text) s = 50;
          else if (!s && t.text.length >= 3 && e.lid.includes(t.text)) s = 2;
          if (s) score += s;
          else ok = false;
          break;
        }
      }
    }
    if (!ok) continue;
    total++;
    score += KIND_BONUS[e.kind];
    const order = KIND_ORDER[e.kind] * 1e7 + i;
    // keep the best `limit` (score high first, then buildings, units, devices in file order)
    if (top.length === limit && (score < top[limit - 1].score || (score === top[limit - 1].score && order > top[limit - 1].order))) continue;
    let at = top.length;
    while (at > 0 && (top[at - 1].score < score || (top[at - 1].score === score && top[at - 1].order > order))) at--;
    top.splice(at, 0, { e, score, order });
    if (top.length > limit) top.pop();
  }
  return {
    total,
    hits: top.map(({ e, score }) => {
      const b = e.building >= 0 ? ix.buildings[e.building].b : undefined;
      const hit: SearchHit = { kind: e.kind, id: e.id, score };
      if (b) {
        hit.buildingId = b.id;
        hit.buildingNumber = b.number;
      }
      if (e.unit !== null) hit.unitNumber = e.unit;
      if (e.floor !== null) hit.floor = e.floor;
      if (e.type >= 0) hit.type = DEVICE_TYPES[e.type];
      if (e.name0) hit.name = e.name0;
      return hit;
    }),
  };
}
