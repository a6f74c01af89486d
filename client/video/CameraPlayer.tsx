import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useUiStore } from '../stores/useUiStore';
import { HlsPlayer, MjpegPlayer, WhepPlayer } from './players';
import { fetchStreamInfo, stillOf, type StreamAnswer, type VideoWhy } from './streamApi';
import { StreamRetry } from './streamRetry';
import { videoT } from './videoText';

export type StreamPhase = 'loading' | 'ready' | 'down';

export interface StreamStatus {
  answer: StreamAnswer | null;
  phase: StreamPhase;
  why: VideoWhy | null;
  /** When the next try starts (epoch ms), while down and retrying; null: no automatic retry. */
  retryAt: number | null;
  /**
   * The still to show: a paused tile's, or, while playing, the one asked for at the first failure since the
   * last picture (kept through that streak's retries, so each retry does not ask the camera again). Null:
   * the placeholder (normal loading asks for no still).
   */
  still: string | null;
}

const INITIAL: StreamStatus = { answer: null, phase: 'loading', why: null, retryAt: null, still: null };

/**
 * A camera's stream info, asked again with backoff while it is down and playing (the answer says why: gateway
 * unreachable, camera offline, …). The player reports failures (the stream broke, ended or stalled) and
 * success (the first frame); when to retry is StreamRetry's (the console waits for a click on lasting
 * reasons, `quiet`, the wall, retries everything, slowly).
 */
export function useCameraStream(deviceId: string, playing: boolean, quiet: boolean) {
  const [status, setStatus] = useState<StreamStatus>(INITIAL);
  const [gen, setGen] = useState(0);
  const retry = useMemo(() => new StreamRetry(quiet), [quiet]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const wasPlaying = useRef(playing);

  /** Schedules the next try for `why` (or none); returns when it starts. */
  const schedule = useCallback(
    (why: VideoWhy, minMs: number | null): number | null => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      const delay = retry.next(why, Date.now(), minMs);
      if (delay === null) return null;
      timer.current = setTimeout(() => {
        timer.current = null;
        setGen((g) => g + 1);
      }, delay);
      return Date.now() + delay;
    },
    [retry],
  );

  // pressing play is the user's: the backoff starts over
  useEffect(() => {
    if (playing && !wasPlaying.current) retry.reset();
    wasPlaying.current = playing;
  }, [playing, retry]);

  useEffect(() => {
    const ctrl = new AbortController();
    setStatus((s) => (s.phase === 'down' ? s : { ...s, phase: 'loading' }));
    fetchStreamInfo(deviceId, ctrl.signal).then(
      (answer) => {
        if (ctrl.signal.aborted) return;
        if (answer.ok) return setStatus((s) => ({ answer, phase: 'ready', why: null, retryAt: null, still: playing ? s.still : stillOf(answer) }));
        const retryAt = playing ? schedule(answer.why, answer.retryAfterMs) : null;
        setStatus((s) => ({
          answer,
          phase: 'down',
          why: answer.why,
          retryAt,
          still: playing ? (s.still ?? stillOf(answer) ?? stillOf(s.answer)) : stillOf(answer),
        }));
      },
      () => undefined,
    );
    return () => {
      ctrl.abort();
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [deviceId, playing, quiet, gen, schedule]);

  const failed = useCallback(
    (why?: VideoWhy) => {
      const w = why ?? 'failed';
      const retryAt = schedule(w, null);
      setStatus((s) => ({ ...s, phase: 'down', why: w, retryAt, still: s.still ?? stillOf(s.answer) }));
    },
    [schedule],
  );
  // once per start (the first frame), never per frame
  const played = useCallback(() => {
    retry.played(Date.now());
    setStatus((s) => (s.still === null ? s : { ...s, still: null }));
  }, [retry]);
  /** A click on retry: now, and the backoff starts over. */
  const retryNow = useCallback(() => {
    retry.reset();
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    setStatus((s) => ({ ...s, retryAt: Date.now() }));
    setGen((g) => g + 1);
  }, [retry]);
  return { status, failed, played, retryNow };
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
  const { status, failed, played, retryNow } = useCameraStream(deviceId, playing, quiet);
  const info = status.answer?.ok ? status.answer.info : null;
  const live = playing && status.phase === 'ready' && info?.url && info.kind;
  const events = { onPlaying: played, onFailed: failed };
  return (
    <div className="cam-player" data-testid="camera-player" data-phase={status.phase} data-why={status.why ?? ''}>
      {/* beneath the player while it reconnects after a failure: the still asked for once, not per retry */}
      {(!live || status.still) && <Still src={status.still} label={placeholder} />}
      {live && info.kind === 'mjpeg' ? (
        <MjpegPlayer url={info.url!} {...events} />
      ) : live && info.kind === 'hls' ? (
        <HlsPlayer url={info.url!} {...events} />
      ) : live && info.kind === 'whep' ? (
        <WhepPlayer url={info.url!} {...events} />
      ) : null}
      {!quiet && playing && status.phase === 'loading' && <span className="cam-badge">{videoT(lang, 'video.connecting')}</span>}
      {!quiet && status.phase === 'down' && status.why && (
        <div className="cam-why" role="status" data-testid="camera-why" data-why={status.why}>
          <b>{videoT(lang, `video.why.${status.why}`)}</b>
          {playing && status.retryAt !== null && <RetryIn at={status.retryAt} lang={lang} />}
          {playing && status.retryAt === null && (
            <button type="button" className="cam-retry-btn" data-testid="camera-retry" onClick={retryNow}>
              {videoT(lang, 'video.retry')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
