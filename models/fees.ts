import { z } from 'zod';

// Property fee bills (物业费): imported per household from CSV (README "Fees"), answered only as
// aggregates per unit, building and month. The format has no column for a name, phone or id card;
// masked principals (evaluators, walls) get no figure over fewer than FEE_SMALL_CELL households.

/** Limits of one CSV import. */
export const FEE_IMPORT_LIMITS = { bodyMb: 5, rows: 100_000, errors: 50, roomChars: 16 } as const;

/** Aggregates over fewer households than this are withheld from masked callers (small-cell rule). */
export const FEE_SMALL_CELL = 3;

/** A bill month, `YYYY-MM`. */
export const FeeMonthSchema = z.string().regex(/^(19|20)\d\d-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');

export const FEE_LEVELS = ['building', 'unit'] as const;

export const FeeQuerySchema = z.strictObject({
  /** The month the items are for (default: the latest with bills). */
  month: FeeMonthSchema.optional(),
  level: z.enum(FEE_LEVELS).default('building'),
});
export type FeeQuery = z.infer<typeof FeeQuerySchema>;

export const FeeArrearsQuerySchema = z.strictObject({ month: FeeMonthSchema.optional() });

/** PUT /compounds/:id/fees: what one import stored. */
export interface FeeImportResult {
  compoundId: string;
  /** The months the file held: each replaced whole. */
  months: string[];
  rows: number;
  buildings: number;
  /** Bills of those months that were there before and are replaced. */
  replaced: number;
}

/** Sums over a set of household bills. Figures are null where the small-cell rule withholds them. */
export interface FeeFigures {
  billed: number | null;
  paid: number | null;
  /** paid ÷ billed (amounts), 0..1; null without a billed amount or withheld. */
  rate: number | null;
  /** Households billed (rooms with a bill). */
  households: number;
  /** Households with paid < billed. */
  arrearsHouseholds: number | null;
  /** True when the figures are withheld from a masked caller (fewer than FEE_SMALL_CELL households, or to protect such a cell). */
  suppressed: boolean;
}

/** One building (or unit) in one month. */
export interface FeeCell extends FeeFigures {
  buildingId: string;
  unitId: string | null;
}

/** The compound in one month. */
export interface FeeMonthFigures extends FeeFigures {
  month: string;
}

/** GET /compounds/:id/fees: collection rates per building (or unit) in one month, and the compound's trend. */
export interface FeeSummary {
  compoundId: string;
  /** The month `items` are for; null when the compound has no bills. */
  month: string | null;
  /** Months with bills, oldest first. */
  months: string[];
  level: (typeof FEE_LEVELS)[number];
  items: FeeCell[];
  /** The whole compound by month, oldest first (at most the last 36 months with bills). */
  trend: FeeMonthFigures[];
  smallCell: number;
  /** Whether the small-cell rule was applied (masked callers). */
  masked: boolean;
}

/** One room in arrears (officers and admins only): no name, there is none. */
export interface FeeArrearsRoom {
  buildingId: string;
  unitId: string;
  room: string;
  billed: number;
  paid: number;
  owed: number;
}

/** GET /compounds/:id/fees/arrears. */
export interface FeeArrears {
  compoundId: string;
  month: string | null;
  rooms: FeeArrearsRoom[];
  owed: number;
}

/** The compound's figures by month, for the operations summary (server/fees feeMonthsTrend). */
export interface FeeTrendMonth {
  month: string;
  billed: number;
  paid: number;
  rate: number | null;
  households: number;
  arrearsHouseholds: number;
}
