import type { TimelineEvent } from '../../models/replay';
import { zoneParts } from '../../models/zoneTime';

/** How far back the scrubber reaches. */
export const REPLAY_RANGES = { '24h': 86_400_000, '7d': 7 * 86_400_000 } as const;
export type ReplayRange = keyof typeof REPLAY_RANGES;
/** Replay speeds: model seconds per real second. */
export const REPLAY_SPEEDS = [60, 600] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

/** The scrubber's window ending at `now` (to the minute, so marks and requests stay put while it is open). */
export function replayWindow(range: ReplayRange, now: number): { from: number; to: number } {
  const to = Math.ceil(now / 60_000) * 60_000;
  return { from: to - REPLAY_RANGES[range], to };
}

/** Position of `t` on the track, 0 (from) .. 1 (to). */
export function timeToFraction(t: number, from: number, to: number): number {
  if (!(to > from)) return 1;
  return Math.min(1, Math.max(0, (t - from) / (to - from)));
}

/** The moment at a track position, snapped to `stepMs` and kept inside the window. */
export function fractionToTime(f: number, from: number, to: number, stepMs = 1_000): number {
  const x = Math.min(1, Math.max(0, f));
  const t = from + x * (to - from);
  return Math.min(to, Math.max(from, Math.round(t / stepMs) * stepMs));
}

/** Playback: the moment after `dtMs` of real time at `speed`×, and whether it reached the end. */
export function advance(t: number, speed: number, dtMs: number, to: number): { t: number; ended: boolean } {
  const next = t + speed * Math.max(0, dtMs);
  return next >= to ? { t: to, ended: true } : { t: next, ended: false };
}

/** A mark on the scrubber: its place, the colour class and what it says on hover. */
export interface TimelineMark {
  at: number;
  kind: 'raise' | 'clear' | 'workorder' | 'broadcast';
  severity: string;
  label: string;
  t: number;
  /** Events folded into this mark (one per track pixel column at most). */
  count: number;
}

/** Timeline events as marks, at most one per kind per `px`-wide column (the most severe wins) so a busy week stays readable. */
export function timelineMarks(events: readonly TimelineEvent[], from: number, to: number, widthPx: number, px = 3): TimelineMark[] {
  const cols = Math.max(1, Math.floor(widthPx / px));
  const rank: Record<string, number> = { critical: 0, urgent: 0, major: 1, high: 1, minor: 2, normal: 2, warning: 3, low: 3 };
  const byKey = new Map<string, TimelineMark>();
  for (const e of events) {
    if (e.t < from || e.t > to) continue;
    const kind: TimelineMark['kind'] =
      e.kind === 'workorder' ? 'workorder' : e.kind === 'broadcast' || e.kind === 'command' ? 'broadcast' : e.action === 'raised' ? 'raise' : 'clear';
    const col = Math.min(cols - 1, Math.floor(timeToFraction(e.t, from, to) * cols));
    const key = `${kind}:${col}`;
    const cur = byKey.get(key);
    if (!cur) byKey.set(key, { at: (col + 0.5) / cols, kind, severity: e.severity, label: e.label, t: e.t, count: 1 });
    else {
      cur.count++;
      if ((rank[e.severity] ?? 9) < (rank[cur.severity] ?? 9)) Object.assign(cur, { severity: e.severity, label: e.label, t: e.t });
    }
  }
  return [...byKey.values()].sort((a, b) => a.at - b.at);
}

/** "11-21 14:32:05" (or "11-21 14:32" without seconds) in the compound's time zone, never the browser's. */
export function formatReplayTime(t: number, zone: string | undefined, seconds = true): string {
  const d = zoneParts(t, zone);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.month)}-${p(d.day)} ${p(d.hour)}:${p(d.minute)}${seconds ? `:${p(d.second)}` : ''}`;
}
