import type { Alarm } from '../../models/alarm';
import { pick } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { useUiStore } from '../stores/useUiStore';
import { useVideoStore } from './useVideoStore';

/**
 * An alarm's camera snapshot as a thumbnail (loaded by the browser only when it scrolls into view); a click
 * opens it large.
 */
export function AlarmSnapshotThumb({ alarm: a }: { alarm: Alarm }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  if (!a.snapshot) return null;
  const at = a.snapshot.at;
  // the image taken at `at`: a repeat's newer snapshot has another URL, so no cached older one shows
  const src = `/api/v1/alarms/${a.id}/snapshot?at=${at}`;
  return (
    <button
      type="button"
      className="alarm-snap"
      data-testid="alarm-snapshot-open"
      title={t('videoh.snapshotOpen')}
      aria-label={t('videoh.snapshotOpen')}
      onClick={() => useVideoStore.getState().showSnapshot({ alarmId: a.id, src, at, title: pick(lang, a.message) })}
    >
      <img src={src} alt={t('videoh.snapshot')} loading="lazy" decoding="async" data-testid="alarm-snapshot" />
    </button>
  );
}
