import type { Device } from '../../models/compound';

/**
 * A device that belongs to one household (elderly-care sensors, a flat's own meter, anything named
 * after a flat). The wall never names or flies to a flat: such alarms show per type, aggregated, and
 * the camera frames the building. Mirrors server/security/householdMask.ts.
 */
export function isHouseholdDevice(d: Pick<Device, 'type' | 'households' | 'name'>): boolean {
  if (d.type === 'elderly_sensor') return true;
  if ((d.type === 'electric_meter' || d.type === 'water_meter') && d.households === 1) return true;
  return /\d{3,4}室/.test(d.name);
}
