import { WORK_ORDER_SLA_MIN, WORK_ORDER_TRANSITIONS, type WorkOrderStatus, type WorkOrderUpdate } from '../../models';
import type { NewWorkOrderEvent, WorkOrderPatch, WorkOrderRecord } from '../db/workorders.repo';
import { HttpError } from '../http/errors';

/** An assignee resolved against the compound's staff: the name shown and what it refers to (none for older free text). */
export interface ResolvedAssignee {
  name: string;
  ref: string | null;
  staffId: number | null;
  teamId: number | null;
}

/** A change with its assignee resolved (the service looks `staff:<id>` / `team:<id>` up first). */
export type PlanInput = Omit<WorkOrderUpdate, 'assignee'> & { assignee?: ResolvedAssignee | null };

export interface PlannedChange {
  patch: WorkOrderPatch;
  events: NewWorkOrderEvent[];
}

/** Which step timestamp a status sets when entered. */
const STEP_AT: Partial<Record<WorkOrderStatus, keyof WorkOrderPatch>> = {
  assigned: 'assignedAt',
  in_progress: 'startedAt',
  resolved: 'resolvedAt',
  closed: 'closedAt',
};

/**
 * Turns a requested change into the row patch and the history events, or refuses it:
 * 409 for a move WORK_ORDER_TRANSITIONS does not allow (naming from and to), 400 for assigning nobody.
 * Giving an assignee to an open order dispatches it (→ assigned); removing the assignee of an assigned one returns it to open.
 */
export function planChange(cur: WorkOrderRecord, ch: PlanInput, by: string, now: number): PlannedChange {
  const patch: WorkOrderPatch = {};
  const events: NewWorkOrderEvent[] = [];
  const ev = (e: Partial<NewWorkOrderEvent> & Pick<NewWorkOrderEvent, 'action'>) =>
    events.push({ workOrderId: cur.id, at: now, by, from: null, to: null, comment: null, detail: null, ...e });

  let assignee = cur.assignee;
  const next = ch.assignee;
  const differs =
    next === null ? cur.assignee !== null || cur.assigneeRef !== null : next !== undefined && (next.ref !== cur.assigneeRef || next.name !== cur.assignee);
  if (next !== undefined && differs) {
    assignee = next?.name ?? null;
    patch.assignee = assignee;
    patch.assigneeStaffId = next?.staffId ?? null;
    patch.assigneeTeamId = next?.teamId ?? null;
    // `from`/`to` stay the names shown (history and replay read them); the references ride along.
    ev({ action: 'assignee', detail: { from: cur.assignee, to: assignee, fromRef: cur.assigneeRef, toRef: next?.ref ?? null } });
  }

  let target = ch.status;
  if (target === undefined && patch.assignee && cur.status === 'open') target = 'assigned';
  if (target === undefined && patch.assignee === null && cur.status === 'assigned') target = 'open';
  const sameStatus = target === cur.status;
  if (sameStatus) target = undefined;

  if (target !== undefined) {
    const allowed = WORK_ORDER_TRANSITIONS[cur.status];
    if (!allowed.includes(target)) {
      throw new HttpError(409, `cannot move work order ${cur.id} from "${cur.status}" to "${target}" (allowed from "${cur.status}": ${allowed.join(', ')})`, {
        from: cur.status,
        to: target,
        allowed,
      });
    }
    if (target === 'assigned' && !assignee) throw new HttpError(400, `assignee: work order ${cur.id} needs an assignee to be assigned`);
    patch.status = target;
    const step = STEP_AT[target];
    if (step) (patch as Record<string, number>)[step] = now;
    const reopening = target === 'open' && (cur.status === 'resolved' || cur.status === 'closed');
    if (reopening) {
      patch.reopened = cur.reopened + 1;
      patch.resolvedAt = null;
      patch.closedAt = null;
    }
    if (target === 'open' && cur.status === 'assigned' && patch.assignee === undefined) {
      patch.assignee = null;
      patch.assigneeStaffId = null;
      patch.assigneeTeamId = null;
      ev({ action: 'assignee', detail: { from: cur.assignee, to: null, fromRef: cur.assigneeRef, toRef: null } });
    }
    if ((target === 'assigned' || target === 'in_progress') && cur.respondedAt === null) patch.respondedAt = now;
    ev({ action: 'transition', from: cur.status, to: target, comment: ch.comment ?? null, detail: reopening ? { reopened: patch.reopened } : null });
  }

  if (ch.priority !== undefined && ch.priority !== cur.priority) {
    patch.priority = ch.priority;
    // The clocks keep running from creation; only the targets change.
    patch.slaResponseMin = WORK_ORDER_SLA_MIN[ch.priority].response;
    patch.slaResolveMin = WORK_ORDER_SLA_MIN[ch.priority].resolve;
    ev({ action: 'priority', detail: { from: cur.priority, to: ch.priority } });
  }
  if (ch.category !== undefined && ch.category !== cur.category) {
    patch.category = ch.category;
    ev({ action: 'category', detail: { from: cur.category, to: ch.category } });
  }
  const edited: Record<string, unknown> = {};
  if (ch.title !== undefined && ch.title !== cur.title) edited.title = { from: cur.title, to: (patch.title = ch.title) };
  if (ch.description !== undefined && ch.description !== cur.description)
    edited.description = { from: cur.description, to: (patch.description = ch.description) };
  if (ch.labourCost !== undefined && ch.labourCost !== cur.labourCost) edited.labourCost = { from: cur.labourCost, to: (patch.labourCost = ch.labourCost) };
  if (ch.partsCost !== undefined && ch.partsCost !== cur.partsCost) edited.partsCost = { from: cur.partsCost, to: (patch.partsCost = ch.partsCost) };
  if (Object.keys(edited).length) ev({ action: 'edited', detail: edited });

  if (ch.comment !== undefined && !events.some((e) => e.action === 'transition')) ev({ action: 'comment', comment: ch.comment });
  if (sameStatus && events.length === 0) {
    throw new HttpError(409, `work order ${cur.id} is already "${cur.status}"`, {
      from: cur.status,
      to: cur.status,
      allowed: WORK_ORDER_TRANSITIONS[cur.status],
    });
  }
  return { patch, events };
}
