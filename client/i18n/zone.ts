import { DEFAULT_TIME_ZONE } from '../../models/compound';
import { zoneOffsetMs, zoneParts } from '../../models/zoneTime';
import { useTwinStore } from '../stores/useTwinStore';

/**
 * The loaded compound's time zone (`compound.timeZone`): every time the console writes and every day it counts is
 * in it — never the browser's zone, never a fixed +8 h. Read at call time, so formatters need no React state.
 */
export function compoundZone(): string {
  return useTwinStore.getState().compound?.timeZone ?? DEFAULT_TIME_ZONE;
}

export type StampStyle = 'hm' | 'hms' | 'md-hm' | 'md-hms' | 'ymd-hm' | 'ymd-hms';

const p2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * A numeric stamp of `ms` in `zone` ("2026-11-28 14:05:09", "11-28 14:05", "14:05"): the same in both languages,
 * for clocks, lists and report headers. Language-dependent dates go through formatInZone.
 */
export function zoneStamp(ms: number, style: StampStyle, zone: string = compoundZone()): string {
  if (!Number.isFinite(ms)) return '—';
  const z = zoneParts(ms, zone);
  const hm = `${p2(z.hour)}:${p2(z.minute)}`;
  const clock = style.endsWith('hms') ? `${hm}:${p2(z.second)}` : hm;
  if (style === 'hm' || style === 'hms') return clock;
  const md = `${p2(z.month)}-${p2(z.day)}`;
  return style.startsWith('ymd') ? `${z.year}-${md} ${clock}` : `${md} ${clock}`;
}

/**
 * A `<input type="datetime-local">` value ("2026-11-28T14:05") for `ms` in `zone`, and back. The browser's own
 * zone plays no part: the inputs read and write the compound's wall clock.
 */
export function toZoneInput(ms: number | null, zone: string = compoundZone()): string {
  if (ms === null || !Number.isFinite(ms)) return '';
  const z = zoneParts(ms, zone);
  return `${z.year}-${p2(z.month)}-${p2(z.day)}T${p2(z.hour)}:${p2(z.minute)}`;
}

export function fromZoneInput(v: string, zone: string = compoundZone()): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(v);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  // the offset at the wall time read as UTC, corrected once with the offset at the instant found (DST edges)
  const guess = wall - zoneOffsetMs(wall, zone);
  return wall - zoneOffsetMs(guess, zone);
}
