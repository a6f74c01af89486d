import { useEffect } from 'react';
import type { DeviceState } from '../../models/reading';
import type { StateAt } from '../../models/replay';
import { api } from '../live/api';
import { beginResync, enterReplay, finishResync } from '../stores/liveGate';
import { clearValuesForReplay, liveStore, resetDeviceStates, showReplayReadings, showReplayStatuses } from '../stores/liveStore';
import { useOpsStore } from '../stores/useOpsStore';
import { useReplayStore } from '../stores/useReplayStore';
import { useUiStore } from '../stores/useUiStore';
import { overlayApi } from './overlayApi';
import { overlayFx } from './overlayFx';
import { advance } from './replayTime';
import { SeekScheduler } from './seekScheduler';

const DRAG_DEBOUNCE_MS = 120;
const PLAY_TICK_MS = 250;

/** The devices whose readings the replay shows: the one open in the device panel. */
function shownDevices(): string[] {
  const id = useUiStore.getState().selection.deviceId;
  return id ? [id] : [];
}

/**
 * Shows the twin as it was: device colours and the shown devices' readings through the transient store (only
 * changed ones repaint), alarms and orders in the ops store, the KPIs at that moment in the replay store.
 */
function applyState(s: StateAt, devices: readonly string[]): void {
  showReplayStatuses(s.devices);
  showReplayReadings(devices, s.readings);
  useOpsStore.getState().showReplay(s.alarms, s.workOrders);
  useReplayStore.getState().shown(s.t, s.kpis);
  useReplayStore.setState({ commands: s.commands ?? [] });
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
    // the live state as it was on entering: shown again the moment replay ends, until the resync brings the present
    const ops = useOpsStore.getState();
    const liveOps = { alarms: ops.alarms, workOrders: ops.workOrders };
    const liveDevices: DeviceState[] = [];
    for (const [deviceId, d] of liveStore.getState().devices) liveDevices.push({ deviceId, status: d.status, lastSeen: d.lastSeen, values: { ...d.values } });
    // no live number may pass for a past one: values are blank until the first answer brings those at the moment
    clearValuesForReplay();
    const store = useReplayStore.getState;
    // the devices each request asked for, so an answer writes the readings of those it carries
    const askedDevices = new Map<number, string[]>();
    const seeker = new SeekScheduler(
      (t) => {
        store().setLoading(true);
        const devices = shownDevices();
        askedDevices.set(t, devices);
        return overlayApi.stateAt(compoundId, t, devices);
      },
      (t, s) => {
        applyState(s, askedDevices.get(t) ?? []);
        askedDevices.clear();
        store().setLoading(false);
      },
      DRAG_DEBOUNCE_MS,
      (err) => store().setLoading(false, err instanceof Error ? err.message : String(err)),
    );
    seeker.seek(store().t, true);
    const unsub = useReplayStore.subscribe((s, p) => {
      if (s.t !== p.t) seeker.seek(s.t, s.playing);
    });
    // another device opened: its readings at the moment are fetched with the moment again
    const unsubSel = useUiStore.subscribe((s, p) => {
      if (s.selection.deviceId !== p.selection.deviceId && s.selection.deviceId) seeker.refresh();
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
      unsubSel();
      seeker.stop();
      // nothing of the past may linger unmarked: the live state of the entry at once, then the present
      resetDeviceStates(liveDevices);
      useOpsStore.getState().resync(liveOps.alarms, liveOps.workOrders, null);
      overlayFx.replayT = null;
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
