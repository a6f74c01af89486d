import { create } from 'zustand';
import type { Point2 } from '../../models/geo';
import {
  FINAL_COMMAND_STATES,
  type BroadcastChannel,
  type BroadcastDetail,
  type CommandCounts,
  type CommandDelta,
  type CommandEvent,
  type CommandState,
} from '../../models/commands';
import { commandListeners } from '../live/startLiveFeed';
import { liveGate, liveResynced } from '../stores/liveGate';
import { useTwinStore } from '../stores/useTwinStore';
import { commandApi } from './commandApi';
import { unitsForBuildings } from './placeDraft';

export type PlaceMode = 'buildings' | 'polygon' | 'near';

/** The place being chosen in the broadcast panel. */
export interface DraftPlace {
  mode: PlaceMode;
  buildingIds: string[];
  unitIds: string[];
  /** null: all floors. */
  floors: { from: number; to: number } | null;
  ring: Point2[];
  /** The lasso takes the next press on the ground (camera controls wait meanwhile). */
  drawing: boolean;
  alarmId: number | null;
  radiusM: number;
}

/** One targeted device's latest command in the broadcast shown. */
export interface DeviceDelivery {
  commandId: number;
  state: CommandState;
  failure: string | null;
}

export interface CommandStoreState {
  draft: DraftPlace;
  channels: Record<BroadcastChannel, boolean>;
  /** The devices the preview resolves the place to (what the ring layer shows before sending). */
  preview: string[];
  /** The broadcast whose delivery is shown (sent here or opened from the recent list), or null while drafting. */
  current: BroadcastDetail | null;
  /** Per targeted device of `current`: its latest command's state (mutated in place; `rev` bumps on change). */
  delivery: Map<string, DeviceDelivery>;
  rev: number;
  /** Bumped when a screen's notice settled (shown or cleared): the screens' plates refetch. */
  screensRev: number;
  setDraft: (d: Partial<DraftPlace>) => void;
  toggleBuilding: (id: string) => void;
  setChannel: (c: BroadcastChannel, on: boolean) => void;
  setPreview: (ids: string[]) => void;
  /** Shows a broadcast's delivery (its commands merged with any deltas that arrived before it). */
  show: (b: BroadcastDetail | null) => void;
  onEvent: (e: CommandEvent) => void;
  /** Back to an empty tool (another compound): no draft, preview or broadcast shown. */
  reset: () => void;
}

/** The tool opens in a neutral mode (left-drag still orbits the camera); the lasso waits until the officer picks it. */
export const EMPTY_DRAFT: DraftPlace = { mode: 'buildings', buildingIds: [], unitIds: [], floors: null, ring: [], drawing: false, alarmId: null, radiusM: 60 };

const RANK: Record<CommandState, number> = { queued: 0, sent: 1, acknowledged: 2, failed: 2, expired: 2 };

/** Whether `b` is newer news for a device than `a`: a later command, or the same one further along. */
export function newer(a: DeviceDelivery | undefined, b: { commandId: number; state: CommandState }): boolean {
  if (!a) return true;
  if (b.commandId !== a.commandId) return b.commandId > a.commandId;
  return RANK[b.state] > RANK[a.state];
}

/** Recent deltas by command id: a broadcast's commands may settle before its POST answers. */
const recent = new Map<number, CommandDelta>();
const RECENT_MAX = 3000;

/** The latest delta heard for a command (a gate's command may move on before its POST answers). */
export const recentDelta = (commandId: number): CommandDelta | undefined => recent.get(commandId);

export const useCommandStore = create<CommandStoreState>()((set, get) => ({
  draft: EMPTY_DRAFT,
  channels: { speaker: true, screen: true },
  preview: [],
  current: null,
  delivery: new Map(),
  rev: 0,
  screensRev: 0,
  setDraft: (d) => set((s) => ({ draft: { ...s.draft, ...d } })),
  toggleBuilding: (id) =>
    set((s) => {
      const has = s.draft.buildingIds.includes(id);
      const buildingIds = has ? s.draft.buildingIds.filter((b) => b !== id) : [...s.draft.buildingIds, id];
      // ticked units only stand while one building is chosen (a second one clears them: its devices are all wanted)
      return { draft: { ...s.draft, buildingIds, unitIds: unitsForBuildings(buildingIds, s.draft.unitIds) } };
    }),
  setChannel: (c, on) => set((s) => ({ channels: { ...s.channels, [c]: on } })),
  setPreview: (preview) => set({ preview }),
  show: (b) => {
    const delivery = new Map<string, DeviceDelivery>();
    if (b) {
      for (const c of b.commands) {
        const d = { commandId: c.id, state: c.state, failure: c.failure };
        if (newer(delivery.get(c.deviceId), d)) delivery.set(c.deviceId, d);
      }
      for (const c of recent.values()) {
        if (c.broadcastId !== b.id) continue;
        const d = { commandId: c.id, state: c.state, failure: c.failure };
        if (newer(delivery.get(c.deviceId), d)) delivery.set(c.deviceId, d);
      }
    }
    set((s) => ({ current: b, delivery, rev: s.rev + 1 }));
  },
  onEvent: (e) => {
    const s = get();
    let changed = false;
    let screens = false;
    for (const c of e.commands) {
      recent.set(c.id, c);
      if ((c.type === 'screen_show' || c.type === 'screen_clear') && FINAL_COMMAND_STATES.has(c.state)) screens = true;
      if (!s.current || c.broadcastId !== s.current.id) continue;
      const d = { commandId: c.id, state: c.state, failure: c.failure };
      if (newer(s.delivery.get(c.deviceId), d)) {
        s.delivery.set(c.deviceId, d);
        changed = true;
      }
    }
    while (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value!);
    if (changed || screens) set((st) => ({ rev: changed ? st.rev + 1 : st.rev, screensRev: screens ? st.screensRev + 1 : st.screensRev }));
  },
  reset: () => set((s) => ({ draft: EMPTY_DRAFT, preview: [], current: null, delivery: new Map(), rev: s.rev + 1 })),
}));

commandListeners.add((e) => useCommandStore.getState().onEvent(e));

/**
 * Deltas are dropped while replaying and missed while the link is down: after the resync that ends a replay and
 * after a re-join, the shown broadcast is asked again (its answer merged with the deltas heard meanwhile).
 */
export function refreshCurrent(): void {
  const cur = useCommandStore.getState().current;
  if (!cur || liveGate.mode === 'replay') return;
  commandApi.broadcast(cur.id).then(
    (d) => {
      if (useCommandStore.getState().current?.id === d.id) useCommandStore.getState().show(d);
    },
    () => undefined,
  );
}
liveResynced.add(refreshCurrent);

// another compound: nothing of the previous one's tool state stays
useTwinStore.subscribe((s, p) => {
  if (s.compound?.id !== p.compound?.id) useCommandStore.getState().reset();
});

/** Counts of the latest command per targeted device (what GET /broadcasts/:id answers). */
export function deliveryCounts(delivery: ReadonlyMap<string, DeviceDelivery>): CommandCounts {
  const c: CommandCounts = { total: 0, queued: 0, sent: 0, acknowledged: 0, failed: 0, expired: 0 };
  for (const d of delivery.values()) {
    c.total++;
    c[d.state]++;
  }
  return c;
}

/** Ring colours by state (and the preview's). */
export const STATE_COLOURS: Record<CommandState | 'preview' | 'previewOffline', number> = {
  queued: 0x8ea6c2,
  sent: 0x3f8cff,
  acknowledged: 0x35e08a,
  failed: 0xff2d55,
  expired: 0xffa31a,
  preview: 0x3fd0ff,
  previewOffline: 0x6b7a8f,
};
export const cssHex = (n: number) => `#${n.toString(16).padStart(6, '0')}`;
