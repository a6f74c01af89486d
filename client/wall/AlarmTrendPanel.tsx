import { lazy, Suspense } from 'react';
import { SEVERITIES } from '../../models/alarm';
import { useT } from '../i18n/useT';
import { useUiStore } from '../stores/useUiStore';
import { useAlarmHourly } from './useTrends';
import { WallPanel } from './WallPanel';

const WallTrendChart = lazy(() => import('./WallTrendChart'));
const DAYS = 7;

/** Alarms (raised or come back) per local hour over the last 7 days, stacked by severity. */
export function AlarmTrendPanel() {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const data = useAlarmHourly(DAYS);
  const total = data ? SEVERITIES.reduce((s, sev) => s + data.totals[sev], 0) : 0;
  const plural = new Intl.PluralRules(lang === 'en' ? 'en' : 'zh-CN').select(total) === 'one' ? 'one' : 'other';
  return (
    <WallPanel
      title={t('trend.alarms.title', { days: DAYS })}
      testId="wall-alarm-trend-panel"
      className="wall-alarm-trend"
      aside={data ? t(`trend.alarms.count.${plural}`, { n: new Intl.NumberFormat(lang === 'en' ? 'en' : 'zh-CN').format(total) }) : null}
    >
      <div className="wall-chart" data-testid="wall-alarm-trend" data-points={data?.hours.length ?? 0} data-total={total} data-time-zone={data?.timeZone ?? ''}>
        {data ? (
          <Suspense fallback={<div className="wall-chart-empty">{t('trend.loading')}</div>}>
            <WallTrendChart kind="alarms" data={data} ariaLabel={t('trend.alarms.aria', { days: DAYS })} />
          </Suspense>
        ) : (
          <div className="wall-chart-empty">{t('trend.loading')}</div>
        )}
      </div>
    </WallPanel>
  );
}
