/** Numbers on the wall: grouped digits, a fixed number of decimals. */
export const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** hh:mm of an epoch-ms time, local clock (what "stale since" shows). */
export function hhmm(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** A share as "98.2%". */
export const pct = (n: number): string => `${fmt(n, 1)}%`;
