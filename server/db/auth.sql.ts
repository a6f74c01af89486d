// Accounts, sessions and wall tokens (migration 3). Secrets are stored only as hashes.

export const AUTH_TABLES = `
create table if not exists users (
  id serial primary key,
  username text not null unique,
  display_name text not null,
  role text not null check (role in ('admin', 'officer', 'evaluator', 'wall')),
  compounds text[] not null,
  password_hash text,
  disabled boolean not null default false,
  demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_login_at timestamptz
);
create table if not exists sessions (
  token_hash text primary key,
  user_id int not null references users(id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  ip text,
  user_agent text
);
create index if not exists sessions_user_idx on sessions(user_id);
create index if not exists sessions_expiry_idx on sessions(expires_at);
create table if not exists wall_tokens (
  id serial primary key,
  user_id int not null references users(id) on delete cascade,
  name text not null,
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz
);
create index if not exists audit_log_at_idx on audit_log(at desc);
create index if not exists api_keys_compound_idx on api_keys(compound_id)
`;
