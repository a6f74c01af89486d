import type { Alarm } from '../../models/alarm';
import { CHANNEL_COMMAND, COMMAND_LIMITS, resolvePlace, type BroadcastChannel, type Place } from '../../models/commands';
import type { Compound, Device } from '../../models/compound';
import type { Point2 } from '../../models/geo';
import type { DraftPlace } from './useCommandStore';

/**
 * Ticked units count only while exactly one building is chosen: the picker shows them for one building, and a
 * place's unit list applies to all its buildings (a second building's devices would all be left out).
 */
export function unitsForBuildings(buildingIds: readonly string[], unitIds: readonly string[]): string[] {
  if (buildingIds.length !== 1) return [];
  return unitIds.filter((u) => u.startsWith(`${buildingIds[0]}-`));
}

/** The place the panel's draft describes, or null while it is incomplete (no building, no lasso, no alarm). */
export function draftPlace(d: DraftPlace): Place | null {
  if (d.mode === 'buildings') {
    if (d.buildingIds.length === 0) return null;
    const units = unitsForBuildings(d.buildingIds, d.unitIds);
    return {
      kind: 'buildings',
      buildingIds: d.buildingIds,
      ...(units.length ? { unitIds: units } : {}),
      ...(d.floors ? { floors: d.floors } : {}),
    };
  }
  if (d.mode === 'polygon') return d.ring.length >= 3 ? { kind: 'polygon', ring: d.ring } : null;
  return d.alarmId !== null ? { kind: 'near', alarmId: d.alarmId, radiusM: d.radiusM } : null;
}

/** Where an alarm is (its device's ground point), for `near`. */
export function alarmPoint(doc: Compound, alarms: readonly Alarm[], alarmId: number): Point2 | undefined {
  const a = alarms.find((x) => x.id === alarmId);
  const dev = a ? doc.devices.find((x) => x.id === a.deviceId) : undefined;
  return dev ? [dev.placement.at[0], dev.placement.at[1]] : undefined;
}

/** The devices a send would target: the same resolvePlace the server runs. */
export function previewDevices(doc: Compound, place: Place | null, channels: readonly BroadcastChannel[], alarms: readonly Alarm[]): Device[] {
  if (!place || channels.length === 0) return [];
  return resolvePlace(
    doc,
    place,
    channels.map((c) => CHANNEL_COMMAND[c].type),
    (id) => alarmPoint(doc, alarms, id),
  );
}

/** Drops lasso points closer than `minM` to the previous one and caps the ring at the schema's 500 points. */
export function thinRing(points: readonly Point2[], minM = 1.5): Point2[] {
  const out: Point2[] = [];
  for (const p of points) {
    const q = out[out.length - 1];
    if (!q || Math.hypot(p[0] - q[0], p[1] - q[1]) >= minM) out.push([Math.round(p[0] * 10) / 10, Math.round(p[1] * 10) / 10]);
  }
  if (out.length <= 500) return out;
  const step = out.length / 500;
  return Array.from({ length: 500 }, (_, i) => out[Math.floor(i * step)]);
}

export const MAX_DEVICES = COMMAND_LIMITS.maxDevices;
