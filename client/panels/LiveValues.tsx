import { useEffect, useRef } from 'react';
import type { Device } from '../../models/compound';
import { formatAge, metricName, metricUnit } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { formatReplayTime } from '../overlays/replayTime';
import { liveStore } from '../stores/liveStore';
import { useReplayStore } from '../stores/useReplayStore';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { formatValue } from './format';

/**
 * A device's latest values and last-seen age. Readings arrive several times a second, so this renders
 * once per device/language (and when replay starts or stops) and then writes textContent from a store
 * subscription: no React re-render. While replaying, the values are the last readings at or before the
 * replayed moment (the replay driver writes them into the same store) and the age counts back from that moment.
 */
export function LiveValues({ device }: { device: Device }) {
  const lang = useUiStore((s) => s.lang);
  const t = useT();
  const replaying = useReplayStore((s) => s.active);
  const zone = useTwinStore((s) => s.compound?.timeZone);
  const noteRef = useRef<HTMLElement>(null);
  const valueRefs = useRef<(HTMLElement | null)[]>([]);
  const seenRef = useRef<HTMLElement>(null);
  useEffect(() => {
    const write = () => {
      const st = liveStore.getState().devices.get(device.id);
      device.metrics.forEach((m, i) => {
        const el = valueRefs.current[i];
        const v = st?.values[m];
        const text = v === undefined ? '—' : formatValue(v);
        if (el && el.textContent !== text) {
          el.textContent = text;
          // a brief flash tells the eye the number just changed
          el.classList.remove('flash');
          void el.offsetWidth;
          el.classList.add('flash');
        }
      });
      // the moment the values stand for: now, or the replayed moment (read from the store, not rendered)
      const replayT = replaying ? useReplayStore.getState().shownT : null;
      let seen: string;
      if (replaying)
        seen = replayT === null ? '…' : st?.lastSeen ? t('replayx.seenBefore', { age: formatAge(lang, replayT - st.lastSeen) }) : t('replayx.noReading');
      else seen = st?.lastSeen ? formatAge(lang, Date.now() - st.lastSeen) : t('device.never');
      if (seenRef.current && seenRef.current.textContent !== seen) seenRef.current.textContent = seen;
      const note = replayT === null ? '' : t('replayx.valuesAt', { when: formatReplayTime(replayT, zone, false) });
      if (noteRef.current && noteRef.current.textContent !== note) noteRef.current.textContent = note;
    };
    write();
    const unsub = liveStore.subscribe((s, p) => {
      if (s.readingRev === p.readingRev) return;
      const ch = s.changedReadings;
      if (ch[0] === '*' || ch.includes(device.id)) write();
    });
    // the age keeps growing between readings (a replayed moment changes through the store: shownT)
    const id = setInterval(write, 1000);
    const unsubReplay = useReplayStore.subscribe((s, p) => {
      if (s.shownT !== p.shownT) write();
    });
    return () => {
      unsub();
      unsubReplay();
      clearInterval(id);
    };
  }, [device, lang, t, replaying, zone]);
  return (
    <div className={`live-values ${replaying ? 'replayed' : ''}`} data-testid="live-values" data-replay={replaying ? 'true' : undefined}>
      {replaying && <small className="live-replay-note" data-testid="live-values-replay" ref={noteRef} />}
      {device.metrics.map((m, i) => (
        <div className="live-metric" key={m} data-metric={m}>
          <span className="metric-name">{metricName(lang, m)}</span>
          <span className="metric-value">
            <b data-testid={`live-value-${m}`} ref={(el) => void (valueRefs.current[i] = el)}>
              —
            </b>
            <small>{metricUnit(lang, m)}</small>
          </span>
        </div>
      ))}
      <div className="live-seen">
        <span>{t('device.lastSeen')}</span>
        <span data-testid="device-last-seen" ref={seenRef} />
      </div>
    </div>
  );
}
