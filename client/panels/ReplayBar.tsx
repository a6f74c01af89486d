import { useEffect, useMemo, useRef, useState } from 'react';
import { useT } from '../i18n/useT';
import { formatReplayTime, fractionToTime, REPLAY_SPEEDS, timelineMarks, timeToFraction, type ReplayRange } from '../overlays/replayTime';
import { useReplayStore } from '../stores/useReplayStore';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { ReplaySnapshots } from '../video/ReplaySnapshots';

const RANGES: ReplayRange[] = ['24h', '7d'];
/** Marks are folded per this many pixels of a track this wide (the track is ~50 vw; close enough). */
const TRACK_PX = 900;

/** Asks the camera to frame the view again once the layout settled (the bar's data-inset="bottom" came or went). */
function refocusSoon(): void {
  requestAnimationFrame(() => requestAnimationFrame(() => useUiStore.getState().refocus()));
}

/**
 * The banner across the top while the console shows the past ("回放 · 11-27 14:05 · 非实时"), with one click
 * back to live, and a warm tint around the scene so no glance mistakes the past for the present.
 */
export function ReplayBanner() {
  const t = useT();
  const zone = useTwinStore((s) => s.compound?.timeZone);
  const shownT = useReplayStore((s) => s.shownT);
  const tAsked = useReplayStore((s) => s.t);
  const loading = useReplayStore((s) => s.loading);
  return (
    <>
      <div className="replay-tint" aria-hidden data-testid="replay-tint" />
      <ReplaySnapshots />
      <div className="replay-banner" role="status" data-testid="replay-banner" data-t={shownT ?? ''}>
        <b>{t('replayx.banner')}</b>
        <span className="replay-sep" aria-hidden>
          ·
        </span>
        <span className="replay-when" data-testid="replay-time">
          {formatReplayTime(shownT ?? tAsked, zone)}
        </span>
        <span className="replay-sep" aria-hidden>
          ·
        </span>
        <span className="replay-notlive">{t('replayx.notLive')}</span>
        {loading && <span className="dim">{t('replay.loading')}</span>}
        <button type="button" data-testid="replay-live" onClick={() => useReplayStore.getState().stop()}>
          {t('replay.live')}
        </button>
      </div>
    </>
  );
}

/** The time scrubber over the last 24 h or 7 d, with alarm and work-order marks, playback at ×60 / ×600. */
export function ReplayBar() {
  const t = useT();
  const s = useReplayStore();
  const zone = useTwinStore((st) => st.compound?.timeZone);
  const track = useRef<HTMLDivElement>(null);
  // the bar docks along the bottom of the scene (data-inset="bottom"): the camera frames the model above it
  useEffect(() => {
    refocusSoon();
    return refocusSoon;
  }, []);
  const [dragging, setDragging] = useState(false);
  const marks = useMemo(() => (s.timeline ? timelineMarks(s.timeline.events, s.from, s.to, TRACK_PX) : []), [s.timeline, s.from, s.to]);
  const seekAt = (clientX: number) => {
    const r = track.current?.getBoundingClientRect();
    if (!r || r.width === 0) return;
    useReplayStore.getState().seek(fractionToTime((clientX - r.left) / r.width, s.from, s.to));
  };
  const alarms = s.timeline?.events.filter((e) => e.kind === 'alarm').length ?? 0;
  const orders = s.timeline?.events.filter((e) => e.kind === 'workorder').length ?? 0;
  return (
    <div className="replay-bar panel" data-testid="replay-bar" data-inset="bottom">
      <div className="replay-controls">
        <button type="button" className="play" data-testid="replay-play" aria-pressed={s.playing} onClick={() => s.setPlaying(!s.playing)}>
          {s.playing ? `❚❚ ${t('replay.pause')}` : `▶ ${t('replay.play')}`}
        </button>
        <div className="seg">
          {REPLAY_SPEEDS.map((n) => (
            <button key={n} type="button" className={s.speed === n ? 'on' : ''} data-testid={`replay-speed-${n}`} onClick={() => s.setSpeed(n)}>
              {t('replay.speed', { n })}
            </button>
          ))}
        </div>
        <div className="seg">
          {RANGES.map((r) => (
            <button key={r} type="button" className={s.range === r ? 'on' : ''} data-testid={`replay-range-${r}`} onClick={() => s.setRange(r)}>
              {t(`replay.range.${r}`)}
            </button>
          ))}
        </div>
        <span className="dim replay-marks-count">{t('replay.marks', { alarms, orders })}</span>
        {s.error && <span className="form-error">{t('replay.failed', { error: s.error })}</span>}
      </div>
      <div
        ref={track}
        className={`replay-track ${dragging ? 'dragging' : ''}`}
        data-testid="replay-track"
        data-from={s.from}
        data-to={s.to}
        role="slider"
        aria-valuemin={s.from}
        aria-valuemax={s.to}
        aria-valuenow={s.t}
        aria-valuetext={formatReplayTime(s.t, zone)}
        tabIndex={0}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          setDragging(true);
          s.setPlaying(false);
          seekAt(e.clientX);
        }}
        onPointerMove={(e) => dragging && seekAt(e.clientX)}
        onPointerUp={(e) => {
          e.currentTarget.releasePointerCapture(e.pointerId);
          setDragging(false);
        }}
        onKeyDown={(e) => {
          const step = (s.to - s.from) / 96;
          if (e.key === 'ArrowLeft') s.seek(s.t - step);
          else if (e.key === 'ArrowRight') s.seek(s.t + step);
          else return;
          e.preventDefault();
          e.stopPropagation();
        }}
      >
        {marks.map((m, i) => (
          <i
            key={i}
            className={`replay-mark ${m.kind} sev-${m.severity}`}
            style={{ left: `${m.at * 100}%` }}
            data-testid={m.kind === 'broadcast' ? 'replay-mark-broadcast' : undefined}
            data-label={m.kind === 'broadcast' ? m.label : undefined}
            title={`${formatReplayTime(m.t, zone)} ${m.label}${m.count > 1 ? ` (+${m.count - 1})` : ''}`}
            onPointerDown={(e) => e.stopPropagation()}
            onClick={() => s.seek(m.t)}
          />
        ))}
        <div className="replay-fill" style={{ width: `${timeToFraction(s.t, s.from, s.to) * 100}%` }} />
        <div className="replay-thumb" data-testid="replay-thumb" style={{ left: `${timeToFraction(s.t, s.from, s.to) * 100}%` }} />
      </div>
      <div className="replay-scale">
        <span>{formatReplayTime(s.from, zone, false)}</span>
        <span>{formatReplayTime(s.to, zone, false)}</span>
      </div>
    </div>
  );
}
