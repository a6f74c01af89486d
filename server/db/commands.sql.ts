// Device commands and broadcasts (migration 15), owned by server/commands. Plain tables on every database.

/**
 * `broadcasts`: one officer's request to a place (a notice, or the stop of one: `kind`/`stop_of`), kept with the
 * place and message as sent. `device_commands`: one row per device and command; state changes are single guarded
 * UPDATEs (`where state in ('queued','sent')`), so two acks, or an ack racing the expiry, settle once.
 * `delivered_at`: the last time a gateway's poll handed the command out (it is handed out again after 15 s
 * without an answer). `request_id`: the client's id of the request (a retry returns the first answer); `request_hash`: the
 * SHA-256 of that request's body, so the same id with another body is refused (409) instead of answered with the first.
 */
export const COMMANDS_SCHEMA: string[] = [
  `create table if not exists broadcasts (
    id serial primary key,
    compound_id text not null,
    issuer text not null,
    created_at timestamptz not null default now(),
    due_at timestamptz not null,
    place jsonb not null,
    channels text[] not null,
    level text not null,
    template_id text,
    message jsonb not null,
    audio jsonb not null,
    show_until timestamptz,
    kind text not null default 'notice' check (kind in ('notice', 'stop')),
    stop_of int references broadcasts(id),
    request_id text,
    request_hash text,
    unique (compound_id, issuer, request_id)
  )`,
  // a broadcast is stopped once
  `create unique index if not exists broadcasts_stop_idx on broadcasts(stop_of) where stop_of is not null`,
  `create index if not exists broadcasts_compound_idx on broadcasts(compound_id, created_at desc)`,
  `create table if not exists device_commands (
    id serial primary key,
    compound_id text not null,
    device_id text not null,
    type text not null,
    params jsonb not null,
    issuer text not null,
    reason text,
    broadcast_id int references broadcasts(id),
    retry_of int references device_commands(id),
    request_id text,
    created_at timestamptz not null default now(),
    not_before timestamptz not null,
    deadline timestamptz not null,
    state text not null default 'queued' check (state in ('queued', 'sent', 'acknowledged', 'failed', 'expired')),
    state_at timestamptz not null default now(),
    sent_at timestamptz,
    sent_via text,
    deliveries int not null default 0,
    delivered_at timestamptz,
    acked_at timestamptz,
    done_at timestamptz,
    failure text,
    result jsonb,
    request_hash text,
    unique (compound_id, issuer, request_id)
  )`,
  // what the dispatcher and the gateways' polls look at: open commands of a compound by due time
  `create index if not exists device_commands_open_idx on device_commands(compound_id, not_before) where state in ('queued', 'sent')`,
  `create index if not exists device_commands_broadcast_idx on device_commands(broadcast_id, device_id, id) where broadcast_id is not null`,
  // rate limits (gate_open per gate per minute, per issuer per 10 minutes) and a device's history
  `create index if not exists device_commands_device_idx on device_commands(device_id, type, created_at)`,
  `create index if not exists device_commands_issuer_idx on device_commands(issuer, type, created_at)`,
  `create index if not exists device_commands_compound_idx on device_commands(compound_id, created_at desc)`,
  // a failed or expired command is retried once, whatever races (two clicks, two consoles)
  `create unique index if not exists device_commands_retry_idx on device_commands(retry_of) where retry_of is not null`,
];
