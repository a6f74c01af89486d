import type { WorkOrderEvent } from '../../models/workOrder';
import { useT } from '../i18n/useT';
import { formatTime } from './format';

/** The order's history, newest first: every step, change and comment with who and when. */
export function WorkOrderHistory({ events }: { events: readonly WorkOrderEvent[] }) {
  const t = useT();
  const text = (e: WorkOrderEvent) => {
    if (e.action === 'transition' && e.from && e.to) return t('wod.event.transition', { from: t(`wo.status.${e.from}`), to: t(`wo.status.${e.to}`) });
    if (e.action === 'assignee') return t('wod.event.assignee', { to: String((e.detail as { to?: unknown } | null)?.to ?? '—') });
    return t(`wod.event.${e.action}`);
  };
  return (
    <ol className="wo-history" data-testid="wo-history">
      {[...events].reverse().map((e) => (
        <li key={e.id}>
          <span className="when">{formatTime(e.at)}</span>
          <span className="what">
            {text(e)} <small>· {e.by}</small>
          </span>
          {e.comment && <q>{e.comment}</q>}
        </li>
      ))}
    </ol>
  );
}
