// Reading OpenStreetMap-style tags off a GeoJSON feature: is it a building (or a building:part),
// what is it used for, how tall is it, what is it called and numbered.
import type { Building, ImportOptions } from '../../models';
import { osmUse } from './profiles/osm';
import type { BuildingAttrs } from './profiles/types';

export type Props = Record<string, unknown>;
type Use = Building['use'];

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : null);
const tagged = (v: unknown): boolean => {
  const t = text(v);
  return t !== null && t !== 'no';
};

/** 'building' for an outline, 'part' for a building:part, null for anything else (roads, land use, POIs). */
export function buildingKind(p: Props): 'building' | 'part' | null {
  if (tagged(p['building:part'])) return 'part';
  if (tagged(p.building)) return 'building';
  return null;
}

/**
 * What the building is for (profiles/osm.ts reads the tags). A part with nothing specific takes its
 * outline's use; a bare `building=yes` counts as residential — in a compound nearly everything is
 * housing, and the import screen lets people correct it.
 */
export function buildingUse(p: Props, inherited?: Use): Use {
  return osmUse(p) ?? inherited ?? 'residential';
}

/** "12", "12.5 m", "12m", 12 → metres; feet ("40'") converted; anything else null. */
export function parseMetres(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : null;
  const t = text(v);
  if (!t) return null;
  const m = t.replace(',', '.').match(/^(\d+(?:\.\d+)?)\s*(m|metres|meters|ft|')?$/i);
  if (!m) return null;
  const n = Number(m[1]);
  return m[2] && /ft|'/i.test(m[2]) ? n * 0.3048 : n;
}

/** "6", 6, "6;7" (the highest), "6.0" → a whole number of levels, else null. */
export function parseLevels(v: unknown): number | null {
  const t = text(v);
  if (!t) return null;
  const ns = t
    .split(/[;,]/)
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isFinite(n) && n >= 0);
  if (!ns.length) return null;
  return Math.round(Math.max(...ns));
}

export interface Storeys {
  floors: number;
  floorHeight: number;
  baseHeight: number;
  /** Set when something was assumed or clamped. */
  warning?: string;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const r2 = (v: number) => Math.round(v * 100) / 100;

/** Floors, storey height and base from `height` / `min_height` / `building:levels` / `levels`, or the default. */
export function storeys(p: Props, o: Pick<ImportOptions, 'defaultLevels' | 'floorHeight'>): Storeys {
  return storeysOf(
    {
      height: parseMetres(p.height) ?? parseMetres(p['building:height']),
      minHeight: parseMetres(p.min_height),
      levels: parseLevels(p['building:levels']) ?? parseLevels(p.levels),
      minLevel: parseLevels(p['building:min_level']),
    },
    o,
  );
}

/** Floors, storey height and base from what a profile read (height, min height, levels, min level), or the default. */
export function storeysOf(
  a: Pick<BuildingAttrs, 'height' | 'minHeight' | 'levels' | 'minLevel'>,
  o: Pick<ImportOptions, 'defaultLevels' | 'floorHeight'>,
): Storeys {
  const notes: string[] = [];
  const minLevel = a.minLevel;
  let base = a.minHeight ?? (minLevel ? minLevel * o.floorHeight : 0);
  let height = a.height !== null && a.height > 0 ? a.height : null;
  const levels = a.levels;
  if (height !== null && height <= base) {
    notes.push(`height ${height} m is not above min_height ${base} m; height ignored`);
    height = null;
  }
  let floors: number;
  let fh: number;
  if (height !== null) {
    const span = height - base;
    floors = levels && levels > 0 ? levels : Math.max(1, Math.round(span / o.floorHeight));
    fh = span / floors;
  } else if (levels && levels > 0) {
    floors = levels;
    fh = o.floorHeight;
  } else {
    floors = o.defaultLevels;
    fh = o.floorHeight;
    notes.push(`no height, building:levels or levels: assumed ${floors} floors`);
  }
  if (floors > 200) (notes.push(`${floors} floors clamped to 200`), (floors = 200));
  if (fh < 2 || fh > 8) {
    notes.push(`storey height ${r2(fh)} m clamped to ${r2(clamp(fh, 2, 8))} m`);
    fh = clamp(fh, 2, 8);
  }
  base = clamp(base, 0, 1000);
  return { floors, floorHeight: r2(fh), baseHeight: r2(base), ...(notes.length ? { warning: notes.join('; ') } : {}) };
}

/** The number painted on the building: addr:housenumber, else ref, trimmed of 号/栋 and cut to 16 characters. */
export function buildingNumber(p: Props): string | null {
  const t = text(p['addr:housenumber']) ?? text(p.ref);
  if (!t) return null;
  const n = t.replace(/\s*(号楼|号|栋|幢)$/u, '').trim();
  return (n || t).slice(0, 16);
}

export function buildingName(p: Props): string | undefined {
  const t = text(p.name) ?? text(p['name:zh']);
  return t ? t.slice(0, 64) : undefined;
}

/** Construction year from start_date / building:year / construction_date ("1995", "1995-06"). */
export function builtYearOf(p: Props): number | undefined {
  for (const k of ['start_date', 'building:year', 'construction_date']) {
    const m = text(p[k])?.match(/^(\d{4})/);
    const y = m ? Number(m[1]) : NaN;
    if (y >= 1900 && y <= 2100) return y;
  }
  return undefined;
}
