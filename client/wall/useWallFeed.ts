import { useEffect } from 'react';
import { CompoundSchema } from '../../models/compound';
import { describeIssues } from '../../models/validation';
import { api } from '../live/api';
import { startLiveFeed } from '../live/startLiveFeed';
import { applyDeviceStates } from '../stores/liveStore';
import { useOpsStore } from '../stores/useOpsStore';
import { useTwinStore } from '../stores/useTwinStore';

const RETRY_MS = 5_000;
/** A link that stays down this long gets a brand-new socket (socket.io stops retrying after a server-side disconnect). */
const RESTART_AFTER_MS = 30_000;
const WATCH_MS = 5_000;

/**
 * The wall's data: the compound and device states once (retried until the server answers), then the
 * live feed, restarted by a watchdog whenever it stays down. Figures already on screen are kept
 * while it is down (the stale watermark says so); nothing is reloaded.
 */
export function useWallFeed(compoundId: string, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    let stopFeed: (() => void) | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let watchdog: ReturnType<typeof setInterval> | null = null;
    let alive = true;
    const ctrl = new AbortController();
    let downSince: number | null = null;

    const startFeed = () => {
      stopFeed?.();
      stopFeed = startLiveFeed(compoundId);
      downSince = null;
    };
    const watch = () => {
      if (useOpsStore.getState().connection === 'live') {
        downSince = null;
        return;
      }
      downSince ??= Date.now();
      if (Date.now() - downSince < RESTART_AFTER_MS) return;
      // a lapsed session shows here as 401, which signs the page out; the wall session hook trades the token again
      void api.me().catch(() => undefined);
      startFeed();
    };
    const load = () => {
      const twin = useTwinStore.getState();
      const fresh = twin.compound?.id !== compoundId;
      if (fresh) {
        twin.setLoading(compoundId);
        useOpsStore.getState().reset();
      }
      api
        .twin(compoundId, ctrl.signal)
        .then((doc) => {
          if (!alive) return;
          const parsed = CompoundSchema.safeParse(doc.compound);
          if (!parsed.success) throw new Error(describeIssues(`compound ${compoundId}`, parsed.error, 5));
          applyDeviceStates(doc.devices);
          if (useTwinStore.getState().compound?.id !== compoundId) useTwinStore.getState().setCompound(parsed.data);
          startFeed();
          watchdog = setInterval(watch, WATCH_MS);
          api.kpis(compoundId).then((k) => useOpsStore.getState().kpis ?? useOpsStore.getState().setKpis(k), () => undefined);
        })
        .catch((err: unknown) => {
          if (!alive) return;
          console.warn(`[wall] loading ${compoundId} failed, retrying: ${err instanceof Error ? err.message : String(err)}`);
          retry = setTimeout(load, RETRY_MS);
        });
    };
    load();
    return () => {
      alive = false;
      ctrl.abort();
      if (retry) clearTimeout(retry);
      if (watchdog) clearInterval(watchdog);
      stopFeed?.();
    };
  }, [compoundId, enabled]);
}
