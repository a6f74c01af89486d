import type { WorkOrder } from '../../models/workOrder';
import { useT } from '../i18n/useT';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { formatTime } from './format';

export interface WorkOrderListProps {
  workOrders: readonly WorkOrder[];
  testId?: string;
}

/** Open work orders: priority, title, status, where; click flies to the device or building. */
export function WorkOrderList({ workOrders, testId = 'workorder-list' }: WorkOrderListProps) {
  const t = useT();
  const index = useTwinStore((s) => s.index);
  const go = (w: WorkOrder) => {
    const ui = useUiStore.getState();
    if (w.deviceId && index?.deviceById.has(w.deviceId)) ui.selectDevice(w.deviceId);
    else if (w.buildingId) ui.selectBuilding(w.buildingId);
  };
  return (
    <ul className="wo-list" data-testid={testId}>
      {workOrders.length === 0 && <li className="empty">{t('wo.none')}</li>}
      {workOrders.map((w) => {
        const b = w.buildingId ? index?.buildingById.get(w.buildingId) : undefined;
        return (
          <li key={w.id} className={`wo-item prio-${w.priority}`} data-testid="workorder-item">
            <button type="button" onClick={() => go(w)}>
              <span className={`prio-badge ${w.priority}`}>{t(`wo.priority.${w.priority}`)}</span>
              <span className="wo-title">{w.title}</span>
              <span className={`wo-status ${w.status}`}>{t(`wo.status.${w.status}`)}</span>
              <span className="wo-where">
                {b ? t('crumb.building', { n: b.number }) : ''} {w.assignee ? `· ${w.assignee}` : ''} · {formatTime(w.createdAt)}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
