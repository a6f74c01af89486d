import { z } from 'zod';
import { DeviceTypeSchema, type DeviceType } from './deviceTypes';

const TextSchema = z.strictObject({ zh: z.string().min(1).max(300), en: z.string().min(1).max(300) });
export type BiText = z.infer<typeof TextSchema>;
/** Notices, sources and disclaimers: a paragraph. */
const ParagraphSchema = z.strictObject({ zh: z.string().min(1).max(800), en: z.string().min(1).max(800) });
const Id = z.string().regex(/^[a-z0-9_.-]{1,64}$/, 'ids are lowercase letters, digits, _ . -');
const Base = {
  id: Id,
  /** The level this criterion is first required for; levels are cumulative. */
  level: z.string().min(1).max(32),
  /** The rubric category it is reported under (one of rubric.categories). */
  category: z.string().min(1).max(64),
  /** Share of its category's score (default 1). */
  weight: z.number().positive().max(100).default(1),
  title: TextSchema,
};

/**
 * Where a device type must be present for coverage: one per unit, per unit floor, per riser, per entrance, per building;
 * `gate`: every gate (a road crossing the red line, or a gate device on it); `lane`: main roads and lanes sampled every 15 m.
 * Cameras cover entrances, gates and lanes by their view (models/cameraCoverage.ts); other devices by radiusM.
 */
export const CoverageScopeSchema = z.enum(['building', 'unit', 'unit_floor', 'riser', 'unit_entrance', 'gate', 'lane']);
export type CoverageScope = z.infer<typeof CoverageScopeSchema>;

export const OperationMeasureSchema = z.enum(['online_rate_pct', 'alarm_ack_median_min', 'workorder_sla_pct']);

export const CriterionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...Base, kind: z.literal('deployed'), deviceType: DeviceTypeSchema, minCount: z.int().min(1).default(1) }),
  z.strictObject({
    ...Base,
    kind: z.literal('coverage'),
    deviceType: DeviceTypeSchema,
    scope: CoverageScopeSchema,
    minPct: z.number().min(0).max(100),
    /** unit_entrance, gate, lane: a device within this many metres counts (cameras with a view: only if the view sees the place). */
    radiusM: z.number().positive().max(200).default(20),
  }),
  z.strictObject({
    ...Base,
    kind: z.literal('operation'),
    measure: OperationMeasureSchema,
    windowDays: z.int().min(1).max(366),
    min: z.number().optional(),
    max: z.number().optional(),
    /** online_rate_pct: only these device types (all types when absent). */
    deviceTypes: z.array(DeviceTypeSchema).min(1).max(20).optional(),
    /**
     * Share of the window the twin must have observed (hourly uptime samples present / hours in the
     * window) before the figure counts; below it the criterion is "insufficient data", not passed.
     */
    minCoverage: z.number().min(0).max(1).default(0.8),
    /** alarm_ack_median_min / workorder_sla_pct: the fewest acknowledged alarms / resolved orders a figure may rest on. */
    minEvents: z.int().min(1).max(100_000).default(5),
  }),
  z.strictObject({
    ...Base,
    kind: z.literal('platform'),
    measure: z.enum(['model_coverage_pct', 'data_retained_days']),
    min: z.number(),
  }),
  /** A requirement the twin cannot measure: it stays in the report, to be checked on manual evidence. */
  z.strictObject({ ...Base, kind: z.literal('manual'), evidence: TextSchema }),
]);
export type Criterion = z.infer<typeof CriterionSchema>;

export const RubricSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    id: Id,
    name: TextSchema,
    /** True for the shipped example: the report says it must be replaced by the authority's criteria. */
    example: z.boolean(),
    notice: ParagraphSchema.optional(),
    /** The published document this rubric is read from (title, issuer, date). */
    source: ParagraphSchema.optional(),
    /** How far the file is from that source, e.g. "our reading, not the official text". */
    disclaimer: ParagraphSchema.optional(),
    /** Lowest first, e.g. 基本级, 一星, 二星, 三星. */
    levels: z
      .array(z.strictObject({ id: z.string().min(1).max(32), name: TextSchema }))
      .min(1)
      .max(10),
    /** Report groups, in order (e.g. 智慧通行, 智慧安防 …). */
    categories: z
      .array(z.strictObject({ id: Id, name: TextSchema }))
      .min(1)
      .max(20),
    criteria: z.array(CriterionSchema).min(1).max(500),
  })
  .superRefine((r, ctx) => {
    const levels = new Set(r.levels.map((l) => l.id));
    if (levels.size !== r.levels.length) ctx.addIssue({ code: 'custom', path: ['levels'], message: 'duplicate level id' });
    const categories = new Set(r.categories.map((c) => c.id));
    if (categories.size !== r.categories.length) ctx.addIssue({ code: 'custom', path: ['categories'], message: 'duplicate category id' });
    const ids = new Set<string>();
    r.criteria.forEach((c, i) => {
      if (!levels.has(c.level)) ctx.addIssue({ code: 'custom', path: ['criteria', i, 'level'], message: `unknown level "${c.level}"` });
      if (!categories.has(c.category))
        ctx.addIssue({ code: 'custom', path: ['criteria', i, 'category'], message: `unknown category "${c.category}" (have ${[...categories].join(', ')})` });
      if (ids.has(c.id)) ctx.addIssue({ code: 'custom', path: ['criteria', i, 'id'], message: `duplicate criterion id "${c.id}"` });
      ids.add(c.id);
      if (c.kind === 'operation' && c.min === undefined && c.max === undefined)
        ctx.addIssue({ code: 'custom', path: ['criteria', i], message: 'an operation criterion needs min or max' });
      if (c.kind === 'operation' && c.deviceTypes && c.measure !== 'online_rate_pct')
        ctx.addIssue({ code: 'custom', path: ['criteria', i, 'deviceTypes'], message: 'deviceTypes applies to online_rate_pct only' });
    });
  });
export type Rubric = z.infer<typeof RubricSchema>;

/** A place that lacks a required device, for the report and the 3D coverage-gap layer. */
export interface CoverageGap {
  /** Empty for places on the grounds (gates, lane points). */
  buildingId: string;
  buildingNumber: string;
  unitId?: string;
  floor?: number;
  /** unit_entrance, gate, lane gaps: which kind of place, where on the ground (local metres) and its name (gate / road). */
  place?: 'unit_entrance' | 'gate' | 'lane';
  at?: [number, number];
  label?: string;
}

/**
 * How a figure was computed, as a code and numbers: the client writes it in the report's language
 * (times in the compound's zone). Windows are [from, to) in epoch ms; `samples` are the hourly uptime
 * samples present in the window and `expected` the hours in it (the share the twin observed).
 */
export type Evidence =
  | { kind: 'deviceCount'; deviceType: DeviceType; count: number; devices: number }
  | {
      kind: 'coverage';
      deviceType: DeviceType;
      scope: CoverageScope;
      covered: number;
      required: number;
      radiusM: number | null;
      devices: number;
      /** Cameras judged by where they look (their view) and by the radius alone (no view: imported compounds). */
      byView?: number;
      byRadius?: number;
    }
  | {
      kind: 'onlineRate';
      from: number;
      to: number;
      windowDays: number;
      samples: number;
      expected: number;
      days: number;
      deviceHoursOnline: number;
      deviceHours: number;
      deviceTypes: DeviceType[] | null;
    }
  | { kind: 'ackMedian'; from: number; to: number; windowDays: number; samples: number; expected: number; acked: number; raised: number }
  | { kind: 'workOrderSla'; from: number; to: number; windowDays: number; samples: number; expected: number; onTime: number; resolved: number }
  | { kind: 'modelCoverage'; modelled: number; buildings: number }
  | { kind: 'oldestReading'; at: number | null; days: number }
  | { kind: 'manual'; text: BiText };
export type EvidenceKind = Evidence['kind'];

/** What data a figure lacks before it may count. */
export interface DataShortfall {
  what: 'hourlySamples' | 'ackedAlarms' | 'resolvedOrders';
  have: number;
  need: number;
}

/** Where a criterion falls short, as a code and numbers (null when it passes). */
export type Gap =
  | { kind: 'notDeployed'; deviceType: DeviceType; count: number; minCount: number }
  | { kind: 'coverage'; deviceType: DeviceType; scope: CoverageScope; places: number; buildings: string[] }
  | { kind: 'belowTarget'; measured: number | null; min: number | null; max: number | null; unit: string }
  | { kind: 'insufficient'; needs: DataShortfall[] }
  | { kind: 'modelMissing'; buildings: number }
  | { kind: 'retention'; days: number; min: number }
  | { kind: 'manual'; text: BiText };

/** passed / failed on measured data; insufficient: too little data to judge (not passed); manual: the twin cannot measure it. */
export type CriterionStatus = 'passed' | 'failed' | 'insufficient' | 'manual';

export interface CriterionResult {
  id: string;
  level: string;
  category: string;
  weight: number;
  kind: Criterion['kind'];
  title: BiText;
  status: CriterionStatus;
  /** status === 'passed'. */
  pass: boolean;
  /** The measured figure (also shown when the data is insufficient) and the threshold it was held against. */
  measured: number | null;
  threshold: string;
  unit: string;
  evidence: Evidence;
  gaps: CoverageGap[];
  gap: Gap | null;
}

export interface CategoryScore {
  id: string;
  name: BiText;
  passed: number;
  failed: number;
  insufficient: number;
  manual: number;
  /** Criteria the twin measures (all but manual). */
  measurable: number;
  /** Passed weight over measurable weight, 0–100; null when nothing in the category is measurable. */
  scorePct: number | null;
}

export interface RatingReport {
  compoundId: string;
  compoundName: string;
  /** The compound's IANA zone: the report's dates are written in it. */
  timeZone: string;
  rubric: { id: string; name: BiText; example: boolean; notice?: BiText; source?: BiText; disclaimer?: BiText };
  at: number;
  /** Highest level whose measurable criteria (and all lower levels') pass; null when not even the first. */
  level: { id: string; name: BiText } | null;
  /** failing: the criteria of the next level (and below) not passed, insufficient data included. */
  next: { id: string; name: BiText; failing: string[] } | null;
  levels: { id: string; name: BiText; pass: boolean; passed: number; total: number; insufficient: number; manual: number }[];
  categories: CategoryScore[];
  criteria: CriterionResult[];
}

export interface DistrictRow {
  compoundId: string;
  name: string;
  city: string;
  level: { id: string; name: BiText } | null;
  onlinePct: number;
  openAlarms: number;
  households: number;
}
