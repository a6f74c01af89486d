import { create } from 'zustand';
import { closeTile, openTile, pauseTile, pinTile, playTile, type VideoTile } from './videoTiles';

/** A snapshot opened large: the alarm's image route and what to say about it. */
export interface SnapshotView {
  alarmId: number;
  src: string;
  at: number;
  title: string;
}

/**
 * The console's video panel: which cameras have tiles, pinned, playing. Changed by clicks only (never per
 * frame, never by readings); the panel and its players render from it. Lives outside the device panel, so
 * tiles keep playing when that closes.
 */
export interface VideoState {
  tiles: VideoTile[];
  seq: number;
  snapshot: SnapshotView | null;
  open: (deviceId: string) => void;
  close: (deviceId: string) => void;
  closeAll: () => void;
  pin: (deviceId: string, pinned: boolean) => void;
  play: (deviceId: string) => void;
  pause: (deviceId: string) => void;
  showSnapshot: (s: SnapshotView | null) => void;
}

export const useVideoStore = create<VideoState>()((set) => ({
  tiles: [],
  seq: 0,
  snapshot: null,
  open: (deviceId) => set((s) => ({ tiles: openTile(s.tiles, deviceId, s.seq + 1), seq: s.seq + 1 })),
  close: (deviceId) => set((s) => ({ tiles: closeTile(s.tiles, deviceId) })),
  closeAll: () => set({ tiles: [] }),
  pin: (deviceId, pinned) => set((s) => ({ tiles: pinTile(s.tiles, deviceId, pinned) })),
  play: (deviceId) => set((s) => ({ tiles: playTile(s.tiles, deviceId, s.seq + 1), seq: s.seq + 1 })),
  pause: (deviceId) => set((s) => ({ tiles: pauseTile(s.tiles, deviceId) })),
  showSnapshot: (snapshot) => set({ snapshot }),
}));

/** Opens a camera's live video in the console's video panel (the panel's code loads on first use). */
export function openCameraVideo(deviceId: string): void {
  useVideoStore.getState().open(deviceId);
}

/**
 * A camera was selected (in the scene, a list, or its tile's name): opens its tile unless it has one already,
 * which stays as it is (a paused tile is not restarted, the preview tile is not replaced).
 */
export function cameraSelected(deviceId: string): void {
  if (useVideoStore.getState().tiles.some((t) => t.deviceId === deviceId)) return;
  openCameraVideo(deviceId);
}
