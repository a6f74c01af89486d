import { SEVERITIES, type Severity } from '../../models/alarm';
import { countAlarms, type AlarmListState } from '../../models/alarmState';
import { useMemo } from 'react';
import { useT } from '../i18n/useT';
import { useOpsStore } from '../stores/useOpsStore';
import { useOverlayStore } from '../stores/useOverlayStore';
import { useReplayStore } from '../stores/useReplayStore';
import { ReplayKpiBadge } from './ReplayKpiBadge';

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Opens the alarm list on exactly what a figure counts (other filters off), so the list shows the same number. */
const showInList = (state: AlarmListState, severities: readonly Severity[] = []) =>
  useOverlayStore.getState().setAlarmFilter({ state, severities, buildingId: null, deviceType: null });

/**
 * Headline figures: online rate; alarms in ISA-18.2 terms (needing attention, unacknowledged, returned,
 * active by severity, shelved, suppressed: each a button that filters the alarm list to what it counts);
 * work orders, energy and water today.
 */
export function KpiBar() {
  const live = useOpsStore((s) => s.kpis);
  // replay: the figures at the replayed moment (state-at), never the live ones; blank until its first answer
  const replaying = useReplayStore((s) => s.active);
  const replayKpis = useReplayStore((s) => s.kpis);
  const k = replaying ? replayKpis : live;
  // Alarm figures are counted here from the alarms the list shows, with the one definition (countAlarms) the
  // server's KPIs use too: the bar and the list agree at every moment, not only after the next kpi:update.
  const alarms = useOpsStore((s) => s.alarms);
  const c = useMemo(() => countAlarms(alarms), [alarms]);
  const t = useT();
  const active = c.activeTotal;
  const energyDelta = k && k.energyYesterdayKwh > 0 ? ((k.energyTodayKwh - k.energyYesterdayKwh) / k.energyYesterdayKwh) * 100 : null;
  const dash = '—';
  const tip = (state: AlarmListState) => t('alarmst.kpi.show', { label: t(`alarmst.filter.${state}`) });
  return (
    <div className={`kpi-bar ${replaying ? 'replayed' : ''}`} data-testid="kpi-bar" data-replay-t={replaying ? (k?.at ?? '') : undefined}>
      {replaying && <ReplayKpiBadge at={k?.at ?? null} />}
      <div className="kpi">
        <span className="kpi-label">{t('kpi.online')}</span>
        <span className="kpi-value good" data-kpi="onlinePct">
          {k ? `${fmt(k.onlinePct, 1)}%` : dash}
        </span>
        <span className="kpi-sub">{k ? `${fmt(k.devicesOnline)} / ${fmt(k.devicesTotal)}` : ''}</span>
      </div>
      <div className={`kpi kpi-alarm ${c.attention ? 'hot' : ''}`}>
        <span className="kpi-label">{t('alarmst.kpi.attention')}</span>
        <button
          type="button"
          className="kpi-value kpi-link"
          data-kpi="alarmsAttention"
          title={tip('attention')}
          disabled={!k}
          onClick={() => showInList('attention')}
        >
          {k ? fmt(c.attention) : dash}
        </button>
        <span className="kpi-sub">{k ? `${t('kpi.alarmsToday')} ${fmt(k.alarmsToday)}` : ''}</span>
      </div>
      <div className="kpi kpi-alarm">
        <span className="kpi-label">{t('alarmst.kpi.unacked')}</span>
        <button
          type="button"
          className={`kpi-value kpi-link ${c.unackTotal ? 'warn' : ''}`}
          data-kpi="alarmsUnacknowledged"
          title={tip('unacked')}
          disabled={!k}
          onClick={() => showInList('unacked')}
        >
          {k ? fmt(c.unackTotal) : dash}
        </button>
        <span className="kpi-sub">
          {k && (
            <button
              type="button"
              className={`kpi-link ${c.returnedUnack ? 'warn' : ''}`}
              data-kpi="alarmsReturnedUnack"
              title={tip('returned')}
              onClick={() => showInList('returned')}
            >
              {t('alarmst.kpi.returned')} {fmt(c.returnedUnack)}
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
              <button
                key={s}
                type="button"
                className={`sev kpi-link ${s}`}
                data-kpi={`alarmsActive.${s}`}
                title={`${t(`severity.${s}`)} · ${tip('active')}`}
                onClick={() => showInList('active', [s])}
              >
                {c.active[s]}
              </button>
            ))}
        </span>
      </div>
      <div className="kpi kpi-alarm">
        <span className="kpi-label">{t('alarmst.kpi.shelvedSuppressed')}</span>
        <span className="kpi-value kpi-pair">
          <button type="button" className="kpi-link" data-kpi="alarmsShelved" title={tip('shelved')} disabled={!k} onClick={() => showInList('shelved')}>
            {k ? fmt(c.shelved) : dash}
          </button>
          <small>·</small>
          <button
            type="button"
            className="kpi-link"
            data-kpi="alarmsSuppressed"
            title={tip('suppressed')}
            disabled={!k}
            onClick={() => showInList('suppressed')}
          >
            {k ? fmt(c.suppressed + c.outOfService) : dash}
          </button>
        </span>
        <span className="kpi-sub" />
      </div>
      <div className="kpi">
        <span className="kpi-label">{t('kpi.workOrders')}</span>
        <span className="kpi-value" data-kpi="workOrdersOpen">
          {k ? fmt(k.workOrdersOpen) : dash}
        </span>
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
