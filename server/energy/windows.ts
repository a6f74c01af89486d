import type { EnergyQuery } from '../../models';
import { DEFAULT_TIME_ZONE } from '../../models/compound';
import { startOfZoneDay } from '../../models/zoneTime';
import { DAILY_AGGREGATE_ZONE } from '../db/schema.sql';
import { HttpError } from '../http/errors';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
const MAX_SPAN = 400 * DAY;

const mod = (a: number, m: number) => ((a % m) + m) % m;
/** Midnight, in the compound's time zone (`compound.timeZone`), of the day containing `t`. */
export const dayStart = (t: number, zone: string = DEFAULT_TIME_ZONE) => startOfZoneDay(t, zone);
const hourStart = (t: number) => t - mod(t, HOUR);
const ceilHour = (t: number) => (hourStart(t) === t ? t : hourStart(t) + HOUR);

export interface Range {
  from: number;
  to: number;
}
/** Where a slice of a window is read from: whole local days, whole hours, or the raw rows of a partial hour. */
export interface WindowPart extends Range {
  source: 'daily' | 'hourly' | 'raw';
}

/**
 * Splits [from, to) so that whole local days come from the daily aggregate, whole hours at the edges from the
 * hourly one, and only the partial hours at the very ends from raw rows: exact sums, few rows read.
 * Days from `dailyBefore` on are read hourly too: the newest days of the daily aggregate are not materialised
 * yet and would be recomputed from the hourly one on every query.
 * The daily aggregate's days are DAILY_AGGREGATE_ZONE days; a compound in another `zone` reads whole hours
 * instead (the hourly aggregate is zone-neutral), so its days start at its own midnight.
 */
export function splitWindow(from: number, to: number, dailyBefore = Infinity, zone: string = DEFAULT_TIME_ZONE): WindowPart[] {
  const parts: WindowPart[] = [];
  const edge = (a: number, b: number) => {
    if (a >= b) return;
    const h0 = ceilHour(a),
      h1 = hourStart(b);
    if (h0 >= h1) return void parts.push({ source: 'raw', from: a, to: b });
    if (a < h0) parts.push({ source: 'raw', from: a, to: h0 });
    parts.push({ source: 'hourly', from: h0, to: h1 });
    if (h1 < b) parts.push({ source: 'raw', from: h1, to: b });
  };
  const ds = (t: number) => dayStart(t, DAILY_AGGREGATE_ZONE);
  const d0 = ds(from) === from ? from : ds(ds(from) + DAY + 2 * HOUR);
  const d1 = Math.max(d0, Math.min(ds(to), Number.isFinite(dailyBefore) ? ds(dailyBefore) : Infinity));
  if (d0 < d1 && zone === DAILY_AGGREGATE_ZONE) {
    edge(from, d0);
    parts.push({ source: 'daily', from: d0, to: d1 });
    edge(d1, to);
  } else edge(from, to);
  return parts;
}

/** The window a query names, [from, to) in epoch ms; "today" starts at midnight in the compound's `zone`. */
export function resolveWindow(q: Pick<EnergyQuery, 'window' | 'from' | 'to'>, now: number, zone: string = DEFAULT_TIME_ZONE): Range {
  switch (q.window) {
    case 'today':
      return { from: dayStart(now, zone), to: now };
    case '24h':
      return { from: now - DAY, to: now };
    case '7d':
      return { from: now - 7 * DAY, to: now };
    case '30d':
      return { from: now - 30 * DAY, to: now };
    case 'custom': {
      const from = q.from!;
      const to = q.to ?? now;
      if (!(from < to)) throw new HttpError(400, 'from: must be before to');
      if (to - from > MAX_SPAN) throw new HttpError(400, 'from: a custom window may span at most 400 days');
      return { from, to };
    }
  }
}

/**
 * The windows a baseline averages: the same length, shifted back by the window's length — at least one day, so
 * "today so far" compares with the same hours of the previous days.
 */
export function baselineWindows(w: Range, periods: number): Range[] {
  const shift = Math.max(w.to - w.from, DAY);
  return Array.from({ length: periods }, (_, i) => ({ from: w.from - (i + 1) * shift, to: w.to - (i + 1) * shift }));
}
