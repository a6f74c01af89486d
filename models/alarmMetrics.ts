import type { Severity } from './alarm';

/** The windows `GET /compounds/:id/alarm-metrics?window=` accepts, each ending now. */
const HOUR = 3_600_000;
export const METRICS_WINDOWS = { '24h': 24 * HOUR, '7d': 7 * 24 * HOUR, '30d': 30 * 24 * HOUR } as const;
export type MetricsWindow = keyof typeof METRICS_WINDOWS;
export const METRICS_WINDOW_NAMES = Object.keys(METRICS_WINDOWS) as MetricsWindow[];

/**
 * Alarm-system performance targets, all "at most" figures. ANSI/ISA-18.2-2016 Table 5 (= IEC 62682; the
 * same figures as EEMUA 191): annunciated alarms per 10 min per operator ~1 "very likely acceptable", ~2
 * "maximum manageable"; at most 10 in any 10-minute period; flood (>10 in 10 min) under ~1 % of the time;
 * stale alarms (active > 24 h) fewer than 5 on any day; chattering alarms (ISA-TR18.2.5: 3 or more in
 * 1 min) zero. ISA-18.2 sets no acknowledgement time: ours is the example rubric's ops.ack (≤ 15 min).
 */
export const ALARM_METRIC_TARGETS = {
  averageAlarmRatePer10Min: 1,
  peakAlarmRatePer10Min: 10,
  floodTimePct: 1,
  staleAlarms: 4,
  chatteringAlarms: 0,
  ackTimeMedianMin: 15,
} as const;

/** One source of annunciations: a (device, rule) pair, or a household aggregate and rule for masked callers. */
export interface BadActor {
  deviceId: string;
  ruleId: string;
  deviceType: string;
  buildingId: string | null;
  severity: Severity;
  raises: number;
}

/** The answer of GET /api/v1/compounds/:id/alarm-metrics. */
export interface AlarmMetrics {
  compoundId: string;
  window: MetricsWindow;
  from: number;
  to: number;
  /** 10-minute periods in the window. */
  periods: number;
  alarmsRaised: number;
  averageAlarmRatePer10Min: number;
  peakAlarmRatePer10Min: number;
  peakAt: number | null;
  floodTimePct: number;
  floodPeriods: number;
  staleAlarms: number;
  chatteringAlarms: number;
  topBadActors: BadActor[];
  ackTimeMedianMin: number | null;
  targets: typeof ALARM_METRIC_TARGETS;
}
