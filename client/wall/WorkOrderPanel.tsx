import { useT } from '../i18n/useT';
import { useOpsStore } from '../stores/useOpsStore';
import { fmt } from './wallFormat';
import { WallPanel } from './WallPanel';

export interface WorkOrderPanelProps {
  /** Mean minutes to first response over the last 7 days (null: none responded). */
  meanResponseMin: number | null;
}

/** Work orders today, overdue, still open, and how fast they are picked up. */
export function WorkOrderPanel({ meanResponseMin }: WorkOrderPanelProps) {
  const t = useT();
  const k = useOpsStore((s) => s.kpis);
  const dash = '—';
  return (
    <WallPanel title={t('wall.wo.title')} testId="wall-workorders">
      <div className="wall-tiles">
        <div className="wall-tile">
          <span>{t('wall.wo.today')}</span>
          <b data-kpi="workOrdersToday">{k ? fmt(k.workOrdersToday) : dash}</b>
        </div>
        <div className={`wall-tile ${k && k.workOrdersOverdue > 0 ? 'alert' : ''}`}>
          <span>{t('wall.wo.overdue')}</span>
          <b data-kpi="workOrdersOverdue">{k ? fmt(k.workOrdersOverdue) : dash}</b>
        </div>
        <div className="wall-tile">
          <span>{t('wall.wo.open')}</span>
          <b data-kpi="workOrdersOpen">{k ? fmt(k.workOrdersOpen) : dash}</b>
        </div>
        <div className="wall-tile">
          <span>{t('wall.wo.response')}</span>
          <b data-kpi="meanResponse">
            {meanResponseMin === null ? dash : fmt(meanResponseMin, meanResponseMin < 10 ? 1 : 0)}
            {meanResponseMin !== null && <small>{t('wall.unit.min')}</small>}
          </b>
        </div>
      </div>
    </WallPanel>
  );
}
