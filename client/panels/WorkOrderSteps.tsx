import { useState } from 'react';
import { WORK_ORDER_STATUSES, WORK_ORDER_TRANSITIONS, type WorkOrder, type WorkOrderStatus } from '../../models/workOrder';
import type { DictKey } from '../i18n/zh';
import { useT } from '../i18n/useT';
import { AssigneeSelect } from './AssigneeSelect';

export interface WorkOrderStepsProps {
  order: WorkOrder;
  busy: boolean;
  /** Moves the order to `to`, with the assignee chosen here (`staff:<id>` / `team:<id>`, '' for none) and an optional comment. */
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
  const [assignee, setAssignee] = useState(order.assigneeRef ?? '');
  const [comment, setComment] = useState('');
  const [hint, setHint] = useState<string | null>(null);
  const moves = WORK_ORDER_TRANSITIONS[order.status];
  const go = (to: WorkOrderStatus) => {
    if (to === 'assigned' && !assignee) return setHint(t('wod.needAssignee'));
    setHint(null);
    onStep(to, assignee, comment.trim());
    setComment('');
  };
  return (
    <div className="wo-steps">
      <label className="wo-field">
        <span>{t('wod.assignee')}</span>
        <AssigneeSelect
          compoundId={order.compoundId}
          value={assignee}
          onChange={setAssignee}
          emptyLabel="woform.assignee.pick"
          legacyName={order.assigneeRef ? null : order.assignee}
          testId="wo-assignee"
          disabled={busy}
        />
      </label>
      <textarea
        value={comment}
        rows={2}
        placeholder={t('wod.comment')}
        aria-label={t('wod.comment')}
        data-testid="wo-step-comment"
        onChange={(e) => setComment(e.target.value)}
        onKeyDown={(e) => e.stopPropagation()}
      />
      <div className="alarm-actions wo-step-buttons">
        {moves.map((to) => (
          <button
            key={to}
            type="button"
            className={WORK_ORDER_STATUSES.indexOf(to) > WORK_ORDER_STATUSES.indexOf(order.status) ? 'primary' : ''}
            data-testid={`wo-step-${to}`}
            disabled={busy}
            onClick={() => go(to)}
          >
            {t(stepLabel(order.status, to))}
          </button>
        ))}
      </div>
      {hint && <div className="form-error">{hint}</div>}
    </div>
  );
}
