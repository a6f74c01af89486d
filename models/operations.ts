import { z } from 'zod';
import { QueryTimeSchema } from './replay';

// Operations (DESIGN.md "Operations"): who pays for upkeep, who maintains. Revenue streams, upkeep
// (maintainers, costs, failures, repair times), fees (aggregated collection rates) and residents' repair
// requests, answered with the compound's own data. Money is yuan (CNY) as a number with 2 decimals.

export const REVENUE_STREAMS = ['charging', 'parking', 'advertising'] as const;
export type RevenueStream = (typeof REVENUE_STREAMS)[number];

/** Who maintains a device (后期运维): the vendor under warranty/contract, the property company, the community, or an operator. */
export const MAINTAINER_KINDS = ['vendor', 'property', 'community', 'operator'] as const;
export type MaintainerKind = (typeof MAINTAINER_KINDS)[number];

/** Largest money figure accepted anywhere (one item, one cost, one bill): ¥10 million. */
export const MAX_MONEY = 10_000_000;
/** Yuan to the fen: at most 2 decimals. */
export const MoneySchema = z
  .number()
  .finite()
  .min(0)
  .max(MAX_MONEY)
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, 'money is yuan to the fen: at most 2 decimals');

/**
 * Upkeep facts of a device, or the defaults of a device type in a compound's `maintenance.byType`
 * (a device's own fields win). `annualFee` is the maintenance contract per device per year.
 */
export const DeviceMaintenanceSchema = z.strictObject({
  owner: z.enum(MAINTAINER_KINDS).optional(),
  /** The maintaining company or team, as shown ("海康威视维保", "物业工程部"). */
  maintainer: z.string().trim().min(1).max(64).optional(),
  /** Make and model ("DS-2CD3T46"), for the top-failing-models list. */
  model: z.string().trim().min(1).max(64).optional(),
  warrantyUntil: z.iso.date().optional(),
  /** Purchase cost per device, yuan. */
  unitCost: MoneySchema.optional(),
  /** Maintenance contract per device per year, yuan (counted into upkeep month by month). */
  annualFee: MoneySchema.optional(),
});
export type DeviceMaintenance = z.infer<typeof DeviceMaintenanceSchema>;

/** A compound's operations facts: parking spaces and charger ports (denominators of occupancy and utilisation). */
export const CompoundOperationsSchema = z.strictObject({
  parking: z
    .strictObject({
      /** Spaces behind the parking gates. */
      spaces: z.int().min(0).max(100_000),
      /** Of them, rented by the month (包租车位). */
      rented: z.int().min(0).max(100_000),
    })
    .refine((p) => p.rented <= p.spaces, { message: 'rented must be ≤ spaces', path: ['rented'] })
    .optional(),
  /** Charging ports per e-bike charger device (default 10). */
  chargerPorts: z.int().min(1).max(1000).optional(),
});
export type CompoundOperations = z.infer<typeof CompoundOperationsSchema>;

export const DEFAULT_CHARGER_PORTS = 10;

/** `GET /compounds/:id/operations` and `/district/operations`: a window of whole days in the compound's zone (default the last 30). */
export const OperationsQuerySchema = z
  .strictObject({
    from: QueryTimeSchema.optional(),
    to: QueryTimeSchema.optional(),
    /** `csv`: the same figures as a CSV file (metric,period,value). */
    format: z.enum(['json', 'csv']).default('json'),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, { message: 'from must be before to', path: ['from'] });
export type OperationsQuery = z.infer<typeof OperationsQuerySchema>;

/** At most this many days in one operations window. */
export const MAX_OPERATIONS_DAYS = 400;

/** Failures, repair time, availability and cost of one group of devices (a system, a maintainer, a model). */
export interface ReliabilityRow {
  /** The system (DEVICE_TYPE_DEFS[type].system), the maintainer's name, or the model. */
  key: string;
  /** For maintainers: their kind; for models: their system. */
  kind?: string;
  devices: number;
  /** Repair work orders on these devices created in the window. */
  failures: number;
  /** Devices with at least one failure, over devices (0..1). */
  failureRate: number;
  /** Mean minutes from creation to resolution of repair orders resolved in the window; null: none resolved. */
  mttrMin: number | null;
  /** Share of sampled hours online (0..1); null: no samples in the window. */
  availability: number | null;
  /** Labour + parts of their work orders resolved in the window, plus their contracts' share of the window, yuan. */
  cost: number;
}

/** One month (YYYY-MM, compound zone) of the balance. */
export interface OperationsMonth {
  month: string;
  income: Record<RevenueStream, number>;
  /** Labour, parts (work orders resolved that month) and maintenance contracts (annualFee / 12 per device, pro rata). */
  upkeep: { labour: number; parts: number; contracts: number; total: number };
  /** Total income − upkeep total. */
  balance: number;
  /** Whole days of the window in this month. */
  days: number;
}

export interface OperationsSummary {
  compoundId: string;
  timeZone: string;
  /** The window, epoch ms: local midnight to local midnight. */
  from: number;
  to: number;
  days: number;
  months: OperationsMonth[];
  totals: { income: Record<RevenueStream, number>; incomeTotal: number; upkeep: number; balance: number };
  /** Income per local day and stream (the trend under the monthly bars). */
  daily: { day: string; income: Record<RevenueStream, number> }[];
  charging: {
    chargers: number;
    ports: number;
    sessions: number;
    kwh: number;
    income: number;
    /** Share of port-minutes busy by local hour of day 0..23 over the window (0..1). */
    utilisationByHour: number[];
  };
  parking: {
    spaces: number;
    rented: number;
    entries: number;
    exits: number;
    /** Temporary parking fees + shared-parking fees. */
    feeIncome: number;
    /** Monthly rents of rented spaces paid in the window. */
    rentIncome: number;
    sharedHours: number;
    /** Mean occupied spaces over spaces by local hour of day 0..23 (0..1); null where no gate reported occupancy. */
    occupancyByHour: (number | null)[];
  };
  advertising: { plays: number; income: number; bySlot: { slot: string; plays: number; income: number }[] };
  upkeep: {
    /** Every device of the compound together (key `all`). */
    overall: ReliabilityRow;
    bySystem: ReliabilityRow[];
    byMaintainer: ReliabilityRow[];
    /** The 10 models with the most failures. */
    topModels: ReliabilityRow[];
  };
  /** Collection rate by bill month (paid ÷ billed amount), from the imported property bills. */
  fees: { months: { month: string; billed: number; paid: number; rate: number | null; arrearsHouseholds: number }[] };
  /** Residents' repair requests created in the window, and their ratings (回访评价). */
  repairs: { requests: number; closed: number; rated: number; avgRating: number | null; avgResolveMin: number | null };
}

/** `GET /district/operations`: each compound in scope, and the sums. */
export interface DistrictOperations {
  from: number;
  to: number;
  compounds: {
    compoundId: string;
    name: string;
    nameEn: string;
    income: Record<RevenueStream, number>;
    incomeTotal: number;
    upkeep: number;
    balance: number;
    /** The latest bill month's collection rate; null without bills. */
    collectionRate: number | null;
    failures: number;
  }[];
  totals: { income: Record<RevenueStream, number>; incomeTotal: number; upkeep: number; balance: number; failures: number };
}

/** Rounds money to fen. */
export const yuan = (x: number): number => Math.round(x * 100) / 100;
