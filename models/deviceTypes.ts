import { z } from 'zod';

/** Every smart system a retrofit deploys, one device type each. */
export const DEVICE_TYPES = [
  'access_gate',
  'camera',
  'electronic_fence',
  'info_screen',
  'hydrant_pressure',
  'smoke_detector',
  'broadcast_speaker',
  'elderly_sensor',
  'ebike_charger',
  'electric_meter',
  'water_meter',
  'public_meter',
  'parking_gate',
  'health_kiosk',
  'env_sensor',
] as const;
export const DeviceTypeSchema = z.enum(DEVICE_TYPES);
export type DeviceType = z.infer<typeof DeviceTypeSchema>;

// Metrics (unit, plausible range) live in ./metrics; re-exported for modules that import them from here.
export { METRICS, MetricSchema, type MetricDef } from './metrics';

export interface DeviceTypeDef {
  zh: string;
  en: string;
  /** The metrics a device of this type reports by default. */
  metrics: string[];
  /** Seconds between readings in normal operation; `offline` is judged against it. */
  intervalS: number;
  /** The smart system this type belongs to (for per-system health and rating). */
  system: string;
}

export const DEVICE_TYPE_DEFS: Record<DeviceType, DeviceTypeDef> = {
  access_gate: { zh: '单元门禁', en: 'Access gate', metrics: ['passes', 'door_open'], intervalS: 60, system: 'access' },
  camera: { zh: '摄像机', en: 'Camera', metrics: ['online'], intervalS: 60, system: 'video' },
  electronic_fence: { zh: '电子围栏', en: 'Electronic fence', metrics: ['breach'], intervalS: 60, system: 'perimeter' },
  info_screen: { zh: '信息发布屏', en: 'Info screen', metrics: ['online'], intervalS: 120, system: 'info' },
  hydrant_pressure: { zh: '消火栓水压', en: 'Hydrant pressure', metrics: ['pressure_mpa'], intervalS: 30, system: 'fire' },
  smoke_detector: { zh: '烟感', en: 'Smoke detector', metrics: ['smoke', 'battery_pct'], intervalS: 300, system: 'fire' },
  broadcast_speaker: { zh: '应急广播', en: 'Broadcast speaker', metrics: ['online', 'volume_db'], intervalS: 120, system: 'broadcast' },
  elderly_sensor: { zh: '独居老人监测', en: 'Elderly-care sensor', metrics: ['motion', 'heartbeat'], intervalS: 300, system: 'elderly' },
  ebike_charger: { zh: '电动车充电桩', en: 'E-bike charger', metrics: ['charging', 'power_kw', 'energy_kwh'], intervalS: 60, system: 'ebike' },
  electric_meter: { zh: '电表', en: 'Electric meter', metrics: ['energy_kwh', 'power_kw'], intervalS: 900, system: 'energy' },
  water_meter: { zh: '水表', en: 'Water meter', metrics: ['water_m3'], intervalS: 900, system: 'water' },
  public_meter: { zh: '公共用电计量', en: 'Public-electricity meter', metrics: ['energy_kwh', 'power_kw'], intervalS: 900, system: 'energy' },
  parking_gate: { zh: '停车道闸', en: 'Parking gate', metrics: ['vehicles', 'online'], intervalS: 60, system: 'parking' },
  health_kiosk: { zh: '健康小屋', en: 'Health kiosk', metrics: ['visits', 'online'], intervalS: 300, system: 'health' },
  env_sensor: {
    zh: '环境监测',
    en: 'Environment sensor',
    metrics: ['temperature_c', 'humidity_pct', 'pm25', 'noise_db'],
    intervalS: 300,
    system: 'environment',
  },
};
