import { z } from 'zod';
import type { Severity } from './alarm';
import { ENERGY_METRICS, type EnergyMetric } from './energy';
import { zoneOffsetMs } from './zoneTime';

// The wall's trend charts. Hours are the compound's own local hours (compound.timeZone): a bucket starts
// on a local hour boundary, and "today" / "yesterday" are the compound's calendar days.

/** Query of GET /compounds/:id/energy/hourly. */
export const EnergyHourlyQuerySchema = z.strictObject({
  metric: z.enum(ENERGY_METRICS).default('energy_kwh'),
});
export type EnergyHourlyQuery = z.infer<typeof EnergyHourlyQuerySchema>;

/** One local calendar day by hour: `values[i]` is the use in [from + i h, from + (i + 1) h); null: no reading in that hour. */
export interface HourlyDay {
  /** Local midnight (epoch ms). */
  from: number;
  /** The next local midnight (23 or 25 hours later on a DST change). */
  to: number;
  /** Today: up to and including the current (partial) hour; yesterday: every hour of the day. */
  values: (number | null)[];
}

/** The answer of GET /api/v1/compounds/:id/energy/hourly: the compound's use by hour, today against yesterday. */
export interface EnergyHourly {
  compoundId: string;
  metric: EnergyMetric;
  unit: string;
  timeZone: string;
  /** When it was computed; today's last hour is partial up to here. */
  now: number;
  today: HourlyDay;
  yesterday: HourlyDay;
}

/** Query of GET /compounds/:id/alarm-metrics/hourly. */
export const AlarmHourlyQuerySchema = z.strictObject({
  days: z.coerce.number().int().min(1).max(30).default(7).describe('how many days of hours, ending with the current hour (default 7)'),
});
export type AlarmHourlyQuery = z.infer<typeof AlarmHourlyQuerySchema>;

/** The answer of GET /api/v1/compounds/:id/alarm-metrics/hourly: annunciations (raised or reactivated) per local hour, by severity. */
export interface AlarmHourly {
  compoundId: string;
  timeZone: string;
  /** First bucket's start: a local hour boundary, (days × 24 − 1) hours before the current hour. */
  from: number;
  /** End of the current hour. */
  to: number;
  /** Bucket starts (epoch ms), oldest first, one per hour. */
  hours: number[];
  /** Per severity, annunciations per bucket (same length as `hours`). */
  counts: Record<Severity, number[]>;
  /** Per severity, the whole window's annunciations. */
  totals: Record<Severity, number>;
}

const HOUR_MS = 3_600_000;

/** Start of the local hour containing `ms` in `zone` (a half-hour zone such as Asia/Kolkata starts hours at :30 UTC). */
export function startOfZoneHour(ms: number, zone: string | undefined): number {
  const off = zoneOffsetMs(ms, zone);
  return ms - ((((ms + off) % HOUR_MS) + HOUR_MS) % HOUR_MS);
}
