import { useEffect, useRef } from 'react';
import { buildingTitle, deviceLabel } from '../i18n/names';
import { deviceTypeName, pick } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { useOpsStore } from '../stores/useOpsStore';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { usePatrolStore } from './usePatrolStore';
import { WallPanel } from './WallPanel';

/** What the camera shows and for how much longer; the target is also in data attributes for tests. */
export function PatrolPanel() {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const p = usePatrolStore();
  const index = useTwinStore((s) => s.index);
  const alarm = useOpsStore((s) => (p.alarmId === null ? null : (s.alarms.find((a) => a.id === p.alarmId) ?? null)));
  const left = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const tick = () => {
      const s = Math.max(0, Math.ceil(p.holdS - (Date.now() - p.since) / 1000));
      const text = t('wall.patrol.left', { s });
      if (left.current && left.current.textContent !== text) left.current.textContent = text;
    };
    tick();
    const id = setInterval(tick, 1000);
    return () => clearInterval(id);
  }, [p.since, p.holdS, t]);
  const b = p.buildingId ? index?.buildingById.get(p.buildingId) : undefined;
  const d = p.deviceId ? index?.deviceById.get(p.deviceId) : undefined;
  const where = b ? buildingTitle(lang, b) : t('wall.patrol.overview');
  return (
    <WallPanel title={t('wall.patrol.title')} testId="wall-patrol" className={p.kind === 'alarm' ? 'hot' : ''} aside={<span ref={left} />}>
      <div className="wall-patrol" data-kind={p.kind} data-building-id={p.buildingId ?? ''} data-device-id={p.deviceId ?? ''} data-alarm-id={p.alarmId ?? ''}>
        {p.kind === 'alarm' ? (
          <>
            <div className="wall-patrol-mode alarm">{t('wall.patrol.alarm')}</div>
            {alarm && (
              <div className="wall-patrol-what">
                <span className={`sev-badge ${alarm.severity}`}>{t(`severity.${alarm.severity}`)}</span> {pick(lang, alarm.message)}
              </div>
            )}
            <div className="wall-patrol-where">
              {where}
              {d ? ` · ${deviceLabel(lang, d, index ?? null)}` : alarm ? ` · ${deviceTypeName(lang, alarm.deviceType)}` : ''}
            </div>
          </>
        ) : (
          <>
            <div className="wall-patrol-mode">{t('wall.patrol.touring')}</div>
            <div className="wall-patrol-where">
              {where}
              {p.kind === 'building' && p.stops > 0 ? (
                <small>
                  {' '}
                  ({p.stop}/{p.stops})
                </small>
              ) : null}
            </div>
          </>
        )}
      </div>
    </WallPanel>
  );
}
