import { useT } from '../i18n/useT';
import { useOpsStore } from '../stores/useOpsStore';

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Headline figures: online rate, alarms by severity, work orders, energy and water today. */
export function KpiBar() {
  const k = useOpsStore((s) => s.kpis);
  const t = useT();
  const alarms = k ? k.alarmsActive.critical + k.alarmsActive.major + k.alarmsActive.minor + k.alarmsActive.warning : 0;
  const energyDelta = k && k.energyYesterdayKwh > 0 ? ((k.energyTodayKwh - k.energyYesterdayKwh) / k.energyYesterdayKwh) * 100 : null;
  const dash = '—';
  return (
    <div className="kpi-bar" data-testid="kpi-bar">
      <div className="kpi">
        <span className="kpi-label">{t('kpi.online')}</span>
        <span className="kpi-value good" data-kpi="onlinePct">{k ? `${fmt(k.onlinePct, 1)}%` : dash}</span>
        <span className="kpi-sub">{k ? `${fmt(k.devicesOnline)} / ${fmt(k.devicesTotal)}` : ''}</span>
      </div>
      <div className={`kpi ${alarms > 0 ? 'hot' : ''}`}>
        <span className="kpi-label">{t('kpi.alarms')}</span>
        <span className="kpi-value" data-kpi="alarmsActive">{k ? fmt(alarms) : dash}</span>
        <span className="kpi-sub severity-row">
          {k && (
            <>
              <i className="sev critical" title={t('severity.critical')}>{k.alarmsActive.critical}</i>
              <i className="sev major" title={t('severity.major')}>{k.alarmsActive.major}</i>
              <i className="sev minor" title={t('severity.minor')}>{k.alarmsActive.minor}</i>
              <i className="sev warning" title={t('severity.warning')}>{k.alarmsActive.warning}</i>
            </>
          )}
        </span>
      </div>
      <div className="kpi">
        <span className="kpi-label">{t('kpi.unacked')}</span>
        <span className={`kpi-value ${k && k.alarmsUnacknowledged > 0 ? 'warn' : ''}`}>{k ? fmt(k.alarmsUnacknowledged) : dash}</span>
        <span className="kpi-sub">{k ? `${t('kpi.alarmsToday')} ${fmt(k.alarmsToday)}` : ''}</span>
      </div>
      <div className="kpi">
        <span className="kpi-label">{t('kpi.workOrders')}</span>
        <span className="kpi-value">{k ? fmt(k.workOrdersOpen) : dash}</span>
        <span className={`kpi-sub ${k && k.workOrdersOverdue > 0 ? 'warn' : ''}`}>{k ? `${t('kpi.overdue')} ${fmt(k.workOrdersOverdue)}` : ''}</span>
      </div>
      <div className="kpi">
        <span className="kpi-label">{t('kpi.energy')}</span>
        <span className="kpi-value">
          {k ? fmt(k.energyTodayKwh, 0) : dash}
          <small> kWh</small>
        </span>
        <span className="kpi-sub">{energyDelta !== null ? t('kpi.vsYesterday', { pct: `${energyDelta >= 0 ? '+' : ''}${fmt(energyDelta, 1)}%` }) : ''}</span>
      </div>
      <div className="kpi">
        <span className="kpi-label">{t('kpi.water')}</span>
        <span className="kpi-value">
          {k ? fmt(k.waterTodayM3, 1) : dash}
          <small> m³</small>
        </span>
      </div>
    </div>
  );
}
