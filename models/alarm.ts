import { z } from 'zod';
import { DeviceTypeSchema } from './deviceTypes';
import { ALARM_LIST_STATES, type AlarmState } from './alarmState';
import { CameraEventKindSchema, type AlarmSnapshotInfo } from './video';

export const SEVERITIES = ['critical', 'major', 'minor', 'warning'] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;
/** Lower is more severe; sorts alarms severity-first. */
export const SEVERITY_RANK: Record<Severity, number> = { critical: 0, major: 1, minor: 2, warning: 3 };

const TextSchema = z.strictObject({ zh: z.string().min(1).max(200), en: z.string().min(1).max(200) });

const RuleId = z.string().regex(/^[a-z0-9_.-]{1,64}$/);
const RuleBase = {
  id: RuleId,
  deviceType: DeviceTypeSchema,
  severity: SeveritySchema,
  message: TextSchema,
  /** `aggregate`: only devices that are not one household's (a building's main meter, not a flat's). */
  appliesTo: z.enum(['all', 'aggregate']).default('all'),
  /**
   * Suppression by design (ISA-18.2): while this alarm is active, alarms of these rules on devices of the
   * same building are recorded but do not call for attention (a building's power loss and its meters going offline).
   */
  suppresses: z.array(RuleId).max(50).default([]),
};

/** Alarm rules, kept as data in data/rules/. */
export const AlarmRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...RuleBase,
    kind: z.literal('threshold'),
    metric: z.string().min(1),
    op: z.enum(['lt', 'lte', 'gt', 'gte']),
    value: z.number().finite(),
    /** The condition must hold this long before the alarm is raised. */
    durationS: z
      .number()
      .min(0)
      .max(86_400 * 7),
    /** Clears by itself once the condition no longer holds. */
    autoClear: z.boolean().default(true),
    /** ISA-18.2 latching: stays active after the condition returns, until a person clears it. */
    latch: z.boolean().default(false),
  }),
  z.strictObject({
    ...RuleBase,
    kind: z.literal('event'),
    metric: z.string().min(1),
    /** Raised when a reading equals this value (e.g. smoke = 1). */
    equals: z.number().finite(),
    autoClear: z.boolean().default(false),
    /** ISA-18.2 latching: stays active after the condition returns, until a person clears it. */
    latch: z.boolean().default(false),
  }),
  z.strictObject({
    ...RuleBase,
    kind: z.literal('inactivity'),
    metric: z.string().min(1),
    /** Raised when no reading with value > 0 arrived for this long (e.g. no motion for hours). */
    hours: z
      .number()
      .positive()
      .max(24 * 30),
  }),
  z.strictObject({
    ...RuleBase,
    kind: z.literal('offline'),
    /** Raised when nothing arrived for this many times the device's interval. */
    missedIntervals: z.number().min(1).max(1000),
  }),
  z.strictObject({
    ...RuleBase,
    kind: z.literal('camera_event'),
    /** Cameras only: their AI analytics events (POST /api/v1/ingest/camera-events). */
    deviceType: z.literal('camera'),
    /** Raised when a camera reports this event (models/video.ts CAMERA_EVENT_KINDS); a repeat while open counts up. */
    event: CameraEventKindSchema,
    /** An event has no "return to normal": the alarm stands until a person clears it. */
    autoClear: z.literal(false).default(false),
    latch: z.boolean().default(false),
  }),
  z.strictObject({
    ...RuleBase,
    kind: z.literal('energy_anomaly'),
    metric: z.string().min(1),
    /** Raised when an hour's sum exceeds the same hour's baseline (mean of previous days) by this factor. */
    factor: z.number().min(1).max(100),
    baselineDays: z.int().min(1).max(60),
    /** Ignore hours whose baseline is below this (avoids noise on near-zero use). */
    minBaseline: z.number().min(0).default(0.1),
  }),
]);
export type AlarmRule = z.infer<typeof AlarmRuleSchema>;
export const AlarmRulesFileSchema = z.strictObject({ rules: z.array(AlarmRuleSchema).min(1).max(1000) });

export interface Alarm {
  id: number;
  compoundId: string;
  deviceId: string;
  deviceType: string;
  buildingId: string | null;
  ruleId: string;
  severity: Severity;
  message: { zh: string; en: string };
  value: number | null;
  /**
   * In alarm: the condition holds, or held and the alarm latched. Independently unacknowledged → acknowledged.
   * An alarm needs acknowledging whether or not it has returned to normal; the ISA-18.2 state is `state`.
   */
  active: boolean;
  acknowledged: boolean;
  /** The ISA-18.2 state, derived by `alarmState` from the fields below (sent so API users need not derive it). */
  state: AlarmState;
  /** Latched (ISA-18.2): stays active after its condition returns, until a person clears it. */
  latched: boolean;
  /** When the condition returned to normal (null while it holds). A latched alarm stays active past it. */
  returnedAt: number | null;
  /** Shelved by an operator until this time (removed from attention; unshelved automatically then). */
  shelvedUntil: number | null;
  shelvedBy: string | null;
  shelveComment: string | null;
  /** `design`: caused by another alarm (suppressedBy names it); `service`: its device is under maintenance (a work order). */
  suppressed: 'design' | 'service' | null;
  suppressedBy: string | null;
  /** Counts up with every change of the alarm: of two copies, the higher version is the later. */
  version: number;
  count: number;
  raisedAt: number;
  lastAt: number;
  ackAt: number | null;
  ackBy: string | null;
  ackComment: string | null;
  clearedAt: number | null;
  clearedBy: string | null;
  clearComment: string | null;
  /** A camera event's snapshot, when the alarm came with one (the image: GET /api/v1/alarms/:id/snapshot). */
  snapshot?: AlarmSnapshotInfo | null;
}

export const AlarmActionSchema = z.strictObject({
  comment: z.string().trim().min(1, 'a comment is required').max(2000),
  /** Clearing an alarm with an open linked work order needs this set. */
  confirm: z.boolean().optional(),
});

export const AlarmQuerySchema = z.strictObject({
  compoundId: z.string().max(64).optional(),
  state: z.enum(ALARM_LIST_STATES).optional(),
  acknowledged: z.enum(['true', 'false']).optional(),
  severity: z.string().max(64).optional(),
  deviceId: z.string().max(80).optional(),
  buildingId: z.string().max(64).optional(),
  deviceType: z.string().max(64).optional(),
  since: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

/** POST /alarms/:id/shelve: how long, and why (ISA-18.2 shelving is always time-limited and explained). */
export const MAX_SHELVE_MIN = 7 * 24 * 60;
export const AlarmShelveSchema = z.strictObject({
  minutes: z.number().int('a whole number').min(1, 'at least 1').max(MAX_SHELVE_MIN, `at most ${MAX_SHELVE_MIN} (7 days)`),
  comment: z.string().trim().min(1, 'a comment is required').max(2000),
});

export const ALARM_EVENT_ACTIONS = [
  'raised',
  'repeated',
  'reactivated',
  'returned',
  'acknowledged',
  'cleared',
  'auto_cleared',
  'shelved',
  'unshelved',
  'suppressed',
  'unsuppressed',
] as const;

export interface AlarmEvent {
  alarmId: number;
  at: number;
  action: (typeof ALARM_EVENT_ACTIONS)[number];
  by: string | null;
  comment: string | null;
}
