// Property fee bills (migration 14), owned by server/fees: one row per household (room) and bill month.
// No names: the CSV format has no column for them (README "Fees").

export const FEES_SCHEMA: string[] = [
  `create table if not exists fee_bills (
    compound_id text not null,
    month text not null,
    building_id text not null,
    unit_id text not null,
    room text not null,
    billed double precision not null,
    paid double precision not null,
    paid_at timestamptz,
    imported_at timestamptz not null default now(),
    primary key (compound_id, month, building_id, unit_id, room)
  )`,
  // Who imported which months when (the bills themselves carry no author).
  `create table if not exists fee_imports (
    id bigserial primary key,
    compound_id text not null,
    at timestamptz not null default now(),
    actor text not null,
    months text[] not null,
    rows integer not null,
    replaced integer not null
  )`,
  `create index if not exists fee_imports_compound on fee_imports (compound_id, at desc)`,
];
