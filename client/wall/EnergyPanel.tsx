import { lazy, Suspense } from 'react';
import { useT } from '../i18n/useT';
import { useOpsStore } from '../stores/useOpsStore';
import { useEnergyHourly } from './useTrends';
import { fmt } from './wallFormat';
import { WallPanel } from './WallPanel';

const WallTrendChart = lazy(() => import('./WallTrendChart'));

const count = (xs: (number | null)[]) => xs.filter((v) => v !== null).length;

/**
 * Electricity by local hour, today (bars) against yesterday (dashed line); today's total, its change against
 * yesterday up to the same time of day (the KPIs) and water today.
 */
export function EnergyPanel() {
  const t = useT();
  const k = useOpsStore((s) => s.kpis);
  const hourly = useEnergyHourly('energy_kwh');
  const today = k?.energyTodayKwh ?? 0;
  const yesterday = k?.energyYesterdayKwh ?? 0;
  const delta = k && yesterday > 0 ? ((today - yesterday) / yesterday) * 100 : null;
  const todayPts = hourly ? count(hourly.today.values) : 0;
  const yesterdayPts = hourly ? count(hourly.yesterday.values) : 0;
  return (
    <WallPanel
      title={t('wall.energy.title')}
      testId="wall-energy"
      className="wall-energy"
      aside={
        delta === null ? null : (
          <span className={delta > 10 ? 'warn' : 'good'} data-kpi="energyYesterday" data-value={yesterday}>
            {t('kpi.vsYesterday', { pct: `${delta >= 0 ? '+' : ''}${fmt(delta, 1)}%` })}
          </span>
        )
      }
    >
      <div
        className="wall-chart"
        data-testid="wall-energy-trend"
        data-today-points={todayPts}
        data-yesterday-points={yesterdayPts}
        data-time-zone={hourly?.timeZone ?? ''}
      >
        {hourly && todayPts + yesterdayPts > 0 ? (
          <Suspense fallback={<div className="wall-chart-empty">{t('trend.loading')}</div>}>
            <WallTrendChart kind="energy" data={hourly} ariaLabel={t('trend.energy.aria', { unit: hourly.unit })} />
          </Suspense>
        ) : (
          <div className="wall-chart-empty">{hourly ? t('trend.noData') : t('trend.loading')}</div>
        )}
      </div>
      <div className="wall-foot wall-energy-foot">
        <span>
          <i className="key today" />
          {t('trend.today')} <b data-kpi="energyToday">{k ? fmt(today) : '—'}</b>
        </span>
        <span>
          <i className="key yesterday" />
          {t('wall.energy.yesterday')} <b>{k ? fmt(yesterday) : '—'}</b>
          <small>kWh</small>
        </span>
        <span className="water">
          {t('heat.metric.water_m3')} <b>{k ? fmt(k.waterTodayM3, 1) : '—'}</b>
          <small>m³</small>
        </span>
      </div>
    </WallPanel>
  );
}
