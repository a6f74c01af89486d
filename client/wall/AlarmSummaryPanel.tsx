import { useMemo } from 'react';
import { SEVERITIES, type Severity } from '../../models/alarm';
import { useT } from '../i18n/useT';
import { useOpsStore } from '../stores/useOpsStore';
import { fmt } from './wallFormat';
import { WallPanel } from './WallPanel';

/** Active alarms by severity (from the live alarm list, so a new alarm shows at once), alarms today, unacknowledged. */
export function AlarmSummaryPanel() {
  const t = useT();
  const alarms = useOpsStore((s) => s.alarms);
  const k = useOpsStore((s) => s.kpis);
  const counts = useMemo(() => {
    const c: Record<Severity, number> = { critical: 0, major: 0, minor: 0, warning: 0 };
    let unacked = 0;
    for (const a of alarms) {
      if (!a.active) continue;
      c[a.severity]++;
      if (!a.acknowledged) unacked++;
    }
    return { c, unacked, total: c.critical + c.major + c.minor + c.warning };
  }, [alarms]);
  const max = Math.max(1, ...SEVERITIES.map((s) => counts.c[s]));
  return (
    <WallPanel title={t('wall.alarms.title')} testId="wall-alarms" className={counts.c.critical > 0 ? 'hot' : ''}>
      <div className="wall-stat-row">
        <div className="wall-stat">
          <span>{t('wall.alarms.active')}</span>
          <b className={`wall-big ${counts.total ? 'bad' : 'good'}`} data-kpi="alarmsActive">{fmt(counts.total)}</b>
        </div>
        <div className="wall-stat">
          <span>{t('wall.alarms.unacked')}</span>
          <b className={counts.unacked ? 'warn' : ''} data-kpi="alarmsUnacked">{fmt(counts.unacked)}</b>
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
              <i style={{ width: `${(counts.c[s] / max) * 100}%` }} />
            </span>
            <b>{fmt(counts.c[s])}</b>
          </li>
        ))}
      </ul>
    </WallPanel>
  );
}
