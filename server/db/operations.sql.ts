// Operations (migration 14): revenue events (a hypertable with an hourly continuous aggregate on TimescaleDB,
// a plain table and view elsewhere), upkeep costs on work orders, property fee bills and residents' repair
// requests. The revenue and upkeep parts are read by server/operations/summary.ts; fees by server/fees,
// repair requests by server/repair.
import { MAX_MONEY } from '../../models/operations';
import { UTC_ORIGIN } from './schema.sql';
import { FEES_SCHEMA } from './fees.sql';
import { REPAIR_SCHEMA } from './repair.sql';

/**
 * One row per revenue event. `event_id` is the sender's id: with the kind and the moment it is the key, so a
 * retried batch is a duplicate. Kinds and their columns:
 * - charge_session (charging): ts = end, start_ts, port, kwh, minutes (duration), amount = the fee;
 * - parking_pass (parking): direction entry|exit, vehicle temporary|rented|shared, minutes parked (exits),
 *   occupied (spaces occupied after the pass, when the gate reports it), amount = the fee paid at exit;
 * - space_rent (parking): spaces rented, months paid for, amount;
 * - ad_play (advertising): slot, plays (since the last report), amount = plays × the contracted price per play.
 */
const REVENUE_TABLE = `create table if not exists revenue_events (
  ts timestamptz not null,
  compound_id text not null,
  device_id text,
  kind text not null,
  stream text not null,
  event_id text not null,
  amount double precision not null default 0,
  kwh double precision,
  start_ts timestamptz,
  port int,
  direction text,
  vehicle text,
  minutes double precision,
  occupied int,
  spaces int,
  months int,
  slot text,
  plays int,
  received_at timestamptz not null default now(),
  primary key (compound_id, kind, event_id, ts)
)`;

/** What the hourly aggregate reads: amounts inside the accepted range (ingest refuses others; this guards sums against rows written around it). */
const PLAUSIBLE = `amount between 0 and ${MAX_MONEY}`;
// Not per device: a compound's hours × kinds × ad slots stay a few thousand rows a month, read in milliseconds.
const HOURLY_COLUMNS = (bucket: string) => `${bucket} as bucket, compound_id, stream, kind, slot,
  sum(amount) as amount, sum(kwh) as kwh, sum(minutes) as minutes, sum(plays)::bigint as plays, count(*)::int as n,
  count(*) filter (where direction = 'entry')::int as entries, count(*) filter (where direction = 'exit')::int as exits,
  sum(minutes) filter (where vehicle = 'shared') as shared_minutes,
  sum(occupied)::bigint as occ_sum, count(occupied)::int as occ_n`;

function revenueTimescale(): string[] {
  return [
    REVENUE_TABLE,
    `select create_hypertable('revenue_events', by_range('ts', interval '7 days'), if_not_exists => true)`,
    `create index if not exists revenue_events_compound_ts on revenue_events(compound_id, ts desc)`,
    `create materialized view if not exists revenue_hourly
       with (timescaledb.continuous, timescaledb.materialized_only = false) as
       select ${HOURLY_COLUMNS("time_bucket(interval '1 hour', ts)")}
       from revenue_events where ${PLAUSIBLE} group by 1, 2, 3, 4, 5 with no data`,
    `select add_continuous_aggregate_policy('revenue_hourly', start_offset => interval '40 days', end_offset => interval '1 hour', schedule_interval => interval '15 minutes', if_not_exists => true)`,
  ];
}

function revenuePlain(): string[] {
  return [
    REVENUE_TABLE,
    `create index if not exists revenue_events_compound_ts on revenue_events(compound_id, ts desc)`,
    `create or replace view revenue_hourly as
       select ${HOURLY_COLUMNS(`date_bin(interval '1 hour', ts, timestamptz '${UTC_ORIGIN}')`)}
       from revenue_events where ${PLAUSIBLE} group by 1, 2, 3, 4, 5`,
  ];
}

/**
 * Busy charger-port minutes per compound and hour, kept by a trigger as charge sessions arrive (a session is split
 * over the hours it spans): the operations page's utilisation by hour reads ~720 rows a month instead of every session.
 * A duplicate session (`on conflict do nothing`) inserts no row and so adds nothing.
 */
const CHARGER_BUSY = [
  `create table if not exists charger_busy (compound_id text not null, hour timestamptz not null, minutes double precision not null, primary key (compound_id, hour))`,
  `create or replace function revenue_charger_busy() returns trigger language plpgsql as $$
   begin
     if new.kind = 'charge_session' and new.start_ts is not null and new.start_ts < new.ts and new.ts - new.start_ts <= interval '2 days' then
       insert into charger_busy (compound_id, hour, minutes)
         select new.compound_id, h, extract(epoch from least(new.ts, h + interval '1 hour') - greatest(new.start_ts, h)) / 60
           from generate_series(date_trunc('hour', new.start_ts), new.ts, interval '1 hour') h where h < new.ts
         on conflict (compound_id, hour) do update set minutes = charger_busy.minutes + excluded.minutes;
     end if;
     return null;
   end $$`,
  `drop trigger if exists revenue_charger_busy on revenue_events`,
  `create trigger revenue_charger_busy after insert on revenue_events for each row execute function revenue_charger_busy()`,
];

/** Upkeep on work orders: labour and parts cost (yuan), where the order came from, and the resident's rating after closing. */
export const UPKEEP_SCHEMA = [
  `alter table work_orders add column if not exists labour_cost double precision`,
  `alter table work_orders add column if not exists parts_cost double precision`,
  // staff (console), alarm (from an alarm), resident (a repair request from /repair)
  `alter table work_orders add column if not exists source text not null default 'staff'`,
  `alter table work_orders add column if not exists resident_rating int`,
  `alter table work_orders add column if not exists rating_comment text`,
  `alter table work_orders add column if not exists rated_at timestamptz`,
  `create index if not exists work_orders_resolved_idx on work_orders(compound_id, resolved_at) where resolved_at is not null`,
  `create index if not exists work_orders_device_created_idx on work_orders(compound_id, created_at) where device_id is not null`,
];

/** Not in a transaction: continuous aggregates cannot be made inside one. */
export function operationsSchema(timescaledb: boolean): string[] {
  return [...(timescaledb ? revenueTimescale() : revenuePlain()), ...CHARGER_BUSY, ...UPKEEP_SCHEMA, ...FEES_SCHEMA, ...REPAIR_SCHEMA];
}

/** Refreshes the revenue aggregate where raw rows changed (embedded mode has no background workers; after a backfill). */
export const REFRESH_REVENUE = `call refresh_continuous_aggregate('revenue_hourly', NULL, date_trunc('hour', now()))`;
