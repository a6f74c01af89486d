import {
  PRIORITIES,
  WORK_ORDER_SLA_MIN,
  WORK_ORDER_CATEGORIES,
  type Priority,
  type WorkOrder,
  type WorkOrderCategory,
  type WorkOrderEvent,
} from '../../models';
import type { WorkOrderRecord } from '../db/workorders.repo';
import { withSla } from '../workorders/workOrders.service';

const isPriority = (v: unknown): v is Priority => (PRIORITIES as readonly unknown[]).includes(v);
const isCategory = (v: unknown): v is WorkOrderCategory => (WORK_ORDER_CATEGORIES as readonly unknown[]).includes(v);
const fromOf = (v: unknown): unknown => (v && typeof v === 'object' ? (v as { from?: unknown }).from : undefined);

/**
 * A work order as it stood at t, from its stored state and its history: field changes after t are undone
 * (newest first, from each event's `detail.from`); status, step times, first response, reopen count and
 * comments are replayed from the events up to t. SLA clocks are read at t.
 */
export function workOrderAt(rec: WorkOrderRecord, events: WorkOrderEvent[], t: number): WorkOrder {
  const w: WorkOrderRecord = { ...rec };
  const after = events.filter((e) => e.at > t).sort((a, b) => b.at - a.at || b.id - a.id);
  for (const e of after) {
    const d = e.detail ?? {};
    if (e.action === 'assignee') {
      w.assignee = (fromOf(d) as string | null) ?? null;
      // the staff reference it had then (events before staff existed carry none)
      const ref = typeof d.fromRef === 'string' ? d.fromRef : null;
      if (ref !== w.assigneeRef) w.assigneeNameEn = null;
      w.assigneeRef = ref;
    }
    if (e.action === 'priority' && isPriority(fromOf(d))) {
      w.priority = fromOf(d) as Priority;
      w.slaResponseMin = WORK_ORDER_SLA_MIN[w.priority].response;
      w.slaResolveMin = WORK_ORDER_SLA_MIN[w.priority].resolve;
    }
    if (e.action === 'category' && isCategory(fromOf(d))) w.category = fromOf(d) as WorkOrderCategory;
    if (e.action === 'edited') {
      if (typeof fromOf(d.title) === 'string') w.title = fromOf(d.title) as string;
      if (typeof fromOf(d.description) === 'string') w.description = fromOf(d.description) as string;
    }
  }
  Object.assign(w, { status: 'open', assignedAt: null, startedAt: null, resolvedAt: null, closedAt: null, respondedAt: null, reopened: 0 });
  const upTo = events.filter((e) => e.at <= t).sort((a, b) => a.at - b.at || a.id - b.id);
  for (const e of upTo) {
    if (e.action !== 'transition' || !e.to) continue;
    if (e.to === 'open' && (e.from === 'resolved' || e.from === 'closed')) {
      w.reopened++;
      w.resolvedAt = null;
      w.closedAt = null;
    }
    if (e.to === 'assigned') w.assignedAt = e.at;
    if (e.to === 'in_progress') w.startedAt = e.at;
    if (e.to === 'resolved') w.resolvedAt = e.at;
    if (e.to === 'closed') w.closedAt = e.at;
    if ((e.to === 'assigned' || e.to === 'in_progress') && w.respondedAt === null) w.respondedAt = e.at;
    w.status = e.to;
  }
  w.comments = upTo.filter((e) => e.comment !== null).map((e) => ({ at: e.at, by: e.by, text: e.comment! }));
  return withSla(w, t);
}
