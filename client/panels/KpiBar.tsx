import { SEVERITIES, type Severity } from '../../models/alarm';
import type { AlarmListState } from '../../models/alarmState';
import { useT } from '../i18n/useT';
import { useOpsStore } from '../stores/useOpsStore';
import { useOverlayStore } from '../stores/useOverlayStore';

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Opens the alarm list on exactly what a figure counts (other filters off), so the list shows the same number. */
const showInList = (state: AlarmListState, severities: readonly Severity[] = []) => useOverlayStore.getState().setAlarmFilter({ state, severities, buildingId: null, deviceType: null });

/**
 * Headline figures: online rate; alarms in ISA-18.2 terms (needing attention, unacknowledged, returned,
 * active by severity, shelved, suppressed: each a button that filters the alarm list to what it counts);
 * work orders, energy and water today.
 */
export function KpiBar() {
  const k = useOpsStore((s) => s.kpis);
  const t = useT();
  const active = k ? SEVERITIES.reduce((sum, s) => sum + k.alarmsActive[s], 0) : 0;
  const energyDelta = k && k.energyYesterdayKwh > 0 ? ((k.energyTodayKwh - k.energyYesterdayKwh) / k.energyYesterdayKwh) * 100 : null;
  const dash = '—';
  const tip = (state: AlarmListState) => t('alarmst.kpi.show', { label: t(`alarmst.filter.${state}`) });
  return (
    <div className="kpi-bar" data-testid="kpi-bar">
      <div className="kpi">
        <span className="kpi-label">{t('kpi.online')}</span>
        <span className="kpi-value good" data-kpi="onlinePct">{k ? `${fmt(k.onlinePct, 1)}%` : dash}</span>
        <span className="kpi-sub">{k ? `${fmt(k.devicesOnline)} / ${fmt(k.devicesTotal)}` : ''}</span>
      </div>
      <div className={`kpi kpi-alarm ${k?.alarmsAttention ? 'hot' : ''}`}>
        <span className="kpi-label">{t('alarmst.kpi.attention')}</span>
        <button type="button" className="kpi-value kpi-link" data-kpi="alarmsAttention" title={tip('attention')} disabled={!k} onClick={() => showInList('attention')}>
          {k ? fmt(k.alarmsAttention) : dash}
        </button>
        <span className="kpi-sub">{k ? `${t('kpi.alarmsToday')} ${fmt(k.alarmsToday)}` : ''}</span>
      </div>
      <div className="kpi kpi-alarm">
        <span className="kpi-label">{t('alarmst.kpi.unacked')}</span>
        <button type="button" className={`kpi-value kpi-link ${k?.alarmsUnacknowledged ? 'warn' : ''}`} data-kpi="alarmsUnacknowledged" title={tip('unacked')} disabled={!k} onClick={() => showInList('unacked')}>
          {k ? fmt(k.alarmsUnacknowledged) : dash}
        </button>
        <span className="kpi-sub">
          {k && (
            <button type="button" className={`kpi-link ${k.alarmsReturnedUnack ? 'warn' : ''}`} data-kpi="alarmsReturnedUnack" title={tip('returned')} onClick={() => showInList('returned')}>
              {t('alarmst.kpi.returned')} {fmt(k.alarmsReturnedUnack)}
            </button>
          )}
        </span>
      </div>
      <div className="kpi kpi-alarm">
        <span className="kpi-label">{t('alarmst.kpi.active')}</span>
        <button type="button" className="kpi-value kpi-link" data-kpi="alarmsActive" title={tip('active')} disabled={!k} onClick={() => showInList('active')}>
          {k ? fmt(active) : dash}
        </button>
        <span className="kpi-sub severity-row">
          {k &&
            SEVERITIES.map((s) => (
              <button key={s} type="button" className={`sev kpi-link ${s}`} data-kpi={`alarmsActive.${s}`} title={`${t(`severity.${s}`)} · ${tip('active')}`} onClick={() => showInList('active', [s])}>
                {k.alarmsActive[s]}
              </button>
            ))}
        </span>
      </div>
      <div className="kpi kpi-alarm">
        <span className="kpi-label">{t('alarmst.kpi.shelvedSuppressed')}</span>
        <span className="kpi-value kpi-pair">
          <button type="button" className="kpi-link" data-kpi="alarmsShelved" title={tip('shelved')} disabled={!k} onClick={() => showInList('shelved')}>
            {k ? fmt(k.alarmsShelved) : dash}
          </button>
          <small>·</small>
          <button type="button" className="kpi-link" data-kpi="alarmsSuppressed" title={tip('suppressed')} disabled={!k} onClick={() => showInList('suppressed')}>
            {k ? fmt(k.alarmsSuppressed) : dash}
          </button>
        </span>
        <span className="kpi-sub" />
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
