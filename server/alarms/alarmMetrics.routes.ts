import { z } from 'zod';
import type { Db } from '../db/db';
import { ALARM_METRIC_TARGETS, METRICS_WINDOWS, METRICS_WINDOW_NAMES, type AlarmMetrics, type MetricsWindow } from '../../models';
import { ackMedianMin, annunciationFigures, PERIOD_MS } from '../db/alarmMetrics.repo';
import type { Twins } from '../live/twins';
import { HttpError } from '../http/errors';
import { pathCompound, type PolicyDeps } from '../http/policy';
import { secureRouter } from '../http/secureRouter';
import { householdMask } from '../security/householdMask';

const WINDOW_NAMES = METRICS_WINDOW_NAMES;

export const AlarmMetricsQuerySchema = z.object({
  window: z.enum(WINDOW_NAMES as [MetricsWindow, ...MetricsWindow[]]).optional().describe('the window ending now (default 24h)'),
});

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
    if (typeof asked !== 'string' || !Object.hasOwn(METRICS_WINDOWS, asked)) {
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
