import { z } from 'zod';
import { DeviceTypeSchema } from './deviceTypes';

const TextSchema = z.strictObject({ zh: z.string().min(1).max(300), en: z.string().min(1).max(300) });
const Base = {
  id: z.string().regex(/^[a-z0-9_.-]{1,64}$/, 'criterion ids are lowercase letters, digits, _ . -'),
  /** The level this criterion is first required for; levels are cumulative. */
  level: z.string().min(1).max(32),
  title: TextSchema,
};

/** Where a device type must be present for coverage: one per unit, per unit floor, per riser, per entrance, per building. */
export const CoverageScopeSchema = z.enum(['building', 'unit', 'unit_floor', 'riser', 'unit_entrance']);

export const CriterionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...Base, kind: z.literal('deployed'), deviceType: DeviceTypeSchema, minCount: z.int().min(1).default(1) }),
  z.strictObject({
    ...Base,
    kind: z.literal('coverage'),
    deviceType: DeviceTypeSchema,
    scope: CoverageScopeSchema,
    minPct: z.number().min(0).max(100),
    /** unit_entrance: a device within this many metres of the entrance counts. */
    radiusM: z.number().positive().max(200).default(20),
  }),
  z.strictObject({
    ...Base,
    kind: z.literal('operation'),
    measure: z.enum(['online_rate_pct', 'alarm_ack_median_min', 'workorder_sla_pct']),
    windowDays: z.int().min(1).max(366),
    min: z.number().optional(),
    max: z.number().optional(),
  }),
  z.strictObject({
    ...Base,
    kind: z.literal('platform'),
    measure: z.enum(['model_coverage_pct', 'data_retained_days']),
    min: z.number(),
  }),
]);
export type Criterion = z.infer<typeof CriterionSchema>;

export const RubricSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    id: z.string().regex(/^[a-z0-9_.-]{1,64}$/),
    name: TextSchema,
    /** True for the shipped example: the report says it must be replaced by the authority's criteria. */
    example: z.boolean(),
    notice: TextSchema.optional(),
    /** Lowest first, e.g. 基本级, 一星, 二星, 三星. */
    levels: z.array(z.strictObject({ id: z.string().min(1).max(32), name: TextSchema })).min(1).max(10),
    criteria: z.array(CriterionSchema).min(1).max(500),
  })
  .superRefine((r, ctx) => {
    const levels = new Set(r.levels.map((l) => l.id));
    if (levels.size !== r.levels.length) ctx.addIssue({ code: 'custom', path: ['levels'], message: 'duplicate level id' });
    const ids = new Set<string>();
    r.criteria.forEach((c, i) => {
      if (!levels.has(c.level)) ctx.addIssue({ code: 'custom', path: ['criteria', i, 'level'], message: `unknown level "${c.level}"` });
      if (ids.has(c.id)) ctx.addIssue({ code: 'custom', path: ['criteria', i, 'id'], message: `duplicate criterion id "${c.id}"` });
      ids.add(c.id);
      if (c.kind === 'operation' && c.min === undefined && c.max === undefined) ctx.addIssue({ code: 'custom', path: ['criteria', i], message: 'an operation criterion needs min or max' });
    });
  });
export type Rubric = z.infer<typeof RubricSchema>;

/** A place that lacks a required device, for the report and the 3D coverage-gap layer. */
export interface CoverageGap {
  buildingId: string;
  buildingNumber: string;
  unitId?: string;
  floor?: number;
}

export interface CriterionResult {
  id: string;
  level: string;
  kind: Criterion['kind'];
  title: { zh: string; en: string };
  pass: boolean;
  /** The measured figure and the threshold it was held against. */
  measured: number | null;
  threshold: string;
  unit: string;
  /** How it was computed: query window, counts, source. */
  evidence: string;
  gaps: CoverageGap[];
  /** One sentence naming where it falls short (empty when passing). */
  gapSummary: { zh: string; en: string } | null;
}

export interface RatingReport {
  compoundId: string;
  compoundName: string;
  rubric: { id: string; name: { zh: string; en: string }; example: boolean; notice?: { zh: string; en: string } };
  at: number;
  /** Highest level whose criteria (and all lower levels') pass; null when not even the first. */
  level: { id: string; name: { zh: string; en: string } } | null;
  next: { id: string; name: { zh: string; en: string }; failing: string[] } | null;
  levels: { id: string; name: { zh: string; en: string }; pass: boolean; passed: number; total: number }[];
  criteria: CriterionResult[];
}

export interface DistrictRow {
  compoundId: string;
  name: string;
  city: string;
  level: { id: string; name: { zh: string; en: string } } | null;
  onlinePct: number;
  openAlarms: number;
  households: number;
}
