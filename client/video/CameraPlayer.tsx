import { useCallback, useEffect, useRef, useState } from 'react';
import { backoffDelay, type Backoff } from '../live/backoff';
import { useUiStore } from '../stores/useUiStore';
import { HlsPlayer, MjpegPlayer, WhepPlayer } from './players';
import { fetchStreamInfo, stillOf, type StreamAnswer, type VideoWhy } from './streamApi';
import { videoT } from './videoText';

const CONSOLE_BACKOFF: Backoff = { baseMs: 2_000, maxMs: 30_000 };
/** The wall is unattended: it retries for ever, never faster than this, never slower than a minute. */
const WALL_BACKOFF: Backoff = { baseMs: 3_000, maxMs: 60_000 };

export type StreamPhase = 'loading' | 'ready' | 'down';

export interface StreamStatus {
  answer: StreamAnswer | null;
  phase: StreamPhase;
  why: VideoWhy | null;
  /** When the next try starts (epoch ms), while down and retrying. */
  retryAt: number | null;
}

/**
 * A camera's stream info, asked again with backoff while it is down and playing (the answer says why: gateway
 * unreachable, camera offline, …). The player reports failures (the stream broke) and success (frames arrive,
 * which resets the backoff). `quiet` (the wall) also retries a refusal, slowly: a wall's scope can change.
 */
export function useCameraStream(deviceId: string, playing: boolean, quiet: boolean) {
  const [status, setStatus] = useState<StreamStatus>({ answer: null, phase: 'loading', why: null, retryAt: null });
  const [gen, setGen] = useState(0);
  const attempt = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const scheduleRetry = useCallback(
    (minMs: number | null) => {
      if (timer.current) clearTimeout(timer.current);
      const delay = Math.max(minMs ?? 0, backoffDelay(attempt.current++, quiet ? WALL_BACKOFF : CONSOLE_BACKOFF));
      timer.current = setTimeout(() => {
        timer.current = null;
        setGen((g) => g + 1);
      }, delay);
      return Date.now() + delay;
    },
    [quiet],
  );

  useEffect(() => {
    const ctrl = new AbortController();
    setStatus((s) => (s.phase === 'down' ? s : { ...s, phase: 'loading' }));
    fetchStreamInfo(deviceId, ctrl.signal).then(
      (answer) => {
        if (ctrl.signal.aborted) return;
        if (answer.ok) return setStatus({ answer, phase: 'ready', why: null, retryAt: null });
        const retry = playing && (answer.why !== 'forbidden' || quiet);
        setStatus({ answer, phase: 'down', why: answer.why, retryAt: retry ? scheduleRetry(answer.retryAfterMs) : null });
      },
      () => undefined,
    );
    return () => {
      ctrl.abort();
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [deviceId, playing, quiet, gen, scheduleRetry]);

  const failed = useCallback(() => {
    setStatus((s) => ({ ...s, phase: 'down', why: 'failed', retryAt: scheduleRetry(null) }));
  }, [scheduleRetry]);
  const played = useCallback(() => {
    attempt.current = 0;
  }, []);
  return { status, failed, played };
}

/** Seconds until `at`, ticking once a second (only while a tile is down). */
function RetryIn({ at, lang }: { at: number; lang: 'zh-CN' | 'en' }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  const s = Math.max(0, Math.ceil((at - now) / 1000));
  return <span className="cam-retry">{s > 0 ? videoT(lang, 'video.retryIn', { s }) : videoT(lang, 'video.retrying')}</span>;
}

/** A camera's still (paused tiles, or while down), else a placeholder; never an error. */
function Still({ src, label }: { src: string | null; label: string }) {
  const [broken, setBroken] = useState<string | null>(null);
  if (!src || broken === src)
    return (
      <div className="cam-placeholder" data-testid="camera-placeholder" aria-hidden>
        <svg viewBox="0 0 24 24" width="28%" height="28%">
          <path
            d="M3 7h12a1 1 0 0 1 1 1v2.5l4-2.5v8l-4-2.5V16a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1z"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.4"
          />
        </svg>
        <span>{label}</span>
      </div>
    );
  return <img className="cam-media cam-still" data-testid="camera-still" src={src} alt="" draggable={false} onError={() => setBroken(src)} />;
}

export interface CameraPlayerProps {
  deviceId: string;
  playing: boolean;
  /** The wall: no words about failures, a still or a placeholder instead; retries for ever. */
  quiet?: boolean;
  /** Placeholder text (the wall's "no picture"). */
  placeholder?: string;
}

/** One camera's picture: the live player while playing and available, else its still; why it is down and when it retries. */
export function CameraPlayer({ deviceId, playing, quiet = false, placeholder = '' }: CameraPlayerProps) {
  const lang = useUiStore((s) => s.lang);
  const { status, failed, played } = useCameraStream(deviceId, playing, quiet);
  const info = status.answer?.ok ? status.answer.info : null;
  const live = playing && status.phase === 'ready' && info?.url && info.kind;
  const events = { onPlaying: played, onFailed: failed };
  return (
    <div className="cam-player" data-testid="camera-player" data-phase={status.phase} data-why={status.why ?? ''}>
      {live && info.kind === 'mjpeg' ? (
        <MjpegPlayer url={info.url!} {...events} />
      ) : live && info.kind === 'hls' ? (
        <HlsPlayer url={info.url!} {...events} />
      ) : live && info.kind === 'whep' ? (
        <WhepPlayer url={info.url!} {...events} />
      ) : (
        <Still src={stillOf(status.answer)} label={placeholder} />
      )}
      {!quiet && playing && status.phase === 'loading' && <span className="cam-badge">{videoT(lang, 'video.connecting')}</span>}
      {!quiet && status.phase === 'down' && status.why && (
        <div className="cam-why" role="status" data-testid="camera-why" data-why={status.why}>
          <b>{videoT(lang, `video.why.${status.why}`)}</b>
          {playing && status.retryAt !== null && <RetryIn at={status.retryAt} lang={lang} />}
        </div>
      )}
    </div>
  );
}
