import type { ConnectionState } from '../stores/useOpsStore';

export interface FeedInput {
  connection: ConnectionState;
  /** Epoch ms of the last event from the server (0: none yet). */
  lastEventAt: number;
  /** Epoch ms when the link last went down (null while it is up). */
  downSince: number | null;
  /** Epoch ms the page started (stands in for lastEventAt before anything arrived). */
  startedAt: number;
}

export interface FeedVerdict {
  stale: boolean;
  reason: 'down' | 'quiet' | null;
  /** Epoch ms since when the screen shows old data. */
  since: number;
}

/**
 * Whether the wall's figures can still be trusted: stale when the link has been down longer than
 * `downMs`, or when nothing at all arrived for `quietMs` although the link is up.
 */
export function feedHealth(now: number, f: FeedInput, opts: { downMs: number; quietMs: number }): FeedVerdict {
  const since = f.lastEventAt || f.startedAt;
  if (f.connection !== 'live') {
    const down = f.downSince ?? f.startedAt;
    if (now - down >= opts.downMs) return { stale: true, reason: 'down', since };
    return { stale: false, reason: null, since };
  }
  if (now - since >= opts.quietMs) return { stale: true, reason: 'quiet', since };
  return { stale: false, reason: null, since };
}
