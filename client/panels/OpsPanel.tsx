import { useState } from 'react';
import { useT } from '../i18n/useT';
import { useOpsStore } from '../stores/useOpsStore';
import { AlarmList } from './AlarmList';
import { WorkOrderList } from './WorkOrderList';

/** Alarms and work orders in tabs on the left. */
export function OpsPanel() {
  const t = useT();
  const [tab, setTab] = useState<'alarms' | 'wo'>('alarms');
  const activeAlarms = useOpsStore((s) => s.alarms.filter((a) => a.active).length);
  const workOrders = useOpsStore((s) => s.workOrders);
  return (
    <section className="panel ops">
      <header className="panel-head tabs" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'alarms'} className={tab === 'alarms' ? 'on' : ''} onClick={() => setTab('alarms')}>
          {t('alarm.list')} <b className={activeAlarms ? 'count hot' : 'count'}>{activeAlarms}</b>
        </button>
        <button type="button" role="tab" aria-selected={tab === 'wo'} className={tab === 'wo' ? 'on' : ''} onClick={() => setTab('wo')}>
          {t('wo.list')} <b className="count">{workOrders.length}</b>
        </button>
      </header>
      <div className="panel-body scroll">{tab === 'alarms' ? <AlarmList /> : <WorkOrderList workOrders={workOrders} />}</div>
    </section>
  );
}
