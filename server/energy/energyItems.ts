import { buildingTotals, ringArea, unitTotals, type Building, type Device, type EnergyItem, type EnergyMetric } from '../../models';
import type { CompoundEntry } from '../compounds/registry';
import { isAggregateMeter } from '../kpi/kpi.service';
import { HttpError } from '../http/errors';

/** One heatmap cell before the sums: what it is, its meters, households and floor area. */
export type ItemSpec = Pick<EnergyItem, 'id' | 'kind' | 'buildingId' | 'unitId' | 'floor' | 'households' | 'areaM2'> & { meterIds: string[] };

const HOUSEHOLD_METER: Record<EnergyMetric, Device['type']> = { energy_kwh: 'electric_meter', water_m3: 'water_meter' };

/** A household sub-meter (one flat) of this metric. */
export const isHouseholdMeter = (d: Device, metric: EnergyMetric): boolean =>
  d.type === HOUSEHOLD_METER[metric] && d.households === 1 && d.metrics.includes(metric);

const footprintM2 = (b: Building): number => Math.abs(ringArea(b.footprint));

/**
 * The cells of a heatmap level. Buildings: their building-level meters (households ≠ 1, public meters), as the
 * KPIs count them. Units and floor cells (one unit's floor) of one building: the sum of its household sub-meters.
 * Floor area is footprint × floors (a unit takes its span's share; a floor cell one storey of it).
 */
export function itemSpecs(entry: CompoundEntry, metric: EnergyMetric, level: 'building' | 'unit' | 'floor', buildingId?: string): ItemSpec[] {
  const meters = entry.doc.devices.filter((d) => d.placement.kind === 'building' && d.metrics.includes(metric));
  if (level === 'building') {
    const byBuilding = new Map<string, string[]>();
    for (const d of meters) {
      if (d.placement.kind !== 'building' || !isAggregateMeter(d, metric)) continue;
      const list = byBuilding.get(d.placement.buildingId) ?? [];
      list.push(d.id);
      byBuilding.set(d.placement.buildingId, list);
    }
    if (buildingId !== undefined && !entry.buildings.has(buildingId))
      throw new HttpError(400, `buildingId: building "${buildingId}" is not in compound "${entry.doc.id}"`);
    return entry.doc.buildings
      .filter((b) => byBuilding.has(b.id) && (buildingId === undefined || b.id === buildingId))
      .map((b) => ({
        id: b.id,
        kind: 'building',
        buildingId: b.id,
        unitId: null,
        floor: null,
        households: buildingTotals(b).households,
        areaM2: footprintM2(b) * b.floors,
        meterIds: byBuilding.get(b.id)!,
      }));
  }
  const b = buildingId ? entry.buildings.get(buildingId) : undefined;
  if (!b) throw new HttpError(400, `buildingId: building "${buildingId}" is not in compound "${entry.doc.id}"`);
  const household = meters.filter((d) => d.placement.kind === 'building' && d.placement.buildingId === b.id && isHouseholdMeter(d, metric));
  const where = (d: Device) => (d.placement.kind === 'building' ? d.placement : null);
  const specs: ItemSpec[] = [];
  for (const u of b.units) {
    const share = footprintM2(b) * (u.span[1] - u.span[0]);
    const inUnit = household.filter((d) => where(d)?.unitId === u.id);
    if (level === 'unit') {
      specs.push({
        id: u.id,
        kind: 'unit',
        buildingId: b.id,
        unitId: u.id,
        floor: null,
        households: unitTotals(u).households,
        areaM2: share * b.floors,
        meterIds: inUnit.map((d) => d.id),
      });
      continue;
    }
    for (const f of u.floors) {
      const ids = inUnit.filter((d) => where(d)?.floor === f.level).map((d) => d.id);
      specs.push({
        id: `${u.id}/${f.level}`,
        kind: 'floor',
        buildingId: b.id,
        unitId: u.id,
        floor: f.level,
        households: f.households,
        areaM2: share,
        meterIds: ids,
      });
    }
  }
  return specs.filter((s) => s.meterIds.length > 0);
}
