import type { BuildingUse } from '../../models/compound';

/**
 * Each use class's tint on the building shells: an sRGB colour and how strongly it replaces the shell's
 * own blue (0 = today's residential look). Hues follow the Okabe–Ito palette (told apart with the common
 * colour-vision deficiencies) and avoid the alarm red; service classes stay quiet.
 */
export const USE_TINTS: Record<BuildingUse, { color: number; strength: number }> = {
  residential: { color: 0x3f5a80, strength: 0 },
  public: { color: 0x5aa0d8, strength: 0.3 },
  commercial: { color: 0xe69f00, strength: 0.55 },
  retail: { color: 0xe69f00, strength: 0.55 },
  office: { color: 0xd0e4ff, strength: 0.9 },
  school: { color: 0xf0e442, strength: 0.5 },
  hospital: { color: 0x009e73, strength: 0.6 },
  hotel: { color: 0xcc79a7, strength: 0.55 },
  industrial: { color: 0xa08c6c, strength: 0.55 },
  parking: { color: 0x8a94a3, strength: 0.45 },
  garage: { color: 0x8a94a3, strength: 0.35 },
  bikeshed: { color: 0x8a94a3, strength: 0.3 },
  unknown: { color: 0x7c7c7c, strength: 0.6 },
};

/** The classes the legend names: the ones that share a tint are listed once, by the first. */
export const LEGEND_USES: readonly BuildingUse[] = [
  'residential',
  'commercial',
  'office',
  'school',
  'hospital',
  'hotel',
  'industrial',
  'parking',
  'public',
  'unknown',
];

/** Uses that every compound has and need no legend (homes and their service buildings). */
const EVERYDAY = new Set<BuildingUse>(['residential', 'public', 'garage', 'bikeshed']);

/** The tints sRGB 0..1 plus strength. */
export function tintOf(use: BuildingUse): [number, number, number, number] {
  const t = USE_TINTS[use];
  return [((t.color >> 16) & 255) / 255, ((t.color >> 8) & 255) / 255, (t.color & 255) / 255, t.strength];
}

/** The legend's rows for a compound's uses: none when it has only homes and service buildings. */
export function legendRows(uses: Iterable<BuildingUse>): BuildingUse[] {
  const set = new Set(uses);
  if ([...set].every((u) => EVERYDAY.has(u))) return [];
  // classes that share a tint are named once: shops as the one the compound has, garages and sheds as parking
  const rep = (u: BuildingUse): BuildingUse => (u === 'retail' ? 'commercial' : u === 'garage' || u === 'bikeshed' ? 'parking' : u);
  const shown = new Set([...set].map(rep));
  const rows = LEGEND_USES.filter((u) => shown.has(u));
  return set.has('commercial') ? rows : rows.map((u) => (u === 'commercial' ? 'retail' : u));
}
