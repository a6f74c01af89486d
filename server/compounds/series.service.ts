import { SeriesQuerySchema, type AlarmRule, type Device, type Series, type SeriesRuleRef, type SeriesThreshold } from '../../models';
import type { Db } from '../db/db';
import { querySeries } from '../db/readings.repo';
import type { CompoundRegistry } from './registry';
import { HttpError, parseOr400 } from '../http/errors';
import { isHouseholdDevice } from '../security/householdMask';

const HOUR = 3_600_000;
const MAX_POINTS = 5_000;
type Bucket = 'raw' | '1m' | '5m' | '15m' | '1h' | '1d';
const BUCKET_MS: Record<Bucket, number> = { raw: 0, '1m': 60_000, '5m': 300_000, '15m': 900_000, '1h': HOUR, '1d': 24 * HOUR };

/** Picks a bucket that keeps a chart to a few hundred points, preferring the continuous aggregates. */
export function defaultBucket(spanMs: number): Bucket {
  if (spanMs <= 3 * HOUR) return 'raw';
  if (spanMs <= 12 * HOUR) return '5m';
  if (spanMs <= 36 * HOUR) return '15m';
  if (spanMs <= 40 * 24 * HOUR) return '1h';
  return '1d';
}

/** The rules the alarm engine applies to `device`: its type's, less `aggregate` rules on a household's device. */
export function rulesForDevice(rules: readonly AlarmRule[], device: Device): AlarmRule[] {
  let household: boolean | undefined;
  return rules.filter((r) => r.deviceType === device.type && (r.appliesTo !== 'aggregate' || !(household ??= isHouseholdDevice(device))));
}

/** Threshold lines for a chart of `metric` on `device`, lowest value first, and every applying rule with its metric. */
export function seriesRules(rules: readonly AlarmRule[], device: Device, metric: string): { thresholds: SeriesThreshold[]; rules: SeriesRuleRef[] } {
  const mine = rulesForDevice(rules, device);
  const thresholds = mine
    .flatMap((r) => (r.kind === 'threshold' && r.metric === metric ? [{ ruleId: r.id, op: r.op, value: r.value, severity: r.severity }] : []))
    .sort((a, b) => a.value - b.value);
  return { thresholds, rules: mine.map((r) => ({ ruleId: r.id, metric: 'metric' in r ? r.metric : null })) };
}

/** One device's history for a chart: validates the query, then reads raw rows or an aggregate, with the rules that draw on it. */
export async function deviceSeries(
  db: Db,
  registry: CompoundRegistry,
  deviceId: string,
  query: unknown,
  rules: readonly AlarmRule[] = [],
  now = Date.now(),
): Promise<Series> {
  const device = registry.device(deviceId);
  if (!device) throw new HttpError(404, `device "${deviceId}" not found`);
  // Query strings carry epoch milliseconds as text.
  const raw = { ...(query as Record<string, unknown>) };
  for (const k of ['from', 'to']) if (typeof raw[k] === 'string' && /^\d+$/.test(raw[k])) raw[k] = Number(raw[k]);
  const q = parseOr400(SeriesQuerySchema, raw, 'query');
  if (!device.metrics.includes(q.metric))
    throw new HttpError(400, `metric: device "${deviceId}" does not report "${q.metric}" (it reports ${device.metrics.join(', ')})`);
  const to = q.to ?? now;
  const from = q.from ?? to - 24 * HOUR;
  if (!(from < to)) throw new HttpError(400, 'from: must be before to');
  if (to - from > 400 * 24 * HOUR) throw new HttpError(400, 'from: the window may span at most 400 days');
  const bucket = q.bucket ?? defaultBucket(to - from);
  const bms = BUCKET_MS[bucket];
  if (bms === 0 ? to - from > 7 * 24 * HOUR : (to - from) / bms > MAX_POINTS) {
    throw new HttpError(400, `bucket: "${bucket}" over this window gives too many points; use a coarser bucket`);
  }
  const zone = registry.get(registry.compoundOfDevice(deviceId) ?? '')?.doc.timeZone;
  const points = await querySeries(db, deviceId, q.metric, from, to, bucket, zone);
  return {
    deviceId,
    metric: q.metric,
    bucket,
    from,
    to,
    source: bucket === '1h' ? 'hourly' : bucket === '1d' ? 'daily' : 'raw',
    points,
    ...seriesRules(rules, device, q.metric),
  };
}
