import type { WorkOrder } from '../../models/workOrder';
import { buildingTitle } from '../i18n/names';
import { useT } from '../i18n/useT';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { useWorkOrderUiStore } from '../stores/useWorkOrderUiStore';
import { formatTime } from './format';
import { SlaClocks } from './SlaClocks';
import { assigneeLabel } from './assigneeName';

export interface WorkOrderListProps {
  workOrders: readonly WorkOrder[];
  testId?: string;
}

/** Open work orders, newest first: priority, title, status, SLA clock (overdue in red), where; a click opens it and flies there. */
export function WorkOrderList({ workOrders, testId = 'workorder-list' }: WorkOrderListProps) {
  const t = useT();
  const index = useTwinStore((s) => s.index);
  const lang = useUiStore((s) => s.lang);
  const openId = useWorkOrderUiStore((s) => s.detailId);
  const go = (w: WorkOrder) => {
    const ui = useUiStore.getState();
    if (w.deviceId && index?.deviceById.has(w.deviceId)) ui.selectDevice(w.deviceId);
    else if (w.buildingId) ui.selectBuilding(w.buildingId);
    useWorkOrderUiStore.getState().open(w.id);
  };
  const sorted = [...workOrders].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
  return (
    <ul className="wo-list" data-testid={testId}>
      {sorted.length === 0 && <li className="empty">{t('wo.none')}</li>}
      {sorted.map((w) => {
        const b = w.buildingId ? index?.buildingById.get(w.buildingId) : undefined;
        return (
          <li
            key={w.id}
            className={`wo-item prio-${w.priority} st-${w.status} ${w.overdue ? 'overdue' : ''} ${openId === w.id ? 'selected' : ''}`}
            data-testid="workorder-item"
            data-workorder-id={w.id}
            data-status={w.status}
          >
            <button type="button" onClick={() => go(w)}>
              <span className={`prio-badge ${w.priority}`}>{t(`wo.priority.${w.priority}`)}</span>
              <span className="wo-title">
                #{w.id} {w.title}
              </span>
              <span className={`wo-status ${w.status}`}>{t(`wo.status.${w.status}`)}</span>
              <span className="wo-where">
                {b ? buildingTitle(lang, b) : ''} {w.assignee ? `· ${assigneeLabel(lang, w)}` : ''} · {formatTime(w.createdAt)} <SlaClocks order={w} compact />
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
