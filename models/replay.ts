import { z } from 'zod';
import type { Alarm } from './alarm';
import { TimestampSchema } from './reading';
import type { WorkOrder } from './workOrder';

/** A moment in a query string: epoch milliseconds as digits, or ISO-8601 with an offset. */
export const QueryTimeSchema = z.preprocess((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v), TimestampSchema);

/** How far back a replay may seek. */
export const REPLAY_MAX_AGE_MS = 7 * 86_400_000;

export const StateAtQuerySchema = z.strictObject({ t: QueryTimeSchema });
export const TimelineQuerySchema = z.strictObject({
  from: QueryTimeSchema,
  to: QueryTimeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(20_000).optional(),
});

/** A device as it was at a past moment (maintenance is not historised). */
export interface DeviceAt {
  deviceId: string;
  status: 'online' | 'offline' | 'alarm';
  /** Its last reading at or before t within the offline threshold (3 intervals): of its first metric when that one reported, else of any; null when none. */
  lastSeen: number | null;
}

/** GET /compounds/:id/state-at?t=…: the twin as it was at t. Alarms and work orders show what was known at t. */
export interface StateAt {
  compoundId: string;
  t: number;
  devices: DeviceAt[];
  counts: { online: number; offline: number; alarm: number };
  alarms: Alarm[];
  workOrders: WorkOrder[];
  /** Server time spent, for the scrubber's diagnostics. */
  tookMs: number;
}

export interface TimelineEvent {
  t: number;
  kind: 'alarm' | 'workorder';
  /** alarm: raised | cleared | auto_cleared; work order: created | assigned | in_progress | resolved | closed | open (reopened or unassigned). */
  action: string;
  id: number;
  deviceId: string | null;
  buildingId: string | null;
  /** Alarm severity, or the work order's priority. */
  severity: string;
  label: string;
}

/** GET /compounds/:id/timeline?from=&to=: marks for the replay scrubber, oldest first. */
export interface Timeline {
  compoundId: string;
  from: number;
  to: number;
  events: TimelineEvent[];
  /** More events than `limit` fell in the window: the oldest `limit` are returned. */
  truncated: boolean;
}
