import type { DeviceType } from '../../models/deviceTypes';
import type { DeviceStatus } from '../../models/reading';

/** Marker colour of each device type while online (sRGB hex); the shape is in deviceShapes.ts. */
export const TYPE_COLORS: Record<DeviceType, number> = {
  access_gate: 0x36d1ff,
  camera: 0x5b8cff,
  electronic_fence: 0xb57bff,
  info_screen: 0x2fe0b9,
  hydrant_pressure: 0xff8c5a,
  smoke_detector: 0xe6edf5,
  broadcast_speaker: 0xffe066,
  elderly_sensor: 0xff8fd0,
  ebike_charger: 0x7dff6a,
  electric_meter: 0x9fd7ff,
  water_meter: 0x3fb6ff,
  public_meter: 0xc3f06b,
  parking_gate: 0xa0a8ff,
  health_kiosk: 0x5fffd0,
  env_sensor: 0xd4b3ff,
};

/** Status overrides the type colour: anything not online must stand out the same way for every type. */
export const STATUS_COLORS: Record<Exclude<DeviceStatus, 'online'>, number> = {
  offline: 0x4a5566,
  alarm: 0xff2d55,
  maintenance: 0xffa31a,
};

/** Colour of a device marker for its type and live status (unknown status reads as offline). */
export function markerColor(type: DeviceType, status: DeviceStatus | null): number {
  if (status === 'online') return TYPE_COLORS[type];
  return STATUS_COLORS[status ?? 'offline'];
}

/** CSS colour for legends and panels. */
export function cssColor(hex: number): string {
  return `#${hex.toString(16).padStart(6, '0')}`;
}

export const STATUS_CSS: Record<DeviceStatus, string> = {
  online: '#35e08a',
  offline: cssColor(STATUS_COLORS.offline),
  alarm: cssColor(STATUS_COLORS.alarm),
  maintenance: cssColor(STATUS_COLORS.maintenance),
};
