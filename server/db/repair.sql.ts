// Residents' repair requests (migration 14), owned by server/repair.

/**
 * One row per request from /repair; each has its work order (created in the same transaction). `phone` is kept
 * for the officers to call back (only they read it); `phone_hash` / `ip_hash` (SHA-256) count the abuse limits;
 * `token_hash` is the SHA-256 of the resident's secret link (the token itself is never stored). The photo is
 * the resized image the page uploads (checked by its first bytes), served to officers only.
 */
export const REPAIR_SCHEMA: string[] = [
  `create table if not exists repair_requests (
    id serial primary key,
    compound_id text not null,
    work_order_id int not null references work_orders(id) on delete cascade,
    building_id text not null,
    unit_id text not null,
    room text,
    category text not null,
    description text not null,
    phone text not null,
    phone_hash text not null,
    ip_hash text not null,
    photo bytea,
    photo_type text,
    token_hash text not null unique,
    created_at timestamptz not null default now()
  )`,
  `create index if not exists repair_requests_phone_idx on repair_requests(phone_hash, created_at)`,
  `create index if not exists repair_requests_address_idx on repair_requests(compound_id, building_id, unit_id, created_at)`,
  `create index if not exists repair_requests_ip_idx on repair_requests(ip_hash, created_at)`,
  `create index if not exists repair_requests_wo_idx on repair_requests(work_order_id)`,
];
