import type { Alarm, Severity } from '../../models/alarm';
import { METRICS } from '../../models/metrics';
import type { SeriesPoint } from '../../models/reading';
import { zoneOffsetMs } from '../../models/zoneTime';

/**
 * The device chart's data, apart from ECharts: which kind of chart a metric gets, the points with gaps
 * where the device was silent, a y-axis fitted to the data (and near thresholds), alarm periods as
 * bands, live readings appended in place. Pure, so node tests check it.
 *
 * Times on the chart are "zone wall time": epoch ms shifted by the compound's zone offset, drawn by
 * ECharts in UTC (`useUTC`). Its ticks then fall on the compound's midnights and hours, whatever the
 * browser's zone; format them back with formatInZone(x, 'UTC', …).
 */

export type ChartKind = 'bars' | 'step' | 'line';

/** Consumption and counts (agg sum) as bars; on/off states (0 or 1) as steps; levels as a line with a min–max band. */
export function chartKind(metric: string): ChartKind {
  const d = METRICS[metric];
  if (!d) return 'line';
  if (d.agg === 'sum') return 'bars';
  if (d.range.integer && d.range.min === 0 && d.range.max === 1) return 'step';
  return 'line';
}

const BUCKET_MS: Record<string, number> = { raw: 0, '1m': 60_000, '5m': 300_000, '15m': 900_000, '1h': 3_600_000, '1d': 86_400_000 };

/** The spacing of consecutive points: the bucket, or the device's reading interval if that is longer. */
export function pointWidthMs(bucket: string, intervalS: number): number {
  return Math.max(BUCKET_MS[bucket] ?? 0, intervalS * 1000, 1000);
}

/** An epoch time as the chart's x (zone wall time, see above). */
export function chartTime(ms: number, zone: string | undefined): number {
  return ms + zoneOffsetMs(ms, zone);
}

/** One point as drawn: its value (avg, sum, or the on/off state) and the min–max around it. */
export interface Row {
  x: number;
  v: number;
  lo: number;
  hi: number;
}

/** The drawn data: rows with null where a gap breaks the line, and the arrays ECharts reads (mutated in place by live readings). */
export interface ChartModel {
  kind: ChartKind;
  widthMs: number;
  rows: (Row | null)[];
  /** [x, value] — the average / sum / state. */
  main: [number, number | null][];
  /** Line kind only: [x, min] and [x, max − min], stacked into the band. */
  base: [number, number | null][];
  band: [number, number | null][];
  /** Epoch ms of the latest point (stored or live): live readings older than it are not appended. */
  lastTs: number;
}

function rowOf(p: SeriesPoint, kind: ChartKind, metric: string, x: number): Row {
  if (kind === 'bars') return { x, v: p.sum, lo: p.sum, hi: p.sum };
  if (kind === 'step') {
    // an on/off state per bucket: `max` metrics (smoke, door) were on if ever on; `avg` ones (online) off if ever off
    const v = METRICS[metric]?.agg === 'avg' ? p.min : p.max;
    return { x, v, lo: v, hi: v };
  }
  return { x, v: p.avg, lo: p.min, hi: p.max };
}

function push(m: ChartModel, r: Row | null, gapX: number): void {
  m.rows.push(r);
  const x = r ? r.x : gapX;
  m.main.push([x, r ? r.v : null]);
  if (m.kind === 'line') {
    m.base.push([x, r ? r.lo : null]);
    m.band.push([x, r ? r.hi - r.lo : null]);
  }
}

/** The median distance between consecutive points (0 with fewer than two). */
export function medianSpacing(points: readonly { t: number }[]): number {
  if (points.length < 2) return 0;
  const d: number[] = [];
  for (let i = 1; i < points.length; i++) d.push(points[i].t - points[i - 1].t);
  d.sort((a, b) => a - b);
  return d[Math.floor(d.length / 2)];
}

/** Whether a row stands alone between gaps (or the ends): drawn as a dot, since a line needs two points. */
export function isolated(rows: readonly (Row | null)[], i: number): boolean {
  return rows[i] !== null && (i === 0 || rows[i - 1] === null) && (i === rows.length - 1 || rows[i + 1] === null);
}

/** Whether two consecutive points are further apart than the device could be silent without being offline. */
export function isGap(prevTs: number, ts: number, widthMs: number): boolean {
  return ts - prevTs > 2 * widthMs;
}

/**
 * The chart's rows from a series: a null row (breaking the line) wherever consecutive points are more
 * than two widths apart (the bucket, the device's interval or the data's median spacing, the largest), so an offline period is drawn as a gap, never bridged. Bars need no breaks.
 */
export function buildModel(points: readonly SeriesPoint[], metric: string, bucketWidthMs: number, zone: string | undefined): ChartModel {
  const kind = chartKind(metric);
  // the data's own cadence counts too: history kept at one sample an hour is not "offline" between samples
  const widthMs = Math.max(bucketWidthMs, medianSpacing(points));
  const m: ChartModel = { kind, widthMs, rows: [], main: [], base: [], band: [], lastTs: -Infinity };
  let prev: number | null = null;
  for (const p of points) {
    if (kind !== 'bars' && prev !== null && isGap(prev, p.t, widthMs)) push(m, null, chartTime(prev + widthMs, zone));
    push(m, rowOf(p, kind, metric, chartTime(p.t, zone)), 0);
    prev = p.t;
  }
  if (prev !== null) m.lastTs = prev;
  return m;
}

/**
 * A live reading appended in place: a point (after a gap if the device was silent) for lines and steps,
 * added to the last bar (or a new one) for consumption. Returns false when it is not newer than the data.
 */
export function appendLive(m: ChartModel, ts: number, value: number, zone: string | undefined): boolean {
  if (!Number.isFinite(value) || !(ts > m.lastTs)) return false;
  const x = chartTime(ts, zone);
  if (m.kind === 'bars') {
    const last = m.rows.length ? m.rows[m.rows.length - 1] : null;
    if (last && x < last.x + m.widthMs) {
      last.v += value;
      last.lo = last.hi = last.v;
      m.main[m.main.length - 1][1] = last.v;
    } else {
      const start = last ? last.x + Math.floor((x - last.x) / m.widthMs) * m.widthMs : x - (((x % m.widthMs) + m.widthMs) % m.widthMs);
      push(m, { x: start, v: value, lo: value, hi: value }, 0);
    }
  } else {
    if (Number.isFinite(m.lastTs) && isGap(m.lastTs, ts, m.widthMs)) push(m, null, chartTime(m.lastTs + m.widthMs, zone));
    push(m, { x, v: value, lo: value, hi: value }, 0);
  }
  m.lastTs = ts;
  return true;
}

/** The smallest of 1, 2, 2.5, 5 × 10ⁿ that is at least `x`. */
export function niceStep(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const f of [1, 2, 2.5, 5, 10]) if (f * p >= x * (1 - 1e-9)) return f * p;
  return 10 * p;
}

const clean = (v: number) => Number(v.toPrecision(12));

export interface Axis {
  min: number;
  max: number;
  interval: number;
}

/**
 * A y-axis fitted to the data, not pinned to zero: padded, on round steps, inside the metric's plausible
 * range, stretched to show a threshold that lies near the data (within the data's span, or half its level).
 * Bars stay zero-based; on/off states get 0…1.
 */
export function fitAxis(rows: readonly (Row | null)[], thresholds: readonly number[], kind: ChartKind, metric: string): Axis {
  if (kind === 'step') return { min: 0, max: 1, interval: 1 };
  const range = METRICS[metric]?.range ?? { min: -Infinity, max: Infinity };
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows) {
    if (!r) continue;
    if (r.lo < lo) lo = r.lo;
    if (r.hi > hi) hi = r.hi;
  }
  if (lo > hi) {
    // no data: the thresholds, or the metric's range
    lo = thresholds.length ? Math.min(...thresholds) : Number.isFinite(range.min) ? range.min : 0;
    hi = thresholds.length ? Math.max(...thresholds) : Number.isFinite(range.max) ? range.max : 1;
  }
  if (kind === 'bars') lo = Math.min(0, lo);
  const span = hi - lo;
  const reach = Math.max(span, Math.abs(hi) * 0.5, Math.abs(lo) * 0.5);
  for (const t of thresholds) {
    if (t >= lo - reach && t <= hi + reach) {
      lo = Math.min(lo, t);
      hi = Math.max(hi, t);
    }
  }
  let pad = (hi - lo) * 0.08;
  if (!(pad > 0)) pad = Math.abs(hi) * 0.1 || 1;
  let lo2 = kind === 'bars' && lo >= 0 ? 0 : lo - pad;
  let hi2 = hi + pad;
  // never below or above what the metric can be (a pressure axis does not go negative), unless the data does
  if (lo >= range.min) lo2 = Math.max(lo2, range.min);
  if (hi <= range.max) hi2 = Math.min(hi2, range.max);
  const step = niceStep((hi2 - lo2) / 4);
  return { min: clean(Math.floor(lo2 / step + 1e-9) * step), max: clean(Math.ceil(hi2 / step - 1e-9) * step), interval: clean(step) };
}

/** An alarm period on the chart (epoch ms). */
export interface Band {
  from: number;
  to: number;
  severity: Severity;
  ruleId: string;
  active: boolean;
}

/**
 * The device's alarms as periods on the chart of `metric`: raised → returned to normal (or cleared, or now
 * while active), clipped to the window, at least a visible sliver wide. With the rule → metric map known,
 * only alarms of this metric's rules and of the device as a whole (offline) are drawn.
 */
export function alarmBands(
  alarms: readonly Alarm[],
  ruleMetric: ReadonlyMap<string, string | null> | null,
  metric: string,
  from: number,
  to: number,
  now: number,
): Band[] {
  const minWidth = (to - from) / 120;
  const out: Band[] = [];
  for (const a of alarms) {
    if (ruleMetric) {
      const m = ruleMetric.get(a.ruleId);
      if (m !== undefined && m !== null && m !== metric) continue;
    }
    const end = a.returnedAt ?? a.clearedAt ?? (a.active ? now : a.lastAt);
    const s = Math.max(a.raisedAt, from);
    let e = Math.min(Math.max(end, a.raisedAt), Math.max(to, now));
    if (e < from || s > Math.max(to, now)) continue;
    if (e - s < minWidth) e = s + minWidth;
    out.push({ from: s, to: e, severity: a.severity, ruleId: a.ruleId, active: a.active });
  }
  return out.sort((x, y) => x.from - y.from);
}

export const OP_SIGN = { lt: '<', lte: '≤', gt: '>', gte: '≥' } as const;
