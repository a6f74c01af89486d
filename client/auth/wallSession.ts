/** The wall token in the page's URL (`/wall?token=…`), if this is a wall page that has one. */
export function wallTokenOf(pathname: string, search: string): string | null {
  if (!/\/wall\/?$/.test(pathname)) return null;
  const t = new URLSearchParams(search).get('token');
  return t && t.length >= 8 && t.length <= 200 ? t : null;
}

/** The longest delay browsers honour for setTimeout (~24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * When an unattended wall should renew its session: a minute before it ends, never sooner than
 * 10 s from now, capped to what a timer can hold (it simply renews earlier then).
 */
export function renewDelay(expiresAt: number, now: number): number {
  return Math.min(MAX_TIMER_MS, Math.max(10_000, expiresAt - now - 60_000));
}
