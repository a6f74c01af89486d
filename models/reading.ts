import { z } from 'zod';

/** A timestamp as ISO-8601 text or epoch milliseconds; normalised to epoch ms. */
export const TimestampSchema = z.union([z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)), z.number().int().min(0).max(8.64e15)]);

/** One sensor reading as devices and gateways send it. */
export const ReadingSchema = z.strictObject({
  deviceId: z.string().min(1).max(80),
  metric: z.string().min(1).max(40),
  ts: TimestampSchema,
  value: z.number().finite(),
});
export type ReadingInput = z.input<typeof ReadingSchema>;
export type Reading = z.infer<typeof ReadingSchema>;

export const MAX_INGEST_BATCH = 10_000;

/** What ingest answers: accepted count and each rejected item with its index and reason. */
export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: { index: number; reason: string }[];
}

/** A reading as the realtime feed carries it: compact tuple [deviceId, metric, tsMs, value]. */
export type ReadingTuple = [string, string, number, number];

export const DEVICE_STATUSES = ['online', 'offline', 'alarm', 'maintenance'] as const;
export const DeviceStatusSchema = z.enum(DEVICE_STATUSES);
export type DeviceStatus = z.infer<typeof DeviceStatusSchema>;

/** Live state of one device: status, last seen and latest value per metric. */
export interface DeviceState {
  deviceId: string;
  status: DeviceStatus;
  lastSeen: number | null;
  values: Record<string, number>;
}

export const SERIES_BUCKETS = ['raw', '1m', '5m', '15m', '1h', '1d'] as const;
export const SeriesQuerySchema = z.strictObject({
  metric: z.string().min(1).max(40),
  from: TimestampSchema.optional(),
  to: TimestampSchema.optional(),
  bucket: z.enum(SERIES_BUCKETS).optional(),
});

export interface SeriesPoint {
  t: number;
  avg: number;
  min: number;
  max: number;
  sum: number;
  count: number;
}
/** A threshold alarm rule on a series' metric, for drawing its line on the chart. */
export interface SeriesThreshold {
  ruleId: string;
  op: 'lt' | 'lte' | 'gt' | 'gte';
  value: number;
  severity: 'critical' | 'major' | 'minor' | 'warning';
}
/** An alarm rule that applies to the series' device and the metric it watches (null: the device as a whole, e.g. offline). */
export interface SeriesRuleRef {
  ruleId: string;
  metric: string | null;
}
export interface Series {
  deviceId: string;
  metric: string;
  bucket: string;
  from: number;
  to: number;
  source: 'raw' | 'hourly' | 'daily';
  points: SeriesPoint[];
  /** Threshold rules of this device's type on this metric that apply to this device (the engine's test). */
  thresholds: SeriesThreshold[];
  /** Every rule that applies to this device, with the metric it watches: which alarm belongs to which metric. */
  rules: SeriesRuleRef[];
}
