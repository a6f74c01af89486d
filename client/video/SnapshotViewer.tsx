import { useEffect, useState } from 'react';
import { formatTime } from '../panels/format';
import { useUiStore } from '../stores/useUiStore';
import { useVideoStore } from './useVideoStore';
import { videoT } from './videoText';
import './video.css';

/** An alarm's snapshot opened large over the console; Esc, a click outside or × closes it. */
export default function SnapshotViewer() {
  const snap = useVideoStore((s) => s.snapshot);
  const lang = useUiStore((s) => s.lang);
  const [broken, setBroken] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopImmediatePropagation();
      useVideoStore.getState().showSnapshot(null);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
  if (!snap) return null;
  const close = () => useVideoStore.getState().showSnapshot(null);
  return (
    <div className="snap-viewer" role="dialog" aria-modal="true" data-testid="snapshot-viewer" onClick={close}>
      <figure onClick={(e) => e.stopPropagation()}>
        <figcaption>
          <span>
            {videoT(lang, 'video.snapshotTitle', { time: formatTime(snap.at) })} · {snap.title}
          </span>
          <button type="button" className="close" aria-label={videoT(lang, 'video.snapshotClose')} onClick={close}>
            ×
          </button>
        </figcaption>
        {broken ? (
          <p className="empty">{videoT(lang, 'video.snapshotMissing')}</p>
        ) : (
          <img src={snap.src} alt={snap.title} data-testid="snapshot-large" onError={() => setBroken(true)} />
        )}
      </figure>
    </div>
  );
}
