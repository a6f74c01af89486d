import { useState } from 'react';
import { WORK_ORDER_STATUSES, WORK_ORDER_TRANSITIONS, type WorkOrder, type WorkOrderStatus } from '../../models/workOrder';
import type { DictKey } from '../i18n/zh';
import { useT } from '../i18n/useT';

export interface WorkOrderStepsProps {
  order: WorkOrder;
  busy: boolean;
  /** Moves the order to `to`, with the assignee typed here and an optional comment. */
  onStep: (to: WorkOrderStatus, assignee: string, comment: string) => void;
}

/** A button's words for a move: forward steps by name, backward ones "send back", from done "reopen". */
function stepLabel(from: WorkOrderStatus, to: WorkOrderStatus): DictKey {
  if (to === 'open' && (from === 'resolved' || from === 'closed')) return 'wod.step.open';
  if (WORK_ORDER_STATUSES.indexOf(to) < WORK_ORDER_STATUSES.indexOf(from)) return 'wod.step.back';
  return `wod.step.${to}` as DictKey;
}

/** Lifecycle buttons for the moves allowed from the current status, with the assignee and a comment to go with them. */
export function WorkOrderSteps({ order, busy, onStep }: WorkOrderStepsProps) {
  const t = useT();
  const [assignee, setAssignee] = useState(order.assignee ?? '');
  const [comment, setComment] = useState('');
  const [hint, setHint] = useState<string | null>(null);
  const moves = WORK_ORDER_TRANSITIONS[order.status];
  const go = (to: WorkOrderStatus) => {
    if (to === 'assigned' && !assignee.trim()) return setHint(t('wod.needAssignee'));
    setHint(null);
    onStep(to, assignee.trim(), comment.trim());
    setComment('');
  };
  return (
    <div className="wo-steps">
      <label className="wo-field">
        <span>{t('wod.assignee')}</span>
        <input value={assignee} data-testid="wo-assignee" maxLength={64} onChange={(e) => setAssignee(e.target.value)} onKeyDown={(e) => e.stopPropagation()} />
      </label>
      <textarea value={comment} rows={2} placeholder={t('wod.comment')} aria-label={t('wod.comment')} data-testid="wo-step-comment" onChange={(e) => setComment(e.target.value)} onKeyDown={(e) => e.stopPropagation()} />
      <div className="alarm-actions wo-step-buttons">
        {moves.map((to) => (
          <button key={to} type="button" className={WORK_ORDER_STATUSES.indexOf(to) > WORK_ORDER_STATUSES.indexOf(order.status) ? 'primary' : ''} data-testid={`wo-step-${to}`} disabled={busy} onClick={() => go(to)}>
            {t(stepLabel(order.status, to))}
          </button>
        ))}
      </div>
      {hint && <div className="form-error">{hint}</div>}
    </div>
  );
}
