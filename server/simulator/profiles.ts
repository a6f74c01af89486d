import { clampToRange, type Device } from '../../models';

/** Deterministic-enough randomness per call; the simulator is realism, not a test oracle. */
export type Rand = () => number;

/** Hour of day in China Standard Time as a fraction (0..24). */
export const localHour = (t: number): number => (((t / 3_600_000 + 8) % 24) + 24) % 24;

const bump = (h: number, centre: number, width: number): number => Math.exp(-((h - centre) ** 2) / (2 * width * width));

/** Household electricity in kW: low at night, a breakfast bump and a big evening peak. */
export const householdKw = (h: number): number => 0.12 + 0.45 * bump(h, 7.5, 1) + 0.25 * bump(h, 12.5, 1.2) + 1.1 * bump(h, 20, 1.8);
/** Household water in m³/h: morning and evening peaks (~0.3 m³ a day). */
export const householdWaterM3h = (h: number): number => 0.002 + 0.035 * bump(h, 7.3, 0.9) + 0.02 * bump(h, 12, 1) + 0.04 * bump(h, 20, 1.5);
/** Access-gate passes per minute for a unit of `households`: commute peaks. */
export const passesPerMin = (h: number, households: number): number => (households / 12) * (0.05 + 0.9 * bump(h, 7.6, 0.7) + 0.8 * bump(h, 18.3, 1) + 0.2 * bump(h, 12, 2));
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
  rand: Rand;
  /** Hydrant ids currently in a pressure drop, until when. */
  drops: Map<string, number>;
  /** One household water meter leaks slowly (always on). */
  leakingMeter: string | null;
  /** Rare events on (off while backfilling history). */
  events: boolean;
}

/**
 * The readings one device reports at `t` for the `intervalS` that just ended: [metric, value][].
 * Kept inside each metric's plausible range, or ingest would reject them (an imported building with
 * thousands of households would otherwise draw more than a building meter can read).
 */
export function readingsFor(d: Device, t: number, intervalS: number, ctx: SimContext): [string, number][] {
  return profileReadings(d, t, intervalS, ctx).map(([metric, value]) => [metric, clampToRange(metric, value)]);
}

function profileReadings(d: Device, t: number, intervalS: number, ctx: SimContext): [string, number][] {
  const h = localHour(t);
  const r = ctx.rand;
  const hours = intervalS / 3600;
  const noise = (x: number, f = 0.15) => Math.max(0, x * (1 + (r() - 0.5) * 2 * f));
  switch (d.type) {
    case 'electric_meter': {
      const kw = noise(householdKw(h) * Math.max(1, d.households ?? 1) * (d.households === 1 ? 0.6 + r() * 0.8 : 1), d.households === 1 ? 0.4 : 0.08);
      return [['energy_kwh', round(kw * hours, 4)], ['power_kw', round(kw, 3)]];
    }
    case 'public_meter': {
      const kw = noise(1.5 + (h < 6 || h > 18 ? 2.5 : 0.8) + 3 * bump(h, 8, 1.5) + 3 * bump(h, 19, 2), 0.1);
      return [['energy_kwh', round(kw * hours, 4)], ['power_kw', round(kw, 3)]];
    }
    case 'water_meter': {
      let m3h = noise(householdWaterM3h(h) * Math.max(1, d.households ?? 1), 0.3);
      if (d.id === ctx.leakingMeter) m3h += 0.012;
      return [['water_m3', round(m3h * hours, 5)]];
    }
    case 'hydrant_pressure': {
      if (ctx.events && !ctx.drops.has(d.id) && r() < 1 / 40_000) ctx.drops.set(d.id, t + 120_000);
      const until = ctx.drops.get(d.id);
      if (until !== undefined && t > until) ctx.drops.delete(d.id);
      const p = until !== undefined && t <= until ? 0.06 + r() * 0.04 : 0.32 + (r() - 0.5) * 0.04 - 0.03 * bump(h, 19, 2);
      return [['pressure_mpa', round(p, 3)]];
    }
    case 'smoke_detector': {
      const smoke = ctx.events && r() < 1 / 200_000 ? 1 : 0;
      // Most batteries are healthy; about 1 % are nearly flat and need replacing.
      const hsh = hashOf(d.id);
      const battery = hsh < 0.01 ? 12 + hsh * 500 : 60 + hsh * 40 - ((t / 86_400_000) % 30) / 10;
      return [['smoke', smoke], ['smoke_obscuration', round(smoke ? 4 + r() * 3 : r() * 0.3, 2)], ['battery_pct', round(battery, 1)]];
    }
    case 'access_gate':
      return [['passes', poisson(passesPerMin(h, 12) * (intervalS / 60), r)], ['door_open', r() < 0.03 ? 1 : 0]];
    case 'electronic_fence':
      return [['breach', ctx.events && r() < 1 / 100_000 ? 1 : 0]];
    case 'elderly_sensor':
      return [['motion', h > 6.5 && h < 22.5 ? (r() < 0.7 ? 1 : 0) : r() < 0.08 ? 1 : 0], ['heartbeat', 1]];
    case 'ebike_charger': {
      const charging = r() < 0.1 + 0.6 * bump(h, 21, 2) ? 1 : 0;
      const kw = charging ? 0.2 + r() * 0.5 : 0;
      return [['charging', charging], ['power_kw', round(kw, 3)], ['energy_kwh', round(kw * hours, 4)]];
    }
    case 'parking_gate':
      return [['vehicles', poisson((0.1 + 2 * bump(h, 7.8, 0.8) + 2 * bump(h, 18.5, 1)) * (intervalS / 60), r)], ['online', 1]];
    case 'health_kiosk':
      return [['visits', h > 8 && h < 18 ? poisson(0.5 * (intervalS / 300), r) : 0], ['online', 1]];
    case 'env_sensor':
      return [
        ['temperature_c', round(12 + 6 * Math.sin(((h - 9) / 24) * 2 * Math.PI) + (r() - 0.5), 1)],
        ['humidity_pct', round(70 - 15 * Math.sin(((h - 9) / 24) * 2 * Math.PI) + (r() - 0.5) * 4, 1)],
        ['pm25', round(45 + 25 * bump(h, 8, 2) + (r() - 0.5) * 10, 0)],
        ['noise_db', round(42 + 14 * bump(h, 12, 5) + (r() - 0.5) * 4, 1)],
      ];
    case 'broadcast_speaker':
      return [['online', 1], ['volume_db', 0]];
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
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0) / 2 ** 32;
}
