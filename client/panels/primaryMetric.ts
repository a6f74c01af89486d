import type { Device } from '../../models/compound';
import type { DeviceType } from '../../models/deviceTypes';

/**
 * The metric a person opening a device wants to see first, by type: a hydrant's pressure, a smoke
 * detector's battery (its smoke state is a flat 0 until something burns), an environment sensor's
 * PM2.5 (the one with an alarm rule). Types not named here open on their first metric.
 */
const PREFERRED: Partial<Record<DeviceType, readonly string[]>> = {
  hydrant_pressure: ['pressure_mpa'],
  smoke_detector: ['battery_pct', 'smoke_obscuration'],
  access_gate: ['passes'],
  broadcast_speaker: ['volume_db'],
  elderly_sensor: ['motion'],
  ebike_charger: ['power_kw'],
  electric_meter: ['power_kw', 'energy_kwh'],
  public_meter: ['power_kw', 'energy_kwh'],
  water_meter: ['water_m3'],
  parking_gate: ['vehicles'],
  health_kiosk: ['visits'],
  env_sensor: ['pm25', 'noise_db', 'temperature_c'],
  electronic_fence: ['breach'],
};

/**
 * The metric a device's chart opens on: the metric of an active alarm first (in the order given, most
 * severe first: a smoke detector in smoke alarm opens on smoke), else the type's preferred metric it
 * reports, else its first metric. Pure: the chart and its unit test call it alike.
 */
export function primaryMetric(device: Pick<Device, 'type' | 'metrics'>, activeAlarmRuleMetrics: readonly (string | null)[]): string {
  for (const m of activeAlarmRuleMetrics) if (m && device.metrics.includes(m)) return m;
  for (const m of PREFERRED[device.type] ?? []) if (device.metrics.includes(m)) return m;
  return device.metrics[0];
}
