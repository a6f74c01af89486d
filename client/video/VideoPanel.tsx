import { deviceLabel } from '../i18n/names';
import { useReplayStore } from '../stores/useReplayStore';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { useWorkOrderUiStore } from '../stores/useWorkOrderUiStore';
import { CameraPlayer } from './CameraPlayer';
import { useVideoStore } from './useVideoStore';
import { videoT } from './videoText';
import { MAX_PLAYING, type VideoTile } from './videoTiles';
import './video.css';

function CameraTile({ tile }: { tile: VideoTile }) {
  const lang = useUiStore((s) => s.lang);
  const index = useTwinStore((s) => s.index);
  const d = index?.deviceById.get(tile.deviceId);
  const name = d ? deviceLabel(lang, d, index ?? null) : tile.deviceId;
  const v = useVideoStore.getState();
  const t = (k: Parameters<typeof videoT>[1], p?: Record<string, string | number>) => videoT(lang, k, p);
  return (
    <li
      className={`cam-tile ${tile.playing ? 'playing' : 'paused'} ${tile.pinned ? 'pinned' : ''}`}
      data-testid="video-tile"
      data-device-id={tile.deviceId}
      data-playing={tile.playing ? '1' : '0'}
    >
      <header className="cam-head">
        <button type="button" className="cam-name" title={name} onClick={() => useUiStore.getState().selectDevice(tile.deviceId)}>
          <i className={`cam-dot ${tile.playing ? 'on' : ''}`} aria-hidden />
          {name}
        </button>
        <button
          type="button"
          className={`cam-btn ${tile.pinned ? 'on' : ''}`}
          data-testid="video-pin"
          aria-pressed={tile.pinned}
          title={t(tile.pinned ? 'video.unpin' : 'video.pin')}
          aria-label={t(tile.pinned ? 'video.unpin' : 'video.pin')}
          onClick={() => v.pin(tile.deviceId, !tile.pinned)}
        >
          <svg viewBox="0 0 16 16" width="1em" height="1em" aria-hidden>
            <path
              d="M6 1h4l-.6 5 2.6 2.4V10H8.7L8 15l-.7-5H4V8.4L6.6 6z"
              fill={tile.pinned ? 'currentColor' : 'none'}
              stroke="currentColor"
              strokeWidth="1.1"
            />
          </svg>
        </button>
        <button
          type="button"
          className="cam-btn"
          data-testid="video-close"
          title={t('video.close')}
          aria-label={t('video.close')}
          onClick={() => v.close(tile.deviceId)}
        >
          ×
        </button>
      </header>
      <div className="cam-frame">
        <CameraPlayer deviceId={tile.deviceId} playing={tile.playing} />
        {tile.playing ? (
          <button
            type="button"
            className="cam-toggle pause"
            data-testid="video-pause"
            aria-label={t('video.pause')}
            title={t('video.pause')}
            onClick={() => v.pause(tile.deviceId)}
          >
            ❚❚
          </button>
        ) : (
          <button
            type="button"
            className="cam-toggle play"
            data-testid="video-play"
            aria-label={t('video.play')}
            title={t('video.paused', { max: MAX_PLAYING })}
            onClick={() => v.play(tile.deviceId)}
          >
            ▶
          </button>
        )}
      </div>
    </li>
  );
}

/**
 * The console's live video beside the device panel: a tile per camera opened (pinned ones stay), at most
 * MAX_PLAYING playing. Sits between the scene's centre and the right-hand panel, docked low so the
 * critical-alarm toasts above it stay readable; slides right when no panel is open.
 */
export default function VideoPanel() {
  const tiles = useVideoStore((s) => s.tiles);
  const lang = useUiStore((s) => s.lang);
  const rightPanel = useUiStore((s) => s.selection.deviceId !== null || s.selection.buildingId !== null);
  const workOrder = useWorkOrderUiStore((s) => s.draft !== null || s.detailId !== null);
  const replaying = useReplayStore((s) => s.active);
  const playing = tiles.filter((x) => x.playing).length;
  const cls = ['panel', 'video-panel', rightPanel || workOrder ? 'beside' : '', replaying ? 'above-replay' : '', tiles.length > 2 ? 'grid' : ''].join(' ');
  return (
    <aside className={cls} data-testid="video-panel" data-inset="right" aria-label={videoT(lang, 'video.title')}>
      <header className="panel-head">
        <div>
          <h2>{videoT(lang, 'video.title')}</h2>
          <span className="sub" data-testid="video-count">
            {videoT(lang, 'video.count', { playing, max: MAX_PLAYING })}
          </span>
        </div>
        <button
          type="button"
          className="close"
          data-testid="video-close-all"
          aria-label={videoT(lang, 'video.closeAll')}
          title={videoT(lang, 'video.closeAll')}
          onClick={() => useVideoStore.getState().closeAll()}
        >
          ×
        </button>
      </header>
      <ul className="cam-tiles">
        {tiles.map((tile) => (
          <CameraTile key={tile.deviceId} tile={tile} />
        ))}
      </ul>
      {tiles.length > 0 && !tiles.some((x) => x.pinned) && <p className="cam-hint dim">{videoT(lang, 'video.hint')}</p>}
    </aside>
  );
}
