import { z } from 'zod';
import { Point3Schema } from './compound';
import { MAX_ROW_ID } from './validation';
import type { Severity } from './alarm';
import { ASSIGNEE_REF_RE } from './staff';
import { MoneySchema } from './operations';

export const WORK_ORDER_STATUSES = ['open', 'assigned', 'in_progress', 'resolved', 'closed'] as const;
export const WorkOrderStatusSchema = z.enum(WORK_ORDER_STATUSES);
export type WorkOrderStatus = z.infer<typeof WorkOrderStatusSchema>;
export const WORK_ORDER_CATEGORIES = ['repair', 'inspection', 'cleaning', 'security', 'complaint'] as const;
export type WorkOrderCategory = (typeof WORK_ORDER_CATEGORIES)[number];
export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Allowed status moves; `reopen` goes from resolved/closed back to open. */
export const WORK_ORDER_TRANSITIONS: Record<WorkOrderStatus, WorkOrderStatus[]> = {
  open: ['assigned', 'in_progress', 'closed'],
  assigned: ['in_progress', 'open', 'closed'],
  in_progress: ['resolved', 'assigned'],
  resolved: ['closed', 'open'],
  closed: ['open'],
};

/** Statuses in which someone still has to act (the SLA clocks run). */
export const PENDING_STATUSES: readonly WorkOrderStatus[] = ['open', 'assigned', 'in_progress'];

/** SLA targets in minutes by priority: response = first assignment or start; resolution = resolved. The one table. */
export const WORK_ORDER_SLA_MIN: Record<Priority, { response: number; resolve: number }> = {
  urgent: { response: 15, resolve: 4 * 60 },
  high: { response: 30, resolve: 24 * 60 },
  normal: { response: 2 * 60, resolve: 72 * 60 },
  low: { response: 8 * 60, resolve: 7 * 24 * 60 },
};

/** A staff member or team of the order's compound (GET /compounds/:id/staff lists them). */
const Assignee = z
  .string()
  .trim()
  .regex(ASSIGNEE_REF_RE, 'an assignee is "staff:<id>" or "team:<id>" of the compound\'s staff and teams (GET /api/v1/compounds/:id/staff)');

/** The priority an alarm's severity calls for. */
export const PRIORITY_OF_SEVERITY: Record<Severity, Priority> = { critical: 'urgent', major: 'high', minor: 'normal', warning: 'low' };

/** What kind of job an alarm calls for, by rule id prefix (first match); anything else is a repair. */
const CATEGORY_OF_RULE: [string, WorkOrderCategory][] = [
  ['offline.', 'repair'],
  ['smoke.low_battery', 'repair'],
  ['smoke.', 'security'],
  ['fence.', 'security'],
  ['gate.', 'security'],
  ['charger.', 'security'],
  ['elderly.', 'inspection'],
  ['env.', 'inspection'],
  ['meter.', 'inspection'],
  ['water.', 'inspection'],
];

export function categoryOfAlarm(ruleId: string): WorkOrderCategory {
  return CATEGORY_OF_RULE.find(([prefix]) => ruleId.startsWith(prefix))?.[1] ?? 'repair';
}

/** One click from an alarm needs only `alarmId`; from a device `deviceId` + title; from the scene `compoundId` + `location` + title. */
export const WorkOrderCreateSchema = z
  .strictObject({
    compoundId: z.string().min(1).max(64).optional(),
    title: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(4000).default(''),
    category: z.enum(WORK_ORDER_CATEGORIES).optional(),
    priority: z.enum(PRIORITIES).optional(),
    alarmId: z.int().positive().max(MAX_ROW_ID).optional(),
    deviceId: z.string().max(80).optional(),
    buildingId: z.string().max(64).optional(),
    location: Point3Schema.optional(),
    assignee: Assignee.optional(),
    comment: z.string().trim().min(1).max(2000).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.alarmId !== undefined) return;
    if (!b.title) ctx.addIssue({ code: 'custom', path: ['title'], message: 'required unless alarmId is given' });
    if (!b.category) ctx.addIssue({ code: 'custom', path: ['category'], message: `required unless alarmId is given (${WORK_ORDER_CATEGORIES.join(', ')})` });
    if (!b.compoundId && !b.deviceId) ctx.addIssue({ code: 'custom', path: ['compoundId'], message: 'required unless alarmId or deviceId is given' });
  });
export type WorkOrderCreate = z.infer<typeof WorkOrderCreateSchema>;

/** PATCH: any of these; a status change must follow WORK_ORDER_TRANSITIONS; `assignee: null` unassigns. */
export const WorkOrderUpdateSchema = z
  .strictObject({
    status: WorkOrderStatusSchema.optional(),
    assignee: Assignee.nullable().optional(),
    priority: z.enum(PRIORITIES).optional(),
    category: z.enum(WORK_ORDER_CATEGORIES).optional(),
    title: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(4000).optional(),
    comment: z.string().trim().min(1).max(2000).optional(),
    /** Upkeep: what the job cost, yuan (labour; parts and materials). */
    labourCost: MoneySchema.nullable().optional(),
    partsCost: MoneySchema.nullable().optional(),
  })
  .refine(
    (b) => Object.keys(b).length > 0,
    'nothing to change: give status, assignee, priority, category, title, description, comment, labourCost or partsCost',
  );
export type WorkOrderUpdate = z.infer<typeof WorkOrderUpdateSchema>;

/** POST /work-orders/:id/<action>: shorthand for the status moves. */
export const WORK_ORDER_ACTIONS = { assign: 'assigned', start: 'in_progress', resolve: 'resolved', close: 'closed', reopen: 'open' } as const satisfies Record<
  string,
  WorkOrderStatus
>;
export const WorkOrderActionSchema = z.strictObject({
  assignee: Assignee.optional(),
  comment: z.string().trim().min(1).max(2000).optional(),
  /** On resolve (or any move): what the job cost, yuan. */
  labourCost: MoneySchema.optional(),
  partsCost: MoneySchema.optional(),
});
export const WorkOrderCommentSchema = z.strictObject({ text: z.string().trim().min(1, 'a comment needs text').max(2000) });

export const WorkOrderQuerySchema = z.strictObject({
  compoundId: z.string().max(64).optional(),
  /** Comma-separated statuses, or `pending` (open, assigned, in progress) / `active` (all but closed). */
  status: z.string().max(80).optional(),
  /** `staff:<id>` / `team:<id>`, or the name shown (older free-text assignees). */
  assignee: z.string().max(64).optional(),
  buildingId: z.string().max(64).optional(),
  deviceId: z.string().max(80).optional(),
  alarmId: z.coerce.number().int().positive().max(MAX_ROW_ID).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

export interface WorkOrderComment {
  at: number;
  by: string;
  text: string;
}

export interface WorkOrder {
  id: number;
  compoundId: string;
  title: string;
  description: string;
  category: WorkOrderCategory;
  priority: Priority;
  status: WorkOrderStatus;
  /** Who has it, as shown: the staff member's or team's name when assigned (older orders: the free text typed then). */
  assignee: string | null;
  /** `staff:<id>` or `team:<id>` when assigned to the compound's staff; null for none or an older free-text assignee. */
  assigneeRef: string | null;
  /** The assignee's English name, when the staff directory has one. */
  assigneeNameEn: string | null;
  alarmId: number | null;
  deviceId: string | null;
  buildingId: string | null;
  /** Where the pin goes: local metres x, y and height z. */
  location: [number, number, number] | null;
  createdBy: string;
  createdAt: number;
  /** When each step was last entered (cleared from resolved/closed on reopen; the events keep everything). */
  assignedAt: number | null;
  startedAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  /** First assignment or start: stops the response clock. */
  respondedAt: number | null;
  reopened: number;
  /** SLA targets in minutes, from priority (WORK_ORDER_SLA_MIN), and their deadlines. */
  slaResponseMin: number;
  slaResolveMin: number;
  responseDueAt: number;
  resolveDueAt: number;
  /** As of `slaAt`: each clock missed (met late, or still running past due). */
  responseBreached: boolean;
  resolveBreached: boolean;
  /** Still pending and past a deadline not yet met: what needs attention now. */
  overdue: boolean;
  slaAt: number;
  comments: WorkOrderComment[];
  /** Upkeep: labour and parts cost of the job, yuan (null: not recorded). */
  labourCost: number | null;
  partsCost: number | null;
  /** Where it came from: the console, an alarm, or a resident's repair request (/repair). */
  source: WorkOrderSource;
  /** The resident's rating after closing (回访评价), 1–5, and their words. */
  residentRating: number | null;
  ratingComment: string | null;
}

export const WORK_ORDER_SOURCES = ['staff', 'alarm', 'resident'] as const;
export type WorkOrderSource = (typeof WORK_ORDER_SOURCES)[number];

export const WORK_ORDER_EVENT_ACTIONS = ['created', 'transition', 'assignee', 'priority', 'category', 'edited', 'comment', 'rated'] as const;
export interface WorkOrderEvent {
  id: number;
  workOrderId: number;
  at: number;
  action: (typeof WORK_ORDER_EVENT_ACTIONS)[number];
  by: string;
  from: WorkOrderStatus | null;
  to: WorkOrderStatus | null;
  comment: string | null;
  /** What else changed, e.g. {assignee: "li"} or {priority: {from: "normal", to: "urgent"}}. */
  detail: Record<string, unknown> | null;
}

/** GET /work-orders/:id: the order with its whole history. */
export interface WorkOrderDetail extends WorkOrder {
  events: WorkOrderEvent[];
}

type SlaInput = Pick<WorkOrder, 'status' | 'createdAt' | 'respondedAt' | 'resolvedAt' | 'closedAt' | 'slaResponseMin' | 'slaResolveMin'>;

/** The SLA clocks of a work order as of `now`: deadlines, breaches and whether it is overdue. */
export function workOrderSla(w: SlaInput, now: number) {
  const responseDueAt = w.createdAt + w.slaResponseMin * 60_000;
  const resolveDueAt = w.createdAt + w.slaResolveMin * 60_000;
  const pending = PENDING_STATUSES.includes(w.status);
  // Closed without being resolved (cancelled, duplicate) stops the resolution clock at closing.
  const doneAt = w.resolvedAt ?? (pending ? null : w.closedAt);
  const responseBreached = (w.respondedAt ?? (pending ? now : (w.closedAt ?? now))) > responseDueAt;
  const resolveBreached = (doneAt ?? now) > resolveDueAt;
  const overdue = pending && ((w.respondedAt === null && now > responseDueAt) || now > resolveDueAt);
  return { responseDueAt, resolveDueAt, responseBreached, resolveBreached, overdue, slaAt: now };
}
