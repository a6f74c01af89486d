import type { Compound } from '../../models/compound';

export interface SearchHit {
  kind: 'building' | 'unit' | 'device';
  id: string;
  buildingNumber?: string;
  unitNumber?: number;
  /** Device name or building name, shown under the hit. */
  name?: string;
}

const BUILDING_WORD = '(?:栋|号楼|幢|号)';
const UNIT_RE = new RegExp(`^(?:bldg|building|b)?\\s*([a-z0-9]+?)\\s*(?:${BUILDING_WORD}|-|/|\\s)\\s*(?:unit|u)?\\s*(\\d{1,2})\\s*(?:单元)?$`);
const BUILDING_RE = new RegExp(`^(?:bldg|building|b)?\\s*([a-z0-9]+?)\\s*${BUILDING_WORD}?$`);

/**
 * Finds buildings by number ("3", "3栋", "Bldg 3"), units by building and unit ("3-2", "3栋2单元",
 * "bldg 3 unit 2") and devices by id or name fragment. Exact building/unit matches come first.
 */
export function searchTwin(c: Compound, query: string, limit = 12): SearchHit[] {
  const q = query.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!q) return [];
  const hits: SearchHit[] = [];
  const seen = new Set<string>();
  const push = (h: SearchHit) => {
    const key = `${h.kind}:${h.id}`;
    if (seen.has(key) || hits.length >= limit) return;
    seen.add(key);
    hits.push(h);
  };
  const um = q.match(UNIT_RE);
  if (um) {
    const b = c.buildings.find((x) => x.number.toLowerCase() === um[1]);
    const u = b?.units.find((x) => x.number === Number(um[2]));
    if (b && u) push({ kind: 'unit', id: u.id, buildingNumber: b.number, unitNumber: u.number });
  }
  const bm = q.match(BUILDING_RE);
  if (bm) {
    const b = c.buildings.find((x) => x.number.toLowerCase() === bm[1]);
    if (b) push({ kind: 'building', id: b.id, buildingNumber: b.number, name: b.name });
  }
  for (const b of c.buildings) if (b.name?.toLowerCase().includes(q)) push({ kind: 'building', id: b.id, buildingNumber: b.number, name: b.name });
  for (const d of c.devices) {
    if (hits.length >= limit) break;
    if (d.id.toLowerCase().includes(q) || d.name.toLowerCase().includes(q)) push({ kind: 'device', id: d.id, name: d.name });
  }
  return hits;
}
