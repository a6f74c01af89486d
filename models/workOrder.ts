import { z } from 'zod';
import { Point3Schema } from './compound';

export const WORK_ORDER_STATUSES = ['open', 'assigned', 'in_progress', 'resolved', 'closed'] as const;
export const WorkOrderStatusSchema = z.enum(WORK_ORDER_STATUSES);
export type WorkOrderStatus = z.infer<typeof WorkOrderStatusSchema>;
export const WORK_ORDER_CATEGORIES = ['repair', 'inspection', 'cleaning', 'security', 'complaint'] as const;
export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;

/** Allowed status moves; `reopen` goes from resolved/closed back to open. */
export const WORK_ORDER_TRANSITIONS: Record<WorkOrderStatus, WorkOrderStatus[]> = {
  open: ['assigned', 'in_progress', 'closed'],
  assigned: ['in_progress', 'open', 'closed'],
  in_progress: ['resolved', 'assigned'],
  resolved: ['closed', 'open'],
  closed: ['open'],
};

export const WorkOrderCreateSchema = z.strictObject({
  compoundId: z.string().min(1).max(64),
  title: z.string().trim().min(1).max(200),
  description: z.string().max(4000).default(''),
  category: z.enum(WORK_ORDER_CATEGORIES),
  priority: z.enum(PRIORITIES).default('normal'),
  alarmId: z.int().positive().optional(),
  deviceId: z.string().max(80).optional(),
  buildingId: z.string().max(64).optional(),
  location: Point3Schema.optional(),
  assignee: z.string().max(64).optional(),
});

export const WorkOrderUpdateSchema = z.strictObject({
  status: WorkOrderStatusSchema.optional(),
  assignee: z.string().max(64).optional(),
  priority: z.enum(PRIORITIES).optional(),
  comment: z.string().trim().max(2000).optional(),
});

export interface WorkOrder {
  id: number;
  compoundId: string;
  title: string;
  description: string;
  category: (typeof WORK_ORDER_CATEGORIES)[number];
  priority: (typeof PRIORITIES)[number];
  status: WorkOrderStatus;
  assignee: string | null;
  alarmId: number | null;
  deviceId: string | null;
  buildingId: string | null;
  location: [number, number, number] | null;
  createdBy: string;
  createdAt: number;
  assignedAt: number | null;
  startedAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  reopened: number;
  /** SLA targets in minutes, from priority. */
  slaResponseMin: number;
  slaResolveMin: number;
  comments: { at: number; by: string; text: string }[];
}
