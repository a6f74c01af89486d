import { useEffect } from 'react';
import type { StateAt } from '../../models/replay';
import { api } from '../live/api';
import { beginResync, enterReplay, finishResync } from '../stores/liveGate';
import { resetDeviceStates, showReplayStatuses } from '../stores/liveStore';
import { useOpsStore } from '../stores/useOpsStore';
import { useReplayStore } from '../stores/useReplayStore';
import { overlayApi } from './overlayApi';
import { overlayFx } from './overlayFx';
import { advance } from './replayTime';
import { SeekScheduler } from './seekScheduler';

const DRAG_DEBOUNCE_MS = 120;
const PLAY_TICK_MS = 250;

/** Shows the twin as it was: device colours through the transient store (only changed ones repaint), alarms and orders in the ops store. */
function applyState(s: StateAt): void {
  showReplayStatuses(s.devices);
  useOpsStore.getState().showReplay(s.alarms, s.workOrders);
  useReplayStore.getState().shown(s.t);
  overlayFx.replayT = s.t;
}

/** Back to live: fetch the present (live deltas meanwhile are held by the gate), then apply what arrived. */
async function resyncLive(compoundId: string): Promise<void> {
  overlayFx.replayT = null;
  beginResync();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        const [doc, alarms, orders, kpis] = await Promise.all([
          api.twin(compoundId),
          overlayApi.alarms({ compoundId, state: 'open', limit: '1000' }),
          overlayApi.workOrders({ compoundId, status: 'active', limit: '1000' }),
          api.kpis(compoundId).catch(() => null),
        ]);
        resetDeviceStates(doc.devices);
        useOpsStore.getState().resync(alarms, orders, kpis);
        return;
      } catch (err) {
        if (attempt >= 2) throw err;
        await new Promise((r) => setTimeout(r, 1500));
      }
    }
  } catch (err) {
    console.warn(`[replay] resync failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    finishResync();
  }
}

/**
 * Runs history replay for the console: on entering, live deltas stop reaching the stores and the
 * timeline loads; each scrubber position (debounced, one request in flight) shows the state at that
 * moment; playback advances the moment; leaving resyncs with the present.
 */
export function useReplayDriver(compoundId: string): void {
  const active = useReplayStore((s) => s.active);
  const from = useReplayStore((s) => s.from);
  const to = useReplayStore((s) => s.to);

  useEffect(() => {
    if (!active) return;
    enterReplay();
    const store = useReplayStore.getState;
    const seeker = new SeekScheduler(
      (t) => {
        store().setLoading(true);
        return overlayApi.stateAt(compoundId, t);
      },
      (_t, s) => {
        applyState(s);
        store().setLoading(false);
      },
      DRAG_DEBOUNCE_MS,
      (err) => store().setLoading(false, err instanceof Error ? err.message : String(err)),
    );
    seeker.seek(store().t, true);
    const unsub = useReplayStore.subscribe((s, p) => {
      if (s.t !== p.t) seeker.seek(s.t, s.playing);
    });
    // playback: a few moves a second, each one a seek; a slow answer just skips positions
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      const dt = now - last;
      last = now;
      const s = store();
      if (!s.playing) return;
      const next = advance(s.t, s.speed, dt, s.to);
      s.seek(next.t);
      if (next.ended) s.setPlaying(false);
    }, PLAY_TICK_MS);
    return () => {
      clearInterval(timer);
      unsub();
      seeker.stop();
      void resyncLive(compoundId);
    };
  }, [active, compoundId]);

  useEffect(() => {
    if (!active || !(to > from)) return;
    const ctrl = new AbortController();
    overlayApi.timeline(compoundId, from, to, ctrl.signal).then(
      (tl) => useReplayStore.getState().setTimeline(tl),
      () => undefined,
    );
    return () => ctrl.abort();
  }, [active, compoundId, from, to]);
}
