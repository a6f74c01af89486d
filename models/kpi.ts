import type { Severity } from './alarm';

/** Headline figures for a compound, as the KPI bar and wall display show them. */
export interface Kpis {
  at: number;
  devicesTotal: number;
  devicesOnline: number;
  /** 0..100 */
  onlinePct: number;
  /** In alarm and calling for attention (ISA-18.2 unack + ack), by severity: `countAlarms().active`. */
  alarmsActive: Record<Severity, number>;
  /** Unacknowledged, in alarm or returned (unack + rtn_unack), shelved and suppressed ones not counted. */
  alarmsUnacknowledged: number;
  /** Everything calling for attention (unack + ack + rtn_unack): the default alarm list's length. */
  alarmsAttention: number;
  /** Returned to normal, still unacknowledged. */
  alarmsReturnedUnack: number;
  alarmsShelved: number;
  /** Suppressed by design or out of service (recorded, not annunciated). */
  alarmsSuppressed: number;
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
