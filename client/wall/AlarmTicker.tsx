import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Alarm } from '../../models/alarm';
import { buildingTitle, deviceLabel } from '../i18n/names';
import { deviceTypeName, pick } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { formatTime } from '../panels/format';
import { useOpsStore } from '../stores/useOpsStore';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { isHouseholdDevice } from './householdDevice';
import { tickerItems } from './tickerItems';

/**
 * Alarms calling for attention scrolling along the bottom, most severe and oldest unacknowledged first;
 * returned and acknowledged ones marked so; household alarms only as counts per type, a building's
 * warnings (提示) as one count. Bounded (TICKER_LIMIT lines).
 */
export function AlarmTicker() {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const alarms = useOpsStore((s) => s.alarms);
  const index = useTwinStore((s) => s.index);
  const items = useMemo(() => {
    const household = (a: Alarm) => {
      const d = index?.deviceById.get(a.deviceId);
      return a.deviceType === 'elderly_sensor' || (d ? isHouseholdDevice(d) : false);
    };
    const single = (a: Alarm) => {
      const b = a.buildingId ? index?.buildingById.get(a.buildingId) : undefined;
      const d = index?.deviceById.get(a.deviceId);
      const place = d ? deviceLabel(lang, d, index ?? null) : b ? buildingTitle(lang, b) : a.deviceId;
      return `${pick(lang, a.message)} · ${place}`;
    };
    const warnings = (buildingId: string, n: number) => {
      const b = index?.buildingById.get(buildingId);
      return t('attn.ticker.warnings', { building: b ? buildingTitle(lang, b) : buildingId, n });
    };
    return tickerItems(alarms, {
      single,
      warnings,
      isHousehold: household,
      aggregate: (type, n) => t('wall.ticker.aggregate', { type: deviceTypeName(lang, type), n }),
    });
  }, [alarms, index, lang, t]);
  const track = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState(0);
  useLayoutEffect(() => {
    const el = track.current;
    // scroll only when the lines do not fit; speed stays constant whatever their length
    const over = el ? el.scrollWidth - (el.parentElement?.clientWidth ?? 0) : 0;
    setScroll(over > 0 ? Math.max(12, el!.scrollWidth / 120) : 0);
  }, [items]);
  return (
    <footer className="wall-ticker" data-inset="bottom" data-testid="wall-ticker">
      <span className="wall-ticker-label">{t('wall.ticker.title')}</span>
      <div className="wall-ticker-window">
        {items.length === 0 ? (
          <span className="wall-ticker-calm">{t('wall.ticker.none')}</span>
        ) : (
          <div ref={track} className={`wall-ticker-track ${scroll ? 'scrolling' : ''}`} style={scroll ? { animationDuration: `${scroll}s` } : undefined}>
            {items.map((i) => (
              <span
                key={i.key}
                className={`wall-ticker-item sev-${i.severity} state-${i.state} ${i.aggregate ? 'aggregate' : ''}`}
                data-testid="ticker-item"
                data-state={i.state}
              >
                <span className={`sev-badge ${i.severity}`}>{t(`severity.${i.severity}`)}</span>
                {i.text}
                {i.state !== 'unack' && <span className="wall-ticker-state">{t(i.state === 'ack' ? 'attn.acked' : 'attn.returned')}</span>}
                <time>{formatTime(i.at)}</time>
              </span>
            ))}
          </div>
        )}
      </div>
    </footer>
  );
}
