import type { AlarmSnapshotInfo } from '../../models/video';
import { pick } from '../i18n/translate';
import { formatReplayTime } from '../overlays/replayTime';
import { useOpsStore } from '../stores/useOpsStore';
import { useReplayStore } from '../stores/useReplayStore';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { useVideoStore } from './useVideoStore';
import { videoT } from './videoText';
import './video.css';

/** How long after it was taken a snapshot stays up in the replay (at ×60 that is 15 s of playback). */
export const REPLAY_SNAPSHOT_WINDOW_MS = 15 * 60_000;
const MAX_SHOWN = 3;

export interface ReplaySnap {
  alarmId: number;
  at: number;
  label: string;
}

/**
 * The snapshots taken in the window before the replayed moment `t`, newest first: from the timeline's raised
 * marks (which carry the snapshot info) and the alarms open at `t`.
 */
export function snapshotsAt(
  t: number,
  marks: readonly { kind: string; action: string; id: number; label: string; snapshot?: AlarmSnapshotInfo | null }[],
  open: readonly { id: number; snapshot?: AlarmSnapshotInfo | null; label: string }[],
  windowMs = REPLAY_SNAPSHOT_WINDOW_MS,
): ReplaySnap[] {
  const byId = new Map<number, ReplaySnap>();
  const take = (id: number, snap: AlarmSnapshotInfo | null | undefined, label: string) => {
    if (!snap || snap.at > t || snap.at < t - windowMs || byId.has(id)) return;
    byId.set(id, { alarmId: id, at: snap.at, label });
  };
  for (const a of open) take(a.id, a.snapshot, a.label);
  for (const m of marks) if (m.kind === 'alarm' && m.action === 'raised') take(m.id, m.snapshot, m.label);
  return [...byId.values()].sort((a, b) => b.at - a.at || b.alarmId - a.alarmId).slice(0, MAX_SHOWN);
}

/** While replaying: the camera snapshots of the moment shown, above the scrubber; a click opens one large. */
export function ReplaySnapshots() {
  const lang = useUiStore((s) => s.lang);
  const zone = useTwinStore((s) => s.compound?.timeZone);
  const shownT = useReplayStore((s) => s.shownT);
  const timeline = useReplayStore((s) => s.timeline);
  const alarms = useOpsStore((s) => s.alarms);
  if (shownT === null) return null;
  const open = alarms.filter((a) => a.snapshot).map((a) => ({ id: a.id, snapshot: a.snapshot, label: pick(lang, a.message) }));
  const snaps = snapshotsAt(shownT, timeline?.events ?? [], open);
  if (snaps.length === 0) return null;
  return (
    <div className="replay-snaps" data-testid="replay-snapshots">
      {snaps.map((s) => {
        // the image taken at s.at (the alarm's latest may be from after the moment shown)
        const src = `/api/v1/alarms/${s.alarmId}/snapshot?at=${s.at}`;
        return (
          <button
            key={s.alarmId}
            type="button"
            className="replay-snap"
            data-testid="replay-snapshot"
            data-alarm-id={s.alarmId}
            onClick={() => useVideoStore.getState().showSnapshot({ alarmId: s.alarmId, src, at: s.at, title: s.label })}
          >
            <img src={src} alt={s.label} />
            <span>
              <b>{videoT(lang, 'video.replaySnapshot')}</b>
              {formatReplayTime(s.at, zone)} · {s.label}
            </span>
          </button>
        );
      })}
    </div>
  );
}
