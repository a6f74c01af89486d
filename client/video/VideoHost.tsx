import { lazy, Suspense, useEffect } from 'react';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { cameraSelected, useVideoStore } from './useVideoStore';
import './videoHook.css';

// the video code (players, hls.js, WHEP) loads when a camera is first opened: the initial bundle stays lean
const VideoPanel = lazy(() => import('./VideoPanel'));
const SnapshotViewer = lazy(() => import('./SnapshotViewer'));

/**
 * The console's hook into video: selecting a camera opens its live tile (a camera that has a tile keeps it as it
 * is); the panel and the snapshot viewer load on first use. Renders nothing until then.
 */
export function VideoHost() {
  const hasTiles = useVideoStore((s) => s.tiles.length > 0);
  // keyed by the image: another snapshot of the same alarm opens fresh
  const snapshot = useVideoStore((s) => s.snapshot?.src ?? null);
  useEffect(
    () =>
      useUiStore.subscribe((s, p) => {
        const id = s.selection.deviceId;
        if (!id || id === p.selection.deviceId) return;
        if (useTwinStore.getState().index?.deviceById.get(id)?.type === 'camera') cameraSelected(id);
      }),
    [],
  );
  // another compound's cameras are not this one's: the tiles go with the compound
  useEffect(() => useTwinStore.subscribe((s, p) => s.compound?.id !== p.compound?.id && useVideoStore.getState().closeAll()), []);
  return (
    <Suspense fallback={null}>
      {hasTiles && <VideoPanel />}
      {snapshot !== null && <SnapshotViewer key={snapshot} />}
    </Suspense>
  );
}
