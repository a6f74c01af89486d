import { useMemo } from 'react';
import { SEVERITIES } from '../../models/alarm';
import { countAlarms } from '../../models/alarmState';
import { useT } from '../i18n/useT';
import { useOpsStore } from '../stores/useOpsStore';
import { fmt } from './wallFormat';
import { WallPanel } from './WallPanel';

/**
 * Alarm figures from the live alarm list (a new alarm shows at once), counted by `countAlarms` as the
 * console's KPI bar and the API count them: active (in alarm: unacknowledged or acknowledged) by
 * severity, unacknowledged (returned-unacknowledged included, also shown on their own), alarms today.
 */
export function AlarmSummaryPanel() {
  const t = useT();
  const alarms = useOpsStore((s) => s.alarms);
  const k = useOpsStore((s) => s.kpis);
  const c = useMemo(() => countAlarms(alarms), [alarms]);
  const max = Math.max(1, ...SEVERITIES.map((s) => c.active[s]));
  const hot = c.active.critical > 0 || c.unacknowledged.critical > 0;
  const returned = c.returnedUnack > 0 && (
    <span className="wall-returned" data-kpi="alarmsReturned">
      {t('attn.wall.returned')} {fmt(c.returnedUnack)}
    </span>
  );
  return (
    <WallPanel title={t('wall.alarms.title')} testId="wall-alarms" className={hot ? 'hot' : ''} aside={returned}>
      <div className="wall-stat-row">
        <div className="wall-stat">
          <span>{t('wall.alarms.active')}</span>
          <b className={`wall-big ${c.activeTotal ? 'bad' : 'good'}`} data-kpi="alarmsActive">
            {fmt(c.activeTotal)}
          </b>
        </div>
        <div className="wall-stat">
          <span>{t('wall.alarms.unacked')}</span>
          <b className={c.unackTotal ? 'warn' : ''} data-kpi="alarmsUnacked">
            {fmt(c.unackTotal)}
          </b>
        </div>
        <div className="wall-stat">
          <span>{t('wall.alarms.today')}</span>
          <b data-kpi="alarmsToday">{k ? fmt(k.alarmsToday) : '—'}</b>
        </div>
      </div>
      <ul className="wall-sev-bars">
        {SEVERITIES.map((s) => (
          <li key={s} className={`sev-${s}`} data-severity={s}>
            <span className="name">{t(`severity.${s}`)}</span>
            <span className="bar">
              <i style={{ width: `${(c.active[s] / max) * 100}%` }} />
            </span>
            <b>{fmt(c.active[s])}</b>
          </li>
        ))}
      </ul>
    </WallPanel>
  );
}
