import type { Compound, CoverageGap, Device, DeviceType } from '../../models';

export interface CoverageResult {
  required: number;
  covered: number;
  gaps: CoverageGap[];
}

export type Scope = 'building' | 'unit' | 'unit_floor' | 'riser' | 'unit_entrance';

const residential = (c: Compound) => c.buildings.filter((b) => b.use === 'residential');

/** Which places of a compound lack a device of `type` at the given scope. Pure: computed from the compound document. */
export function coverage(c: Compound, type: DeviceType, scope: Scope, radiusM = 20): CoverageResult {
  const devices = c.devices.filter((d) => d.type === type);
  const inBuilding = new Set<string>();
  const inUnit = new Set<string>();
  const inUnitFloor = new Set<string>();
  for (const d of devices) {
    if (d.placement.kind !== 'building') continue;
    inBuilding.add(d.placement.buildingId);
    if (d.placement.unitId) {
      inUnit.add(d.placement.unitId);
      if (d.placement.floor !== undefined) inUnitFloor.add(d.placement.unitId + '@' + d.placement.floor);
    }
  }
  const gaps: CoverageGap[] = [];
  let required = 0;
  for (const b of residential(c)) {
    if (scope === 'building') {
      required++;
      if (!inBuilding.has(b.id)) gaps.push({ buildingId: b.id, buildingNumber: b.number });
      continue;
    }
    for (const u of b.units) {
      if (scope === 'unit' || scope === 'riser') {
        required++;
        if (!inUnit.has(u.id)) gaps.push({ buildingId: b.id, buildingNumber: b.number, unitId: u.id });
      } else if (scope === 'unit_floor') {
        for (const f of u.floors) {
          required++;
          if (!inUnitFloor.has(u.id + '@' + f.level)) gaps.push({ buildingId: b.id, buildingNumber: b.number, unitId: u.id, floor: f.level });
        }
      } else {
        required++;
        if (!devices.some((d) => near(d, u.entrance, radiusM))) gaps.push({ buildingId: b.id, buildingNumber: b.number, unitId: u.id });
      }
    }
  }
  return { required, covered: required - gaps.length, gaps };
}

function near(d: Device, p: [number, number], r: number): boolean {
  const dx = d.placement.at[0] - p[0];
  const dy = d.placement.at[1] - p[1];
  return dx * dx + dy * dy <= r * r;
}
