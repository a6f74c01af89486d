import { z } from 'zod';
import { MAX_MONEY, MoneySchema, type RevenueStream } from './operations';
import { TimestampSchema } from './reading';

// Revenue ingest (DESIGN.md "Operations"): what chargers, parking gates and ad screens (or their platforms) send to
// `POST /api/v1/ingest/revenue` and MQTT `gateway/<keyId>/compound/<id>/revenue`. One item per event, discriminated by
// `kind`; money is yuan (CNY), rounded to fen when stored. Stored in revenue_events (server/db/operations.sql.ts).

export const REVENUE_KINDS = ['charge_session', 'parking_pass', 'space_rent', 'ad_play'] as const;
export type RevenueKind = (typeof REVENUE_KINDS)[number];

/** The income stream each kind counts into. */
export const REVENUE_KIND_STREAM: Record<RevenueKind, RevenueStream> = {
  charge_session: 'charging',
  parking_pass: 'parking',
  space_rent: 'parking',
  ad_play: 'advertising',
};

/** Items in one batch at most (HTTP 413 above, MQTT message rejected). */
export const MAX_REVENUE_BATCH = 1000;
/** Longest charging session. */
export const MAX_SESSION_MS = 24 * 3_600_000;
export const MAX_SESSION_KWH = 200;
/** Largest fee of one charging session, yuan. */
export const MAX_SESSION_FEE = 1000;
/** Longest stay reported at an exit: 31 days, in minutes. */
export const MAX_PARKED_MINUTES = 31 * 24 * 60;
/** Largest fee paid at one exit, yuan. */
export const MAX_PARKING_FEE = 10_000;
/** Highest contracted price of one ad play, yuan. */
export const MAX_PLAY_PRICE = 10;
export const MAX_PLAYS = 100_000;

/** The sender's id of the event: with the kind and its moment it makes a retry a duplicate. */
export const RevenueIdSchema = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[A-Za-z0-9_.:-]+$/, { message: 'only letters, digits and _ . : - (1–80 characters)' });
const DeviceIdSchema = z.string().min(1).max(80);
const Fee = (max: number) => z.number().finite().min(0).max(Math.min(max, MAX_MONEY));

/** A finished e-bike charging session on one port of an `ebike_charger` (stored at its end). */
export const ChargeSessionSchema = z
  .strictObject({
    kind: z.literal('charge_session'),
    id: RevenueIdSchema,
    deviceId: DeviceIdSchema,
    /** Port number, 1..the compound's `operations.chargerPorts` (default 10). */
    port: z.int().min(1).max(1000).optional(),
    start: TimestampSchema,
    end: TimestampSchema,
    kwh: z.number().finite().min(0).max(MAX_SESSION_KWH),
    fee: Fee(MAX_SESSION_FEE),
  })
  .superRefine((s, ctx) => {
    if (s.end <= s.start) ctx.addIssue({ code: 'custom', path: ['end'], message: 'must be after start' });
    else if (s.end - s.start > MAX_SESSION_MS) ctx.addIssue({ code: 'custom', path: ['end'], message: 'session longer than 24 h' });
  });

/** A vehicle through a `parking_gate`; exits carry the stay and the fee paid. */
export const ParkingPassSchema = z
  .strictObject({
    kind: z.literal('parking_pass'),
    id: RevenueIdSchema,
    deviceId: DeviceIdSchema,
    at: TimestampSchema,
    direction: z.enum(['entry', 'exit']),
    /** temporary: a visitor paying by the hour; rented: a monthly renter (包租车位); shared: shared parking (共享停车) of an outsider. */
    vehicle: z.enum(['temporary', 'rented', 'shared']),
    /** Minutes parked (exits only). */
    minutes: z.number().finite().min(0).max(MAX_PARKED_MINUTES).optional(),
    /** Fee paid at the exit, yuan (exits only). */
    fee: Fee(MAX_PARKING_FEE).optional(),
    /** Spaces occupied after the pass, 0..the compound's `operations.parking.spaces`. */
    occupied: z.int().min(0).max(100_000).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.direction === 'entry')
      for (const k of ['minutes', 'fee'] as const) if (p[k] !== undefined) ctx.addIssue({ code: 'custom', path: [k], message: 'only exits carry it' });
  });

/** Largest rent of one space for one month, yuan (a city-centre garage space rents for ¥600–1,500). */
export const MAX_RENT_PER_SPACE_MONTH = 3_000;

/** Monthly rent of parking spaces paid (包租车位): `spaces` spaces for `months` months. */
export const SpaceRentSchema = z
  .strictObject({
    kind: z.literal('space_rent'),
    id: RevenueIdSchema,
    at: TimestampSchema,
    /** The gate whose spaces these are (optional). */
    deviceId: DeviceIdSchema.optional(),
    spaces: z.int().min(1).max(1000),
    months: z.int().min(1).max(36),
    fee: MoneySchema,
  })
  .superRefine((r, ctx) => {
    const most = MAX_RENT_PER_SPACE_MONTH * r.spaces * r.months;
    if (r.fee > most)
      ctx.addIssue({
        code: 'custom',
        path: ['fee'],
        message: `${r.fee} is over ¥${MAX_RENT_PER_SPACE_MONTH} a space a month (at most ${most} for ${r.spaces} × ${r.months})`,
      });
  });

/** Ad plays on an info screen, access gate panel or parking gate since its last report, at the slot's contracted price. */
export const AdPlaySchema = z.strictObject({
  kind: z.literal('ad_play'),
  id: RevenueIdSchema,
  deviceId: DeviceIdSchema,
  at: TimestampSchema,
  /** The ad slot (contract), as shown on the operations page. */
  slot: z.string().trim().min(1).max(40),
  plays: z.int().min(1).max(MAX_PLAYS),
  /** Contracted price per play, yuan; the amount is plays × price rounded to fen. */
  price: z.number().finite().min(0).max(MAX_PLAY_PRICE),
});

export const RevenueItemSchema = z.discriminatedUnion('kind', [ChargeSessionSchema, ParkingPassSchema, SpaceRentSchema, AdPlaySchema]);
export type RevenueItemInput = z.input<typeof RevenueItemSchema>;
export type RevenueItem = z.infer<typeof RevenueItemSchema>;

/** Each kind's own schema (checking an item against its kind's is twice as fast as the union's search). */
export const REVENUE_ITEM_SCHEMAS = {
  charge_session: ChargeSessionSchema,
  parking_pass: ParkingPassSchema,
  space_rent: SpaceRentSchema,
  ad_play: AdPlaySchema,
} as const;

export const RevenueBatchSchema = z.strictObject({ items: z.array(RevenueItemSchema).max(MAX_REVENUE_BATCH) });

/** The device types each kind may name (space_rent: optional). */
export const REVENUE_DEVICE_TYPES: Record<RevenueKind, readonly string[]> = {
  charge_session: ['ebike_charger'],
  parking_pass: ['parking_gate'],
  space_rent: ['parking_gate'],
  ad_play: ['info_screen', 'access_gate', 'parking_gate'],
};
