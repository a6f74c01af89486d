import { z } from 'zod';
import type { Db } from '../db/db';
import {
  ALARM_METRIC_TARGETS,
  AlarmHourlyQuerySchema,
  METRICS_WINDOWS,
  METRICS_WINDOW_NAMES,
  SEVERITIES,
  startOfZoneHour,
  type AlarmHourly,
  type AlarmMetrics,
  type MetricsWindow,
  type Severity,
} from '../../models';
import { ackMedianMin, annunciationFigures, annunciationsByHour, PERIOD_MS } from '../db/alarmMetrics.repo';
import type { Twins } from '../live/twins';
import { HttpError, parseOr400 } from '../http/errors';
import { pathCompound, type PolicyDeps } from '../http/policy';
import { secureRouter } from '../http/secureRouter';
import { householdMask } from '../security/householdMask';
import { describeRoute } from '../openapi/describeRoute';

const WINDOW_NAMES = METRICS_WINDOW_NAMES;

export const AlarmMetricsQuerySchema = z.object({
  window: z
    .enum(WINDOW_NAMES as [MetricsWindow, ...MetricsWindow[]])
    .optional()
    .describe('the window ending now (default 24h)'),
});

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
const HOUR = 3_600_000;

describeRoute('get', '/api/v1/compounds/:id/alarm-metrics/hourly', {
  summary: "Annunciations per local hour by severity over the last days (the wall's alarm trend)",
  description:
    "Hours are the compound's own (its `timeZone`), oldest first, ending with the current hour. An annunciation is an alarm raised or reactivated, as in alarm-metrics. Counts only: the same for masked callers.",
  tags: ['alarms'],
  query: AlarmHourlyQuerySchema,
  responses: {
    200: {
      description: 'AlarmHourly: {compoundId, timeZone, from, to, hours[], counts: {critical[], major[], minor[], warning[]}, totals}',
      contentType: 'application/json',
    },
    400: 'days is not a whole number from 1 to 30, or an unknown parameter',
    404: 'compound not found',
  },
});

/** Per-hour, per-severity annunciation counts of a compound over `days` days of its local hours ending with the current one. */
export async function alarmHourly(db: Db, compoundId: string, zone: string, days: number, now = Date.now()): Promise<AlarmHourly> {
  const n = days * 24;
  const last = startOfZoneHour(now, zone);
  const from = last - (n - 1) * HOUR;
  const to = last + HOUR;
  const hours = Array.from({ length: n }, (_, i) => from + i * HOUR);
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, new Array<number>(n).fill(0)])) as Record<Severity, number[]>;
  const totals = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const row of await annunciationsByHour(db, compoundId, from, to)) {
    const i = Math.round((row.at - from) / HOUR);
    const sev = row.severity as Severity;
    if (!(sev in counts) || i < 0 || i >= n) continue;
    counts[sev][i] += row.n;
    totals[sev] += row.n;
  }
  return { compoundId, timeZone: zone, from, to, hours, counts, totals };
}

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
  // Counts per severity name no device at all: the same for masked callers (the wall).
  r.get('/compounds/:id/alarm-metrics/hourly', { gate: 'read', compound: pathCompound(), masked: 'same' }, async (req, _res, access): Promise<AlarmHourly> => {
    const twin = twins.get(access.compoundId!);
    if (!twin) throw new HttpError(404, `compound "${access.compoundId}" not found`);
    const q = parseOr400(AlarmHourlyQuerySchema, req.query, 'query');
    return alarmHourly(db, twin.entry.doc.id, twin.entry.doc.timeZone, q.days);
  });
  return r.router;
}
