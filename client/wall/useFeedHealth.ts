import { useEffect, useState } from 'react';
import { liveStore } from '../stores/liveStore';
import { useOpsStore } from '../stores/useOpsStore';
import { feedHealth, type FeedVerdict } from './feedHealth';

/** Checks once a second whether the wall's data is stale (link down, or nothing arriving); renders only on a change. */
export function useFeedHealth(opts: { downS: number; quietS: number }): FeedVerdict {
  const [verdict, setVerdict] = useState<FeedVerdict>(() => ({ stale: false, reason: null, since: Date.now() }));
  const { downS, quietS } = opts;
  useEffect(() => {
    const startedAt = Date.now();
    let downSince: number | null = null;
    const check = () => {
      const now = Date.now();
      const connection = useOpsStore.getState().connection;
      if (connection === 'live') downSince = null;
      else downSince ??= now;
      const v = feedHealth(
        now,
        { connection, lastEventAt: liveStore.getState().lastEventAt, downSince, startedAt },
        { downMs: downS * 1000, quietMs: quietS * 1000 },
      );
      setVerdict((prev) => (prev.stale === v.stale && prev.reason === v.reason && (!v.stale || prev.since === v.since) ? prev : v));
    };
    check();
    const timer = setInterval(check, 1_000);
    return () => clearInterval(timer);
  }, [downS, quietS]);
  return verdict;
}
