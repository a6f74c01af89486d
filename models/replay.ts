import type { CommandDelta } from './commands';
import { z } from 'zod';
import type { Alarm } from './alarm';
import type { Kpis } from './kpi';
import { TimestampSchema } from './reading';
import type { WorkOrder } from './workOrder';
import type { AlarmSnapshotInfo } from './video';

/** A moment in a query string: epoch milliseconds as digits, or ISO-8601 with an offset. */
export const QueryTimeSchema = z.preprocess((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v), TimestampSchema);

/** How far back a replay may seek. */
export const REPLAY_MAX_AGE_MS = 7 * 86_400_000;

/** Devices whose readings a replay shows (the device panel): at most this many per request. */
export const STATE_AT_MAX_DEVICES = 20;

export const StateAtQuerySchema = z.strictObject({
  t: QueryTimeSchema,
  /** Comma-separated device ids whose last readings at or before t come back in `readings`. */
  devices: z
    .string()
    .max(2_000)
    .transform((v) =>
      v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().min(1).max(80)).max(STATE_AT_MAX_DEVICES, `at most ${STATE_AT_MAX_DEVICES} devices`))
    .optional(),
});
export const TimelineQuerySchema = z.strictObject({
  from: QueryTimeSchema,
  to: QueryTimeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(20_000).optional(),
});

/** A device as it was at a past moment (maintenance is not historised). */
export interface DeviceAt {
  deviceId: string;
  status: 'online' | 'offline' | 'alarm';
  /** Its last reading at or before t within the look-back (3 × its interval or 3 h, plus 1 h): of its first metric when that one reported, else of any; null when none. */
  lastSeen: number | null;
}

/** A device's last reading of one metric at or before the replayed moment. */
export interface ReadingAt {
  deviceId: string;
  metric: string;
  ts: number;
  value: number;
}

/** GET /compounds/:id/state-at?t=…[&devices=a,b]: the twin as it was at t. Alarms and work orders show what was known at t. */
export interface StateAt {
  compoundId: string;
  t: number;
  devices: DeviceAt[];
  counts: { online: number; offline: number; alarm: number };
  /** Every open alarm at t (ISA-18.2: in alarm, returned unacknowledged, shelved, suppressed), in the state it had then. */
  alarms: Alarm[];
  /** Work orders not closed at t, as they stood then. */
  workOrders: WorkOrder[];
  /** The headline figures as they were at t (`at` = t): online share, alarm counts, open orders, energy and water today so far. */
  kpis: Kpis;
  /** Device commands whose broadcast (or single command) was created in the hour before t, each in the state it had at t (from its sent/acked/failed times). */
  commands: CommandDelta[];
  /** The last reading per metric at or before t of the devices asked for (`devices=`), within the 7-day replay window. */
  readings: ReadingAt[];
  /** Server time spent, for the scrubber's diagnostics. */
  tookMs: number;
}

export interface TimelineEvent {
  t: number;
  kind: 'alarm' | 'workorder' | 'broadcast' | 'command';
  /**
   * alarm: raised | cleared | auto_cleared; work order: created | assigned | in_progress | resolved | closed | open (reopened or unassigned);
   * broadcast: sent (id = broadcast id, label = its title, severity = its level); command: a single command's type (gate_open, charger_stop …).
   */
  action: string;
  id: number;
  deviceId: string | null;
  buildingId: string | null;
  /** Alarm severity, or the work order's priority. */
  severity: string;
  label: string;
  /** An alarm's `raised` mark: the camera snapshot stored with it (its `at` is when it was taken; image: GET /api/v1/alarms/:id/snapshot). */
  snapshot?: AlarmSnapshotInfo | null;
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
