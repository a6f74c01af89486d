import { create } from 'zustand';
import type { Kpis } from '../../models/kpi';
import type { CommandDelta } from '../../models/commands';
import type { Timeline } from '../../models/replay';
import { replayWindow, type ReplayRange, type ReplaySpeed } from '../overlays/replayTime';

/**
 * History replay: whether the console shows the past, the window and the moment shown, playback,
 * and the timeline marks. The moment changes a few times a second at most (the scrubber and playback).
 */
export interface ReplayState {
  active: boolean;
  range: ReplayRange;
  from: number;
  to: number;
  /** The moment asked for (the scrubber's position). */
  t: number;
  /** The moment the scene shows (the last answer applied), null until the first one. */
  shownT: number | null;
  /** The KPIs at `shownT` (the KPI bar shows these instead of the live ones while replaying), null until the first answer. */
  kpis: Kpis | null;
  playing: boolean;
  speed: ReplaySpeed;
  timeline: Timeline | null;
  /** The device commands at `shownT` (StateAt.commands): the broadcast ring layer shows their states. */
  commands: CommandDelta[];
  loading: boolean;
  error: string | null;
  start: (range?: ReplayRange, now?: number) => void;
  setRange: (range: ReplayRange, now?: number) => void;
  seek: (t: number) => void;
  setPlaying: (playing: boolean) => void;
  setSpeed: (speed: ReplaySpeed) => void;
  shown: (t: number, kpis: Kpis | null) => void;
  setTimeline: (t: Timeline | null) => void;
  setLoading: (loading: boolean, error?: string | null) => void;
  stop: () => void;
}

export const useReplayStore = create<ReplayState>()((set) => ({
  active: false,
  range: '24h',
  from: 0,
  to: 0,
  t: 0,
  shownT: null,
  kpis: null,
  playing: false,
  speed: 60,
  timeline: null,
  commands: [],
  loading: false,
  error: null,
  start: (range = '24h', now = Date.now()) => {
    const w = replayWindow(range, now);
    // opens an hour back: far enough to show the past, near enough to recognise it
    set({ active: true, range, ...w, t: Math.max(w.from, now - 3_600_000), shownT: null, kpis: null, playing: false, timeline: null, error: null });
  },
  setRange: (range, now = Date.now()) => set((s) => ({ range, ...replayWindow(range, now), t: Math.max(replayWindow(range, now).from, s.t), timeline: null })),
  seek: (t) => set((s) => ({ t: Math.min(s.to, Math.max(s.from, t)) })),
  setPlaying: (playing) => set({ playing }),
  setSpeed: (speed) => set({ speed }),
  shown: (shownT, kpis) => set({ shownT, kpis }),
  setTimeline: (timeline) => set({ timeline }),
  setLoading: (loading, error = null) => set({ loading, error }),
  stop: () => set({ active: false, playing: false, shownT: null, kpis: null, timeline: null, commands: [], loading: false, error: null }),
}));
