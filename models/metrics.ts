import { z } from 'zod';

/**
 * What a stored reading may be. Ingest rejects values outside it, so one gateway's garbage (1e308, a
 * negative meter step) never reaches the aggregates, the KPIs or an alarm rule. Bounds are generous:
 * they reject the physically impossible, not the merely unusual (alarm rules judge that).
 */
export interface MetricRange {
  min: number;
  max: number;
  /** Counts and on/off states: whole numbers only (on/off metrics are exactly 0 or 1). */
  integer?: boolean;
}

export interface MetricDef {
  unit: string;
  /** How readings combine over time: `sum` for per-interval consumption/counts, `avg` for levels. */
  agg: 'sum' | 'avg' | 'max';
  zh: string;
  en: string;
  range: MetricRange;
}

const ON_OFF: MetricRange = { min: 0, max: 1, integer: true };
const PCT: MetricRange = { min: 0, max: 100 };
/** Events counted over one reading's interval (a day at most): a busy gate sees a few thousand. */
const COUNT: MetricRange = { min: 0, max: 100_000, integer: true };

/** Metrics known to the product; a device's `metrics` must name some of these. */
export const METRICS: Record<string, MetricDef> = {
  // Consumption over the reading's interval (not a cumulative register): a day of a 500 kW building at most.
  energy_kwh: { unit: 'kWh', agg: 'sum', zh: '用电量', en: 'Energy', range: { min: 0, max: 12_000 } },
  // A building's main meter; household sub-meters and chargers sit far below.
  power_kw: { unit: 'kW', agg: 'avg', zh: '功率', en: 'Power', range: { min: 0, max: 500 } },
  // A day of a large building's water (~0.3 m³ a household) with a wide margin.
  water_m3: { unit: 'm³', agg: 'sum', zh: '用水量', en: 'Water', range: { min: 0, max: 1_000 } },
  // Fire-main pressure: 0 (dry) to the 2.5 MPa rating of hydrant fittings.
  pressure_mpa: { unit: 'MPa', agg: 'avg', zh: '水压', en: 'Pressure', range: { min: 0, max: 2.5 } },
  smoke: { unit: '', agg: 'max', zh: '烟感', en: 'Smoke', range: ON_OFF },
  smoke_obscuration: { unit: '%/m', agg: 'avg', zh: '烟雾浓度', en: 'Obscuration', range: PCT },
  battery_pct: { unit: '%', agg: 'avg', zh: '电量', en: 'Battery', range: PCT },
  passes: { unit: '次', agg: 'sum', zh: '通行次数', en: 'Passes', range: COUNT },
  door_open: { unit: '', agg: 'max', zh: '门磁', en: 'Door open', range: ON_OFF },
  online: { unit: '', agg: 'avg', zh: '在线', en: 'Online', range: ON_OFF },
  motion: { unit: '', agg: 'max', zh: '人体感应', en: 'Motion', range: ON_OFF },
  breach: { unit: '', agg: 'max', zh: '越界', en: 'Breach', range: ON_OFF },
  charging: { unit: '', agg: 'max', zh: '充电中', en: 'Charging', range: ON_OFF },
  temperature_c: { unit: '°C', agg: 'avg', zh: '温度', en: 'Temperature', range: { min: -50, max: 100 } },
  humidity_pct: { unit: '%', agg: 'avg', zh: '湿度', en: 'Humidity', range: PCT },
  // Optical PM sensors saturate at about 1000 µg/m³.
  pm25: { unit: 'µg/m³', agg: 'avg', zh: 'PM2.5', en: 'PM2.5', range: { min: 0, max: 1_000 } },
  noise_db: { unit: 'dB', agg: 'avg', zh: '噪声', en: 'Noise', range: { min: 0, max: 150 } },
  vehicles: { unit: '辆', agg: 'sum', zh: '车辆通行', en: 'Vehicles', range: COUNT },
  // A share of spaces or rooms taken (0..1).
  occupancy: { unit: '', agg: 'avg', zh: '占用', en: 'Occupancy', range: { min: 0, max: 1 } },
  visits: { unit: '人次', agg: 'sum', zh: '使用人次', en: 'Visits', range: COUNT },
  volume_db: { unit: 'dB', agg: 'avg', zh: '音量', en: 'Volume', range: { min: 0, max: 150 } },
  heartbeat: { unit: '', agg: 'max', zh: '心跳', en: 'Heartbeat', range: ON_OFF },
};
export const MetricSchema = z.string().refine((m) => Object.hasOwn(METRICS, m), { message: 'unknown metric' });

/** The range as people read it: `0–500 kW`, `0 or 1`. */
export function describeRange(metric: string): string {
  const d = METRICS[metric];
  if (!d) return 'no range (unknown metric)';
  const { min, max, integer } = d.range;
  if (integer && min === 0 && max === 1) return '0 or 1';
  return `${min}–${max}${d.unit ? ' ' + d.unit : ''}${integer ? ', whole numbers' : ''}`;
}

/** Why `value` cannot be a reading of `metric`, or null when it is plausible. */
export function implausibleValue(metric: string, value: number): string | null {
  const d = METRICS[metric];
  if (!d) return `"${metric}" is not a known metric`;
  const { min, max, integer } = d.range;
  const inside = Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value));
  return inside ? null : `${value} is outside ${metric}'s plausible range ${describeRange(metric)}`;
}

/** `value` pulled into the metric's range (the simulator's guard for unusually large imported buildings). */
export function clampToRange(metric: string, value: number): number {
  const r = METRICS[metric]?.range;
  if (!r) return value;
  const v = Math.min(r.max, Math.max(r.min, value));
  return r.integer ? Math.round(v) : v;
}

/**
 * The widest value the database aggregates: far outside every range above, yet summing millions of them
 * stays finite in float8. Rows beyond it (stored before ingest checked ranges, or written around it) are
 * left out of every aggregate instead of overflowing it.
 */
export const AGGREGATE_BOUND = 1e12;
