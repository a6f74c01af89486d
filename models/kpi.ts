import type { Severity } from './alarm';

/** Headline figures for a compound, as the KPI bar and wall display show them. */
export interface Kpis {
  at: number;
  devicesTotal: number;
  devicesOnline: number;
  /** 0..100 */
  onlinePct: number;
  alarmsActive: Record<Severity, number>;
  alarmsUnacknowledged: number;
  alarmsToday: number;
  /** Median seconds from raise to acknowledge / clear over the last 7 days (null when none). */
  ackMedianS: number | null;
  clearMedianS: number | null;
  workOrdersOpen: number;
  workOrdersToday: number;
  workOrdersOverdue: number;
  energyTodayKwh: number;
  /** Yesterday up to the same time of day, for a fair comparison. */
  energyYesterdayKwh: number;
  waterTodayM3: number;
}
