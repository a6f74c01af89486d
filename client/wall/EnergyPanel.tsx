import { useT } from '../i18n/useT';
import { useOpsStore } from '../stores/useOpsStore';
import { fmt } from './wallFormat';
import { WallPanel } from './WallPanel';

/** Electricity today against yesterday up to the same time of day, and water today. */
export function EnergyPanel() {
  const t = useT();
  const k = useOpsStore((s) => s.kpis);
  const today = k?.energyTodayKwh ?? 0;
  const yesterday = k?.energyYesterdayKwh ?? 0;
  const max = Math.max(today, yesterday, 1);
  const delta = k && yesterday > 0 ? ((today - yesterday) / yesterday) * 100 : null;
  return (
    <WallPanel title={t('wall.energy.title')} testId="wall-energy" aside={delta === null ? null : <span className={delta > 10 ? 'warn' : 'good'}>{t('kpi.vsYesterday', { pct: `${delta >= 0 ? '+' : ''}${fmt(delta, 1)}%` })}</span>}>
      <ul className="wall-compare">
        <li>
          <span className="name">{t('wall.energy.today')}</span>
          <span className="bar now">
            <i style={{ width: `${(today / max) * 100}%` }} />
          </span>
          <b data-kpi="energyToday">
            {k ? fmt(today) : '—'}
            <small>kWh</small>
          </b>
        </li>
        <li>
          <span className="name">{t('wall.energy.yesterday')}</span>
          <span className="bar before">
            <i style={{ width: `${(yesterday / max) * 100}%` }} />
          </span>
          <b data-kpi="energyYesterday">
            {k ? fmt(yesterday) : '—'}
            <small>kWh</small>
          </b>
        </li>
      </ul>
      <div className="wall-foot">
        {t('kpi.water')} <b>{k ? fmt(k.waterTodayM3, 1) : '—'}</b> m³
      </div>
    </WallPanel>
  );
}
