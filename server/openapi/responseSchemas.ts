// Zod mirrors of the response shapes that models/ declares as TypeScript interfaces, so the OpenAPI
// document can describe them. The compile-time checks at the bottom fail `tsc` when a mirror and
// its interface drift apart: change both together.
import { z } from 'zod';
import {
  ALARM_STATES,
  CompoundSchema,
  DeviceStatusSchema,
  ImportReportSchema,
  SEVERITIES,
  SERIES_BUCKETS,
  SNAPSHOT_TYPES,
  type Alarm,
  type CompoundSummary,
  type DeviceState,
  type IngestResult,
  type Kpis,
  type Series,
} from '../../models';
import type { MqttStatus } from '../mqtt/mqttIngest';

const Epoch = z.number().int().describe('epoch milliseconds');
const Text = z.object({ zh: z.string(), en: z.string() });

export const ErrorBodySchema = z
  .object({ error: z.string().describe('what is wrong and where, e.g. "body: comment: a comment is required"') })
  .catchall(z.unknown());

export const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.object({ driver: z.string(), timescaledb: z.boolean(), reachable: z.boolean() }),
  version: z.string(),
});

export const CompoundSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  nameEn: z.string(),
  city: z.string(),
  buildings: z.int(),
  units: z.int(),
  households: z.int(),
  residents: z.int(),
  devices: z.int(),
});

export const DeviceStateSchema = z.object({
  deviceId: z.string(),
  status: DeviceStatusSchema,
  lastSeen: Epoch.nullable(),
  values: z.record(z.string(), z.number()).describe('latest value per metric'),
});

export const KpisSchema = z.object({
  at: Epoch,
  devicesTotal: z.int(),
  devicesOnline: z.int(),
  onlinePct: z.number(),
  alarmsActive: z.object(Object.fromEntries(SEVERITIES.map((s) => [s, z.int()])) as Record<(typeof SEVERITIES)[number], z.ZodInt>),
  alarmsUnacknowledged: z.int(),
  alarmsToday: z.int(),
  alarmsAttention: z.int(),
  alarmsReturnedUnack: z.int(),
  alarmsShelved: z.int(),
  alarmsSuppressed: z.int(),
  ackMedianS: z.number().nullable(),
  clearMedianS: z.number().nullable(),
  workOrdersOpen: z.int(),
  workOrdersToday: z.int(),
  workOrdersOverdue: z.int(),
  energyTodayKwh: z.number(),
  energyYesterdayKwh: z.number(),
  waterTodayM3: z.number(),
});

export const AlarmSchema = z.object({
  id: z.int(),
  compoundId: z.string(),
  deviceId: z.string(),
  deviceType: z.string(),
  buildingId: z.string().nullable(),
  ruleId: z.string(),
  severity: z.enum(SEVERITIES),
  message: Text,
  value: z.number().nullable(),
  active: z.boolean(),
  acknowledged: z.boolean(),
  count: z.int(),
  raisedAt: Epoch,
  lastAt: Epoch,
  ackAt: Epoch.nullable(),
  ackBy: z.string().nullable(),
  ackComment: z.string().nullable(),
  clearedAt: Epoch.nullable(),
  clearedBy: z.string().nullable(),
  clearComment: z.string().nullable(),
  state: z.enum(ALARM_STATES).describe('ISA-18.2 state: ' + ALARM_STATES.join(' | ')),
  latched: z.boolean(),
  returnedAt: Epoch.nullable(),
  shelvedUntil: Epoch.nullable(),
  shelvedBy: z.string().nullable(),
  shelveComment: z.string().nullable(),
  suppressed: z.enum(['design', 'service']).nullable().describe('design: caused by another alarm; service: device under maintenance'),
  suppressedBy: z.string().nullable(),
  version: z.int().describe('counts up with every change: of two copies the higher is the later'),
  snapshot: z
    .object({ contentType: z.enum(SNAPSHOT_TYPES), bytes: z.int(), at: Epoch })
    .nullable()
    .optional()
    .describe("a camera event's snapshot: type, size, when taken (the image: GET /api/v1/alarms/{id}/snapshot)"),
});

export const SeriesSchema = z.object({
  deviceId: z.string(),
  metric: z.string(),
  bucket: z.string().describe(SERIES_BUCKETS.join(' | ')),
  from: Epoch,
  to: Epoch,
  source: z.enum(['raw', 'hourly', 'daily']),
  points: z.array(z.object({ t: Epoch, avg: z.number(), min: z.number(), max: z.number(), sum: z.number(), count: z.int() })),
  thresholds: z
    .array(
      z.object({ ruleId: z.string(), op: z.enum(['lt', 'lte', 'gt', 'gte']), value: z.number(), severity: z.enum(['critical', 'major', 'minor', 'warning']) }),
    )
    .describe("threshold alarm rules of the device's type on this metric that apply to this device (lines on the chart), lowest value first"),
  rules: z
    .array(z.object({ ruleId: z.string(), metric: z.string().nullable() }))
    .describe('every alarm rule that applies to the device, with the metric it watches (null: the device as a whole, e.g. offline)'),
});

export const IngestResultSchema = z.object({
  accepted: z.int(),
  duplicates: z.int().describe('items already stored (a retried batch)'),
  rejected: z.array(z.object({ index: z.int(), reason: z.string() })),
});

export const ImportOutcomeSchema = z.object({
  status: z.enum(['created', 'replaced', 'dry-run']),
  compound: CompoundSummarySchema,
  report: ImportReportSchema,
  links: z.object({ console: z.string(), twin: z.string() }),
  preview: CompoundSchema.optional().describe(
    'dryRun=true&preview=true only: the compound as it would be stored, with no devices (report.devices counts them)',
  ),
});

export const MqttStatusSchema = z.object({
  enabled: z.boolean(),
  connected: z.boolean(),
  broker: z.string().nullable().describe('broker URL without credentials'),
  topic: z.string(),
  counts: z.object({
    messages: z.int(),
    accepted: z.int(),
    duplicates: z.int(),
    rejectedMessages: z.int(),
    rejectedReadings: z.int(),
    deferred: z.int(),
    refused: z.int(),
  }),
  recentRejections: z.array(z.object({ at: Epoch, topic: z.string(), reason: z.string() })),
  commands: z
    .object({
      published: z.int(),
      publishFailed: z.int(),
      acks: z.int(),
      duplicateAcks: z.int(),
      unknownAcks: z.int(),
      rejectedAcks: z.int(),
    })
    .describe('device commands published on compound/<id>/device/<deviceId>/command and acks read from …/command/ack'),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <T extends true>(): T | undefined => undefined;
same<Same<z.infer<typeof CompoundSummarySchema>, CompoundSummary>>();
same<Same<z.infer<typeof DeviceStateSchema>, DeviceState>>();
same<Same<z.infer<typeof KpisSchema>, Kpis>>();
same<Same<z.infer<typeof AlarmSchema>, Alarm>>();
same<Same<z.infer<typeof SeriesSchema>, Series>>();
same<Same<z.infer<typeof IngestResultSchema>, IngestResult>>();
same<Same<z.infer<typeof MqttStatusSchema>, MqttStatus>>();
