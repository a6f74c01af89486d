import type { Device } from '../../models/compound';
import { DEVICE_TYPES, DEVICE_TYPE_DEFS } from '../../models/deviceTypes';
import type { DeviceStatus } from '../../models/reading';

/** One smart system's health on the wall: the share of its devices that report. */
export interface SystemHealth {
  system: string;
  total: number;
  online: number;
  /** 0..100, one decimal. */
  pct: number;
}

/** The systems a compound deploys (DEVICE_TYPE_DEFS[type].system), each with its device ids, in device-type order. */
export function systemsOf(devices: readonly Pick<Device, 'id' | 'type'>[]): Map<string, string[]> {
  const byType = new Map<string, string[]>();
  for (const d of devices) {
    const list = byType.get(d.type);
    if (list) list.push(d.id);
    else byType.set(d.type, [d.id]);
  }
  const out = new Map<string, string[]>();
  for (const t of DEVICE_TYPES) {
    const ids = byType.get(t);
    if (!ids) continue;
    const sys = DEVICE_TYPE_DEFS[t].system;
    const list = out.get(sys);
    if (list) list.push(...ids);
    else out.set(sys, [...ids]);
  }
  return out;
}

/** Online share per system from the live store; a device counts as online unless it is offline (as the server's KPIs count). */
export function systemHealth(systems: ReadonlyMap<string, readonly string[]>, statusOf: (id: string) => DeviceStatus | null | undefined): SystemHealth[] {
  const out: SystemHealth[] = [];
  for (const [system, ids] of systems) {
    let online = 0;
    for (const id of ids) {
      const s = statusOf(id);
      if (s && s !== 'offline') online++;
    }
    out.push({ system, total: ids.length, online, pct: ids.length ? Math.round((online / ids.length) * 1000) / 10 : 0 });
  }
  return out;
}
