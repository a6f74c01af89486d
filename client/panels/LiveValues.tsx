import { useEffect, useRef } from 'react';
import type { Device } from '../../models/compound';
import { formatAge, metricName, metricUnit } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { liveStore } from '../stores/liveStore';
import { useUiStore } from '../stores/useUiStore';
import { formatValue } from './format';

/**
 * A device's latest values and last-seen age. Readings arrive several times a second, so this renders
 * once per device/language and then writes textContent from a store subscription: no React re-render.
 */
export function LiveValues({ device }: { device: Device }) {
  const lang = useUiStore((s) => s.lang);
  const t = useT();
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
      const seen = st?.lastSeen ? formatAge(lang, Date.now() - st.lastSeen) : t('device.never');
      if (seenRef.current && seenRef.current.textContent !== seen) seenRef.current.textContent = seen;
    };
    write();
    const unsub = liveStore.subscribe((s, p) => {
      if (s.readingRev === p.readingRev) return;
      const ch = s.changedReadings;
      if (ch[0] === '*' || ch.includes(device.id)) write();
    });
    // the age keeps growing between readings
    const id = setInterval(write, 1000);
    return () => {
      unsub();
      clearInterval(id);
    };
  }, [device, lang, t]);
  return (
    <div className="live-values" data-testid="live-values">
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
