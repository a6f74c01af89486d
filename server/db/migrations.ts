import type { Db } from './db';
import { CORE_TABLES, PLAIN_AGGREGATES, rebuildContinuousAggregates, timescaleObjects } from './schema.sql';
import { AUTH_TABLES } from './auth.sql';
import { WORK_ORDER_REPLAY_SCHEMA } from './workorders.sql';
import { STAFF_SCHEMA } from './staff.repo';
import { CAMERA_EVENTS_SCHEMA } from './cameraEvents.repo';
import { operationsSchema } from './operations.sql';
import { COMMANDS_SCHEMA } from './commands.sql';

interface Migration {
  version: number;
  name: string;
  /** Continuous aggregates cannot be created inside a transaction block. */
  transactional: boolean;
  /** `done`: the versions recorded before this run (a fresh database has none). */
  statements: (db: Db, opts: MigrateOptions, done: ReadonlySet<number>) => string[];
}

export interface MigrateOptions {
  retentionDays: number;
}

const MIGRATIONS: Migration[] = [
  { version: 1, name: 'core tables', transactional: true, statements: () => splitStatements(CORE_TABLES) },
  {
    version: 2,
    name: 'time-series storage',
    transactional: false,
    statements: (db, o) => (db.timescaledb ? timescaleObjects(o.retentionDays) : PLAIN_AGGREGATES),
  },
  {
    version: 3,
    name: 'hourly uptime samples (rating: online rate)',
    transactional: true,
    statements: () => [
      `create table if not exists uptime_samples (
         at timestamptz not null, compound_id text not null, device_type text not null,
         online int not null, total int not null, primary key (compound_id, device_type, at))`,
    ],
  },
  { version: 4, name: 'accounts, sessions, wall tokens', transactional: true, statements: () => splitStatements(AUTH_TABLES) },
  { version: 5, name: 'work-order response time, event details, replay indexes', transactional: true, statements: () => WORK_ORDER_REPLAY_SCHEMA },
  {
    version: 6,
    name: 'wall tokens: households shown or masked',
    transactional: true,
    statements: () => [`alter table wall_tokens add column if not exists show_households boolean not null default false`],
  },
  // Version 7: aggregates that one stored 1e308 cannot overflow (see plausibleValue in schema.sql.ts).
  // Only a database whose aggregates version 2 made before that filter existed is rebuilt: on a fresh
  // one version 2 has just made the filtered ones, and dropping them again raced the job scheduler's
  // first refresh, leaving a catalog row of the dropped aggregate that broke pg_restore (version 12).
  {
    version: 7,
    name: 'aggregates skip implausible values',
    transactional: false,
    statements: (db, _o, done) => (!done.has(2) ? [] : db.timescaledb ? rebuildContinuousAggregates() : PLAIN_AGGREGATES),
  },
  // Version 8: the gateway's mosquitto password entry, made when the key is created (the only time the plain key exists).
  {
    version: 8,
    name: 'MQTT identities: api_keys.mqtt_hash',
    transactional: true,
    statements: () => [`alter table api_keys add column if not exists mqtt_hash text`],
  },
  {
    version: 9,
    name: 'compound documents stored in parts',
    transactional: true,
    // A 200,000-device import is ~17 MB of JSON: one jsonb value took the embedded database ~3 s on
    // the server's own thread. Parts of ~1 MB are written one statement each, with the loop free between.
    statements: () => [
      `create table if not exists compound_doc_parts (compound_id text not null, part int not null, body text not null, primary key (compound_id, part))`,
      `alter table compounds alter column doc drop not null`,
    ],
  },
  // Version 10: ISA-18.2 alarm states (latching, return to normal, shelving, suppression) and the metrics' indexes.
  {
    version: 10,
    name: 'alarm lifecycle: latched, returned, shelved, suppressed',
    transactional: true,
    statements: () => [
      `alter table alarms add column if not exists latched boolean not null default false`,
      `alter table alarms add column if not exists returned_at timestamptz`,
      `alter table alarms add column if not exists shelved_until timestamptz`,
      `alter table alarms add column if not exists shelved_by text`,
      `alter table alarms add column if not exists shelve_comment text`,
      `alter table alarms add column if not exists suppressed text`,
      `alter table alarms add column if not exists suppressed_by text`,
      // every change of a row counts up: a client holding two copies keeps the later one
      `alter table alarms add column if not exists version int not null default 1`,
      // alarms cleared by themselves before this version returned to normal when they were cleared
      `update alarms set returned_at = cleared_at where not active and cleared_by is null and returned_at is null`,
      // shelving belongs to the alarm point (device and rule), so a new occurrence of a shelved alarm stays shelved
      `create table if not exists alarm_shelves (
         device_id text not null, rule_id text not null, compound_id text not null,
         until timestamptz not null, by_user text not null, comment text not null,
         primary key (device_id, rule_id))`,
      `create index if not exists alarm_events_at_idx on alarm_events(at)`,
      `create index if not exists alarms_open_idx on alarms(compound_id) where active or not acknowledged`,
    ],
  },
  // Version 11: staff and teams per compound; a work order's assignee refers to one of them.
  { version: 11, name: 'staff and teams; work-order assignee references', transactional: true, statements: () => STAFF_SCHEMA },
  // Version 12: TimescaleDB writes its catalog past the foreign keys, so a refresh running while version 7
  // dropped an aggregate could leave rows of it behind; pg_dump keeps them and pg_restore then fails on the
  // key. They belong to nothing and are removed (see server/production/backupRestore.test.ts).
  {
    version: 12,
    name: 'catalog rows of dropped continuous aggregates',
    transactional: true,
    statements: (db) => (db.timescaledb ? [ORPHAN_AGGREGATE_ROWS] : []),
  },
  // Version 13: camera AI events (one row per device, kind and moment: a retried batch is a duplicate) and the
  // snapshot image stored with the alarm it raised (plain tables: PostgreSQL, TimescaleDB and PGlite alike).
  { version: 13, name: 'camera AI events and alarm snapshots', transactional: true, statements: () => CAMERA_EVENTS_SCHEMA },
  // Version 14: operations — revenue events (hypertable + hourly continuous aggregate), work-order costs and
  // ratings, fee bills, residents' repair requests (server/db/operations.sql.ts).
  { version: 14, name: 'operations: revenue, upkeep, fees, repair requests', transactional: false, statements: (db) => operationsSchema(db.timescaledb) },
  // Version 15: acting from the twin — broadcasts to a place and device commands with their delivery (server/db/commands.sql.ts).
  { version: 15, name: 'device commands and broadcasts', transactional: true, statements: () => COMMANDS_SCHEMA },
];

/** Deletes the TimescaleDB catalog rows that name a continuous aggregate that no longer exists. */
export const ORPHAN_AGGREGATE_ROWS = `do $$
  begin
    delete from _timescaledb_catalog.continuous_aggs_materialization_ranges r
      where not exists (select 1 from _timescaledb_catalog.continuous_agg c where c.mat_hypertable_id = r.materialization_id);
    delete from _timescaledb_catalog.continuous_aggs_materialization_invalidation_log r
      where not exists (select 1 from _timescaledb_catalog.continuous_agg c where c.mat_hypertable_id = r.materialization_id);
    delete from _timescaledb_catalog.continuous_aggs_watermark w
      where not exists (select 1 from _timescaledb_catalog.continuous_agg c where c.mat_hypertable_id = w.mat_hypertable_id);
  exception when insufficient_privilege or undefined_table or undefined_column then
    raise warning 'compound twin: could not check the TimescaleDB catalog for rows of dropped aggregates (%)', sqlerrm;
  end $$`;

function splitStatements(sql: string): string[] {
  return sql
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Applies the migrations not yet recorded; safe to run at every start and from several processes. */
export async function migrate(db: Db, opts: MigrateOptions): Promise<number[]> {
  await db.query(`create table if not exists schema_migrations (version int primary key, name text not null, applied_at timestamptz not null default now())`);
  const done = new Set((await db.query<{ version: number }>('select version from schema_migrations')).rows.map((r) => r.version));
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (done.has(m.version)) continue;
    const stmts = m.statements(db, opts, done);
    if (m.transactional) {
      await db.transaction(async (q) => {
        for (const s of stmts) await q.query(s);
        await q.query('insert into schema_migrations(version, name) values ($1, $2) on conflict do nothing', [m.version, m.name]);
      });
    } else {
      for (const s of stmts) await db.query(s);
      await db.query('insert into schema_migrations(version, name) values ($1, $2) on conflict do nothing', [m.version, m.name]);
    }
    applied.push(m.version);
  }
  // Retention is configuration, not schema: re-apply it at every start.
  if (db.timescaledb && done.has(2)) {
    await db.query(`select remove_retention_policy('readings', if_exists => true)`);
    await db.query(`select add_retention_policy('readings', interval '${Math.max(1, Math.floor(opts.retentionDays))} days', if_not_exists => true)`);
  }
  return applied;
}
