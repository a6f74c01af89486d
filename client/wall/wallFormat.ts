import { compoundZone, zoneStamp } from '../i18n/zone';
/** Numbers on the wall: grouped digits, a fixed number of decimals. */
export const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** hh:mm of an epoch-ms time on the compound's clock (what "stale since" shows). */
export function hhmm(ms: number, zone: string = compoundZone()): string {
  return zoneStamp(ms, 'hm', zone);
}

/** A share as "98.2%". */
export const pct = (n: number): string => `${fmt(n, 1)}%`;
