import { z } from 'zod';
import { QueryTimeSchema } from './replay';

export const ENERGY_METRICS = ['energy_kwh', 'water_m3'] as const;
export type EnergyMetric = (typeof ENERGY_METRICS)[number];
export const ENERGY_UNITS: Record<EnergyMetric, string> = { energy_kwh: 'kWh', water_m3: 'm³' };
export const ENERGY_WINDOWS = ['today', '24h', '7d', '30d', 'custom'] as const;
export const ENERGY_LEVELS = ['building', 'unit', 'floor'] as const;
export const ENERGY_PER = ['total', 'household', 'm2'] as const;

export const EnergyQuerySchema = z
  .strictObject({
    metric: z.enum(ENERGY_METRICS).default('energy_kwh'),
    window: z.enum(ENERGY_WINDOWS).default('today'),
    from: QueryTimeSchema.optional(),
    to: QueryTimeSchema.optional(),
    level: z.enum(ENERGY_LEVELS).default('building'),
    buildingId: z.string().max(64).optional(),
    per: z.enum(ENERGY_PER).default('total'),
  })
  .superRefine((q, ctx) => {
    if (q.window === 'custom' && q.from === undefined) ctx.addIssue({ code: 'custom', path: ['from'], message: 'required when window is custom' });
    if (q.window !== 'custom' && (q.from !== undefined || q.to !== undefined))
      ctx.addIssue({ code: 'custom', path: ['window'], message: 'from/to need window=custom' });
    if (q.level !== 'building' && !q.buildingId) ctx.addIssue({ code: 'custom', path: ['buildingId'], message: `required when level is ${q.level}` });
  });
export type EnergyQuery = z.infer<typeof EnergyQuerySchema>;

/** How outliers are flagged; echoed in every answer so the legend can explain it. */
export interface OutlierRule {
  /** Baseline = mean use over up to this many previous windows of the same length (those with readings). */
  baselinePeriods: number;
  /** At least this many of them must have readings. */
  minPeriods: number;
  /** Flagged when use ≥ factor × baseline … */
  factor: number;
  /** … and the baseline is at least this (no flags on near-zero use). */
  minBaseline: number;
}

/** One building, unit or floor cell (one unit's floor) of the heatmap. */
export interface EnergyItem {
  /** Building id, unit id, or `<unitId>/<floor>` for a floor cell. */
  id: string;
  kind: 'building' | 'unit' | 'floor';
  buildingId: string;
  unitId: string | null;
  floor: number | null;
  /** Sum over the window, in `unit`. */
  total: number;
  households: number;
  areaM2: number;
  perHousehold: number | null;
  perM2: number | null;
  /** The figure `per` picked: what the color shows. */
  value: number | null;
  meters: number;
  baseline: number | null;
  ratio: number | null;
  outlier: boolean;
}

/** GET /compounds/:id/energy: per-building (or per unit / floor cell of one building) use over a window. */
export interface EnergyMap {
  compoundId: string;
  metric: EnergyMetric;
  unit: string;
  window: (typeof ENERGY_WINDOWS)[number];
  from: number;
  to: number;
  level: (typeof ENERGY_LEVELS)[number];
  buildingId: string | null;
  per: (typeof ENERGY_PER)[number];
  items: EnergyItem[];
  /** Range of `value` over the items (null when none has one): the legend's ends. */
  scale: { min: number; max: number } | null;
  outlierRule: OutlierRule;
  /** The previous windows the baseline used, newest first. */
  baselineWindows: { from: number; to: number }[];
}
