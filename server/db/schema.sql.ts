// Versioned schema. Each step is idempotent (IF NOT EXISTS) so a half-applied step can be re-run.
import { AGGREGATE_BOUND } from '../../models/metrics';

/**
 * The one zone the materialised daily aggregate (`readings_daily`) keeps days in. Time zones belong to compounds
 * (`compound.timeZone`): the hourly aggregate is zone-neutral (UTC hours), and a compound in any other zone gets its
 * days from hourly buckets at query time (server/energy/windows.ts splitWindow, readings.repo.ts querySeries '1d',
 * kpi.repo.ts), so `readings_daily` is only ever read for Asia/Shanghai compounds (both demos).
 */
export const DAILY_AGGREGATE_ZONE = 'Asia/Shanghai';
export const TIMEZONE = DAILY_AGGREGATE_ZONE;
/** date_bin origin of the plain-PostgreSQL `readings_daily` stand-in: Asia/Shanghai midnight (no DST since 1991). */
export const DAY_ORIGIN = '2000-01-01 00:00:00+08';
/** A zone-neutral date_bin origin for hour and minute buckets. */
export const UTC_ORIGIN = '2000-01-01 00:00:00+00';

export const CORE_TABLES = `
create table if not exists compounds (
  id text primary key,
  name text not null,
  doc jsonb not null,
  doc_hash text not null,
  loaded_at timestamptz not null default now()
);
create table if not exists devices (
  id text primary key,
  compound_id text not null references compounds(id) on delete cascade,
  type text not null,
  building_id text,
  unit_id text,
  floor int,
  metrics text[] not null,
  interval_s int not null,
  households int,
  maintenance boolean not null default false
);
create index if not exists devices_compound_idx on devices(compound_id, type);
create table if not exists readings (
  ts timestamptz not null,
  device_id text not null,
  metric text not null,
  value double precision not null,
  primary key (device_id, metric, ts)
);
create table if not exists alarms (
  id serial primary key,
  compound_id text not null,
  device_id text not null,
  device_type text not null,
  building_id text,
  rule_id text not null,
  severity text not null,
  message_zh text not null,
  message_en text not null,
  value double precision,
  active boolean not null default true,
  acknowledged boolean not null default false,
  count int not null default 1,
  raised_at timestamptz not null,
  last_at timestamptz not null,
  ack_at timestamptz,
  ack_by text,
  ack_comment text,
  cleared_at timestamptz,
  cleared_by text,
  clear_comment text
);
create unique index if not exists alarms_one_active on alarms(device_id, rule_id) where active;
create index if not exists alarms_compound_idx on alarms(compound_id, raised_at desc);
create table if not exists alarm_events (
  id serial primary key,
  alarm_id int not null references alarms(id) on delete cascade,
  at timestamptz not null,
  action text not null,
  by_user text,
  comment text
);
create index if not exists alarm_events_alarm_idx on alarm_events(alarm_id, at);
create table if not exists work_orders (
  id serial primary key,
  compound_id text not null,
  title text not null,
  description text not null default '',
  category text not null,
  priority text not null,
  status text not null,
  assignee text,
  alarm_id int references alarms(id),
  device_id text,
  building_id text,
  location double precision[],
  created_by text not null,
  created_at timestamptz not null,
  assigned_at timestamptz,
  started_at timestamptz,
  resolved_at timestamptz,
  closed_at timestamptz,
  reopened int not null default 0,
  sla_response_min int not null,
  sla_resolve_min int not null
);
create index if not exists work_orders_compound_idx on work_orders(compound_id, created_at desc);
create table if not exists work_order_events (
  id serial primary key,
  work_order_id int not null references work_orders(id) on delete cascade,
  at timestamptz not null,
  action text not null,
  by_user text not null,
  from_status text,
  to_status text,
  comment text
);
create table if not exists api_keys (
  id serial primary key,
  compound_id text not null,
  name text not null,
  key_hash text not null unique,
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  last_used_at timestamptz
);
create table if not exists audit_log (
  id serial primary key,
  at timestamptz not null default now(),
  actor text not null,
  action text not null,
  target text,
  detail jsonb,
  ip text
);
`;

/**
 * The rows an aggregate may read: finite values within ±AGGREGATE_BOUND. One 1e308 stored before ingest
 * checked ranges (or written around it) would otherwise overflow every float8 sum and avg over it: the
 * series, the heatmap, the KPIs, the aggregate refresh and start-up. NaN sorts above every number in
 * PostgreSQL, so `between` drops it as well as ±Infinity.
 */
export function plausibleValue(column = 'value'): string {
  return `${column} between ${-AGGREGATE_BOUND} and ${AGGREGATE_BOUND}`;
}

/** The hourly and daily continuous aggregates (daily on top of hourly), fed only plausible rows. */
export function continuousAggregates(): string[] {
  return [
    `create materialized view if not exists readings_hourly
       with (timescaledb.continuous, timescaledb.materialized_only = false) as
       select time_bucket(interval '1 hour', ts) as bucket, device_id, metric,
              avg(value) as avg, min(value) as min, max(value) as max, sum(value) as sum, count(*)::int as cnt
       from readings where ${plausibleValue()} group by 1, 2, 3 with no data`,
    `create materialized view if not exists readings_daily
       with (timescaledb.continuous, timescaledb.materialized_only = false) as
       select time_bucket(interval '1 day', bucket, '${TIMEZONE}') as bucket, device_id, metric,
              sum(sum) / nullif(sum(cnt), 0) as avg, min(min) as min, max(max) as max, sum(sum) as sum, sum(cnt)::int as cnt
       from readings_hourly group by 1, 2, 3 with no data`,
    `select add_continuous_aggregate_policy('readings_hourly', start_offset => interval '3 days', end_offset => interval '1 hour', schedule_interval => interval '15 minutes', if_not_exists => true)`,
    `select add_continuous_aggregate_policy('readings_daily', start_offset => interval '7 days', end_offset => interval '1 day', schedule_interval => interval '1 hour', if_not_exists => true)`,
  ];
}

/** Hypertable, continuous aggregates (hourly; daily on top), compression and retention. */
export function timescaleObjects(retentionDays: number): string[] {
  return [
    `select create_hypertable('readings', by_range('ts', interval '1 day'), if_not_exists => true)`,
    ...continuousAggregates(),
    `alter table readings set (timescaledb.compress, timescaledb.compress_segmentby = 'device_id, metric', timescaledb.compress_orderby = 'ts desc')`,
    `select add_compression_policy('readings', interval '7 days', if_not_exists => true)`,
    `select remove_retention_policy('readings', if_exists => true)`,
    `select add_retention_policy('readings', interval '${Math.max(1, Math.floor(retentionDays))} days', if_not_exists => true)`,
  ];
}

/**
 * Rebuilds the continuous aggregates of a database made before they filtered implausible rows: a
 * materialized 1e308 cannot be cleaned in place. The full refresh rewrites history once, so buckets
 * older than the refresh policies' windows are back too (not only what real-time aggregation covers).
 */
export function rebuildContinuousAggregates(): string[] {
  return [
    `drop materialized view if exists readings_daily`,
    `drop materialized view if exists readings_hourly`,
    ...continuousAggregates(),
    `call refresh_continuous_aggregate('readings_hourly', NULL, date_trunc('hour', now()))`,
    `call refresh_continuous_aggregate('readings_daily', NULL, date_trunc('day', now()))`,
  ];
}

/** Plain-PostgreSQL stand-ins: the same relation names as views over raw rows (slower, same answers). */
export const PLAIN_AGGREGATES = [
  `create or replace view readings_hourly as
     select date_bin(interval '1 hour', ts, timestamptz '${UTC_ORIGIN}') as bucket, device_id, metric,
            avg(value) as avg, min(value) as min, max(value) as max, sum(value) as sum, count(*)::int as cnt
     from readings where ${plausibleValue()} group by 1, 2, 3`,
  `create or replace view readings_daily as
     select date_bin(interval '1 day', ts, timestamptz '${DAY_ORIGIN}') as bucket, device_id, metric,
            avg(value) as avg, min(value) as min, max(value) as max, sum(value) as sum, count(*)::int as cnt
     from readings where ${plausibleValue()} group by 1, 2, 3`,
];
