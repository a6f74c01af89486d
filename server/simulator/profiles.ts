import { clampToRange, type Device } from '../../models';
import { DEFAULT_TIME_ZONE } from '../../models/compound';
import { zoneOffsetMs } from '../../models/zoneTime';
import { hashString, type Rand } from './seeded';

export type { Rand } from './seeded';

const DAY = 86_400_000;

/**
 * The offset of `zone` from UTC at `t`, remembered for the hour `t` falls in: the simulator asks for thousands of
 * devices at the same few instants, and Intl is slow. (Zone offsets change on whole UTC hours or half hours;
 * a half-hour change is off for at most half an hour of simulated profile.)
 */
const offsetMemo = new Map<string, { hour: number; offset: number }>();
function offsetAt(t: number, zone: string): number {
  const hour = Math.floor(t / 3_600_000);
  const m = offsetMemo.get(zone);
  if (m && m.hour === hour) return m.offset;
  const offset = zoneOffsetMs(hour * 3_600_000, zone);
  offsetMemo.set(zone, { hour, offset });
  return offset;
}

/** Hour of day in the compound's time zone as a fraction (0..24): the daily profiles follow its clock. */
export const localHour = (t: number, zone: string = DEFAULT_TIME_ZONE): number => ((((t + offsetAt(t, zone)) / 3_600_000) % 24) + 24) % 24;
/** Saturday or Sunday in the compound's time zone (1970-01-01 was a Thursday). */
export const isWeekend = (t: number, zone: string = DEFAULT_TIME_ZONE): boolean => {
  const dow = (((Math.floor((t + offsetAt(t, zone)) / DAY) + 4) % 7) + 7) % 7;
  return dow === 0 || dow === 6;
};

const bump = (h: number, centre: number, width: number): number => Math.exp(-((h - centre) ** 2) / (2 * width * width));

/** Household electricity in kW: low at night, a breakfast bump and a big evening peak (weekends: a later, longer morning). */
export const householdKw = (h: number, weekend = false): number =>
  weekend
    ? 0.12 + 0.35 * bump(h, 9, 1.3) + 0.4 * bump(h, 12.5, 1.5) + 1.1 * bump(h, 20, 1.8)
    : 0.12 + 0.45 * bump(h, 7.5, 1) + 0.25 * bump(h, 12.5, 1.2) + 1.1 * bump(h, 20, 1.8);
/** Household water in m³/h: morning and evening peaks (~0.3 m³ a day; weekends: the morning peak later). */
export const householdWaterM3h = (h: number, weekend = false): number =>
  0.002 + 0.035 * bump(h, weekend ? 9 : 7.3, weekend ? 1.3 : 0.9) + 0.02 * bump(h, 12, 1) + 0.04 * bump(h, 20, 1.5);
/** Access-gate passes per minute for a unit of `households`: commute peaks. */
export const passesPerMin = (h: number, households: number): number =>
  (households / 12) * (0.05 + 0.9 * bump(h, 7.6, 0.7) + 0.8 * bump(h, 18.3, 1) + 0.2 * bump(h, 12, 2));
/** Smoke-detector battery: drains over two years, the last 0.5 % of that below 20 %, then it is replaced. */
export const batteryPct = (deviceId: string, t: number): number => {
  const phase = (((t / (730 * DAY) + hashOf(deviceId)) % 1) + 1) % 1;
  return phase < 0.995 ? 100 - (80 * phase) / 0.995 : 20 - (6 * (phase - 0.995)) / 0.005;
};
const poisson = (lambda: number, rand: Rand): number => {
  let k = 0;
  let p = Math.exp(-lambda);
  let s = p;
  const u = rand();
  while (u > s && k < 200) {
    k++;
    p *= lambda / k;
    s += p;
  }
  return k;
};

export interface SimContext {
  /** Noise for this one reading (the simulator seeds it from seed, device and time). */
  rand: Rand;
  /** One household water meter leaks slowly (always on). */
  leakingMeter: string | null;
  /** The compound's IANA time zone (`compound.timeZone`): whose morning and evening the profiles follow. */
  timeZone?: string;
}

/**
 * The readings one device reports at `t` for the `intervalS` that just ended, in normal operation: [metric, value][].
 * Kept inside each metric's plausible range, or ingest would reject them (an imported building with
 * thousands of households would otherwise draw more than a building meter can read).
 */
export function readingsFor(d: Device, t: number, intervalS: number, ctx: SimContext): [string, number][] {
  return profileReadings(d, t, intervalS, ctx).map(([metric, value]) => [metric, clampToRange(metric, value)]);
}

function profileReadings(d: Device, t: number, intervalS: number, ctx: SimContext): [string, number][] {
  const h = localHour(t, ctx.timeZone);
  const weekend = isWeekend(t, ctx.timeZone);
  const r = ctx.rand;
  const hours = intervalS / 3600;
  const noise = (x: number, f = 0.15) => Math.max(0, x * (1 + (r() - 0.5) * 2 * f));
  switch (d.type) {
    case 'electric_meter': {
      const kw = noise(householdKw(h, weekend) * Math.max(1, d.households ?? 1) * (d.households === 1 ? 0.6 + r() * 0.8 : 1), d.households === 1 ? 0.4 : 0.08);
      return [
        ['energy_kwh', round(kw * hours, 4)],
        ['power_kw', round(kw, 3)],
      ];
    }
    case 'public_meter': {
      const kw = noise(1.5 + (h < 6 || h > 18 ? 2.5 : 0.8) + 3 * bump(h, 8, 1.5) + 3 * bump(h, 19, 2), 0.1);
      return [
        ['energy_kwh', round(kw * hours, 4)],
        ['power_kw', round(kw, 3)],
      ];
    }
    case 'water_meter': {
      let m3h = noise(householdWaterM3h(h, weekend) * Math.max(1, d.households ?? 1), 0.3);
      if (d.id === ctx.leakingMeter) m3h += 0.012;
      return [['water_m3', round(m3h * hours, 5)]];
    }
    case 'hydrant_pressure':
      // Evening demand pulls the mains down a little; dips below 0.15 MPa are episodes.
      return [['pressure_mpa', round(0.32 + (r() - 0.5) * 0.04 - 0.03 * bump(h, 19, 2), 3)]];
    case 'smoke_detector':
      return [
        ['smoke', 0],
        ['smoke_obscuration', round(r() * 0.3, 2)],
        ['battery_pct', round(batteryPct(d.id, t), 1)],
      ];
    case 'access_gate':
      // Someone passing at the moment of the report; a door held open for minutes is an episode.
      return [
        ['passes', poisson(passesPerMin(h, 12) * (intervalS / 60), r)],
        ['door_open', r() < 0.03 ? 1 : 0],
      ];
    case 'electronic_fence':
      return [['breach', 0]];
    case 'elderly_sensor':
      return [
        ['motion', h > 6.5 && h < 22.5 ? (r() < 0.7 ? 1 : 0) : r() < 0.08 ? 1 : 0],
        ['heartbeat', 1],
      ];
    case 'ebike_charger': {
      const charging = r() < 0.1 + 0.6 * bump(h, 21, 2) ? 1 : 0;
      const kw = charging ? 0.2 + r() * 0.5 : 0;
      return [
        ['charging', charging],
        ['power_kw', round(kw, 3)],
        ['energy_kwh', round(kw * hours, 4)],
      ];
    }
    case 'parking_gate':
      return [
        ['vehicles', poisson((0.1 + 2 * bump(h, 7.8, 0.8) + 2 * bump(h, 18.5, 1)) * (intervalS / 60), r)],
        ['online', 1],
      ];
    case 'health_kiosk':
      return [
        ['visits', h > 8 && h < 18 ? poisson(0.5 * (intervalS / 300), r) : 0],
        ['online', 1],
      ];
    case 'env_sensor':
      return [
        ['temperature_c', round(12 + 6 * Math.sin(((h - 9) / 24) * 2 * Math.PI) + (r() - 0.5), 1)],
        ['humidity_pct', round(70 - 15 * Math.sin(((h - 9) / 24) * 2 * Math.PI) + (r() - 0.5) * 4, 1)],
        ['pm25', round(45 + 25 * bump(h, 8, 2) + (r() - 0.5) * 10, 0)],
        ['noise_db', round(42 + 14 * bump(h, 12, 5) + (r() - 0.5) * 4, 1)],
      ];
    case 'broadcast_speaker':
      return [
        ['online', 1],
        ['volume_db', 0],
      ];
    default:
      return [['online', 1]];
  }
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** A stable number in [0, 1) from a string (for per-device phases). */
export function hashOf(s: string): number {
  return hashString(s) / 2 ** 32;
}
