/** What a wall display is told by its URL: `/wall?compound=…&dwell=60&stop=14&stale=180&down=8&sound=off` (`token` is the sign-in gate's). */
export interface WallParams {
  /** Seconds the camera stays on an alarm before the patrol resumes. */
  dwellS: number;
  /** Seconds the patrol spends on each building. */
  stopS: number;
  /** Seconds without any event (while connected) before the data counts as stale. */
  quietS: number;
  /** Seconds the link may be down before the stale watermark shows. */
  downS: number;
  /** A chime when the patrol turns to a critical or major alarm (`sound=off` silences it). */
  sound: boolean;
}

export const WALL_DEFAULTS: WallParams = { dwellS: 60, stopS: 14, quietS: 180, downS: 8, sound: true };

function seconds(q: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = q.get(name);
  if (raw === null || raw.trim() === '') return fallback;
  const n = Number(raw);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

/** Reads the wall's settings from the query string, clamping nonsense to sane bounds. */
export function parseWallParams(search: string): WallParams {
  const q = new URLSearchParams(search);
  return {
    dwellS: seconds(q, 'dwell', WALL_DEFAULTS.dwellS, 1, 3600),
    stopS: seconds(q, 'stop', WALL_DEFAULTS.stopS, 2, 600),
    quietS: seconds(q, 'stale', WALL_DEFAULTS.quietS, 5, 86_400),
    downS: seconds(q, 'down', WALL_DEFAULTS.downS, 0, 600),
    sound: q.get('sound') !== 'off',
  };
}
