import { z } from 'zod';
import type { Db } from '../db/db';
import { ackMedianMin, annunciationFigures, PERIOD_MS, type BadActor } from '../db/alarmMetrics.repo';
import type { Twins } from '../live/twins';
import { HttpError } from '../http/errors';
import { pathCompound, type PolicyDeps } from '../http/policy';
import { secureRouter } from '../http/secureRouter';
import { householdMask } from '../security/householdMask';

const HOUR = 3_600_000;
export const METRICS_WINDOWS = { '24h': 24 * HOUR, '7d': 7 * 24 * HOUR, '30d': 30 * 24 * HOUR } as const;
export type MetricsWindow = keyof typeof METRICS_WINDOWS;
const WINDOW_NAMES = Object.keys(METRICS_WINDOWS) as MetricsWindow[];

export const AlarmMetricsQuerySchema = z.object({
  window: z.enum(WINDOW_NAMES as [MetricsWindow, ...MetricsWindow[]]).optional().describe('the window ending now (default 24h)'),
});

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

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/** GET /compounds/:id/alarm-metrics: ISA-18.2 / EEMUA 191 alarm-system performance over 24 h, 7 d or 30 d. */
export function alarmMetricsRouter(db: Db, twins: Twins, deps: PolicyDeps) {
  const r = secureRouter(deps);
  // Aggregates, the same for everyone, but for the bad actors: for a masked caller the query itself counts
  // a household's device under its unit's aggregate (householdMask), so no flat's device id is ever read out.
  r.get('/compounds/:id/alarm-metrics', { gate: 'read', compound: pathCompound(), masked: 'same' }, async (req, _res, access): Promise<AlarmMetrics> => {
    const twin = twins.get(access.compoundId!);
    if (!twin) throw new HttpError(404, `compound "${access.compoundId}" not found`);
    const asked = req.query.window ?? '24h';
    if (typeof asked !== 'string' || !(asked in METRICS_WINDOWS)) {
      throw new HttpError(400, `window: "${String(asked).slice(0, 40)}" is not one of ${WINDOW_NAMES.join(', ')}`);
    }
    const window = asked as MetricsWindow;
    const to = Date.now();
    const from = to - METRICS_WINDOWS[window];
    const periods = METRICS_WINDOWS[window] / PERIOD_MS;
    const shownAs = access.masked ? householdMask(twin.entry.doc).aggOf : undefined;
    const [f, ack] = await Promise.all([annunciationFigures(db, twin.entry.doc.id, from, to, shownAs), ackMedianMin(db, twin.entry.doc.id, from, to)]);
    return {
      compoundId: twin.entry.doc.id,
      window,
      from,
      to,
      periods,
      alarmsRaised: f.raised,
      averageAlarmRatePer10Min: round(f.raised / periods, 2),
      peakAlarmRatePer10Min: f.peak,
      peakAt: f.peakAt,
      floodTimePct: round((100 * f.floodPeriods) / periods, 2),
      floodPeriods: f.floodPeriods,
      staleAlarms: f.stale,
      chatteringAlarms: f.chattering,
      topBadActors: f.badActors,
      // Rounded as the rating rounds its alarm_ack_median_min (the same function underneath).
      ackTimeMedianMin: ack.median === null ? null : round(ack.median, 1),
      targets: ALARM_METRIC_TARGETS,
    };
  });
  return r.router;
}
