import { lazy, Suspense, useEffect, useState } from 'react';
import { countAlarms } from '../../models/alarmState';
import { useT } from '../i18n/useT';
import { useOpsStore } from '../stores/useOpsStore';
import { useOverlayStore } from '../stores/useOverlayStore';
import { AlarmList } from './AlarmList';
import { WorkOrderList } from './WorkOrderList';

// The alarm-system metrics tab loads when first opened: the console's initial JS does not carry it.
const AlarmMetricsPanel = lazy(() => import('./AlarmMetricsPanel').then((m) => ({ default: m.AlarmMetricsPanel })));

/** Alarms and work orders in tabs on the left. */
export function OpsPanel() {
  const t = useT();
  const [tab, setTab] = useState<'alarms' | 'wo' | 'metrics'>('alarms');
  // the default list's length (ISA-18.2: what calls for attention), the KPI bar's figure
  const attention = useOpsStore((s) => countAlarms(s.alarms).attention);
  // a KPI figure clicked sets the alarm filter: show the list it counts
  useEffect(() => useOverlayStore.subscribe((s, p) => void (s.alarmFilter !== p.alarmFilter && setTab('alarms'))), []);
  const workOrders = useOpsStore((s) => s.workOrders);
  return (
    <section className="panel ops">
      <header className="panel-head tabs" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'alarms'} className={tab === 'alarms' ? 'on' : ''} onClick={() => setTab('alarms')}>
          {t('alarm.list')}{' '}
          <b className={attention ? 'count hot' : 'count'} data-testid="alarm-tab-count">
            {attention}
          </b>
        </button>
        <button type="button" role="tab" aria-selected={tab === 'wo'} className={tab === 'wo' ? 'on' : ''} onClick={() => setTab('wo')}>
          {t('wo.list')} <b className="count">{workOrders.length}</b>
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'metrics'}
          className={tab === 'metrics' ? 'on' : ''}
          onClick={() => setTab('metrics')}
          data-testid="metrics-tab"
        >
          {t('am.tab')}
        </button>
      </header>
      <div className="panel-body scroll">
        {tab === 'alarms' ? (
          <AlarmList />
        ) : tab === 'wo' ? (
          <WorkOrderList workOrders={workOrders} />
        ) : (
          <Suspense fallback={null}>
            <AlarmMetricsPanel />
          </Suspense>
        )}
      </div>
    </section>
  );
}
