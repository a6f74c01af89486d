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

export interface MetricDef {
  unit: string;
  /** How readings combine over time: `sum` for per-interval consumption/counts, `avg` for levels. */
  agg: 'sum' | 'avg' | 'max';
  zh: string;
  en: string;
}

/** Metrics known to the product; a device's `metrics` must name some of these. */
export const METRICS: Record<string, MetricDef> = {
  energy_kwh: { unit: 'kWh', agg: 'sum', zh: '用电量', en: 'Energy' },
  power_kw: { unit: 'kW', agg: 'avg', zh: '功率', en: 'Power' },
  water_m3: { unit: 'm³', agg: 'sum', zh: '用水量', en: 'Water' },
  pressure_mpa: { unit: 'MPa', agg: 'avg', zh: '水压', en: 'Pressure' },
  smoke: { unit: '', agg: 'max', zh: '烟感', en: 'Smoke' },
  smoke_obscuration: { unit: '%/m', agg: 'avg', zh: '烟雾浓度', en: 'Obscuration' },
  battery_pct: { unit: '%', agg: 'avg', zh: '电量', en: 'Battery' },
  passes: { unit: '次', agg: 'sum', zh: '通行次数', en: 'Passes' },
  door_open: { unit: '', agg: 'max', zh: '门磁', en: 'Door open' },
  online: { unit: '', agg: 'avg', zh: '在线', en: 'Online' },
  motion: { unit: '', agg: 'max', zh: '人体感应', en: 'Motion' },
  breach: { unit: '', agg: 'max', zh: '越界', en: 'Breach' },
  charging: { unit: '', agg: 'max', zh: '充电中', en: 'Charging' },
  temperature_c: { unit: '°C', agg: 'avg', zh: '温度', en: 'Temperature' },
  humidity_pct: { unit: '%', agg: 'avg', zh: '湿度', en: 'Humidity' },
  pm25: { unit: 'µg/m³', agg: 'avg', zh: 'PM2.5', en: 'PM2.5' },
  noise_db: { unit: 'dB', agg: 'avg', zh: '噪声', en: 'Noise' },
  vehicles: { unit: '辆', agg: 'sum', zh: '车辆通行', en: 'Vehicles' },
  occupancy: { unit: '', agg: 'avg', zh: '占用', en: 'Occupancy' },
  visits: { unit: '人次', agg: 'sum', zh: '使用人次', en: 'Visits' },
  volume_db: { unit: 'dB', agg: 'avg', zh: '音量', en: 'Volume' },
  heartbeat: { unit: '', agg: 'max', zh: '心跳', en: 'Heartbeat' },
};
export const MetricSchema = z.string().refine((m) => Object.hasOwn(METRICS, m), { message: 'unknown metric' });

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
  env_sensor: { zh: '环境监测', en: 'Environment sensor', metrics: ['temperature_c', 'humidity_pct', 'pm25', 'noise_db'], intervalS: 300, system: 'environment' },
};
