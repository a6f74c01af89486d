import { create } from 'zustand';
import { DEFAULT_ALARM_FILTER, type AlarmFilter } from '../overlays/alarmFilter';
import { loadMuted, saveMuted } from '../overlays/alarmSound';

export type OverlayKind = 'alarms' | 'heatmap' | 'pins' | 'viewCones';

/** Which overlays are on, the alarm list's filter and the alarm beep's mute switch. */
export interface OverlayState {
  on: Record<OverlayKind, boolean>;
  muted: boolean;
  alarmFilter: AlarmFilter;
  /** The broadcast tool's panel (client/commands, lazy) is open. */
  broadcast: boolean;
  setBroadcast: (open: boolean) => void;
  toggle: (k: OverlayKind, on?: boolean) => void;
  setMuted: (muted: boolean) => void;
  setAlarmFilter: (f: Partial<AlarmFilter>) => void;
}

export const useOverlayStore = create<OverlayState>()((set) => ({
  on: { alarms: true, heatmap: false, pins: true, viewCones: false },
  muted: loadMuted(),
  alarmFilter: DEFAULT_ALARM_FILTER,
  broadcast: false,
  setBroadcast: (broadcast) => set({ broadcast }),
  toggle: (k, on) => set((s) => ({ on: { ...s.on, [k]: on ?? !s.on[k] } })),
  setMuted: (muted) => {
    saveMuted(muted);
    set({ muted });
  },
  setAlarmFilter: (f) => set((s) => ({ alarmFilter: { ...s.alarmFilter, ...f } })),
}));
