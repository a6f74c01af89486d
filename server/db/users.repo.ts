import type { AuthUser, Role, UserRecord } from '../../models';
import type { Queryable } from './db';

/** A user row with what login needs; `passwordHash` never leaves the server. */
export interface UserRow extends UserRecord {
  passwordHash: string | null;
  demo: boolean;
  /** A wall user whose token an admin issued with households shown (unmasked); false for everyone else. */
  showHouseholds: boolean;
}

const COLS = `id, username, display_name, role, compounds, password_hash, disabled, demo,
  extract(epoch from created_at) * 1000 as c, extract(epoch from last_login_at) * 1000 as l,
  coalesce((select bool_or(w.show_households) from wall_tokens w where w.user_id = users.id), false) as sh`;

function toUser(x: Record<string, unknown>): UserRow {
  return {
    id: Number(x.id),
    username: x.username as string,
    displayName: x.display_name as string,
    role: x.role as Role,
    compounds: x.compounds as string[],
    passwordHash: (x.password_hash as string | null) ?? null,
    disabled: Boolean(x.disabled),
    demo: Boolean(x.demo),
    showHouseholds: Boolean(x.sh),
    createdAt: Number(x.c),
    lastLoginAt: x.l === null ? null : Number(x.l),
  };
}

/** The public part of a user (what /me and sessions carry). */
export const publicUser = (u: UserRow | UserRecord): AuthUser => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  compounds: u.compounds,
});

export async function findUserByName(q: Queryable, username: string): Promise<UserRow | null> {
  const r = await q.query<Record<string, unknown>>(`select ${COLS} from users where lower(username) = lower($1)`, [username]);
  return r.rows[0] ? toUser(r.rows[0]) : null;
}

export async function findUserById(q: Queryable, id: number): Promise<UserRow | null> {
  const r = await q.query<Record<string, unknown>>(`select ${COLS} from users where id = $1`, [id]);
  return r.rows[0] ? toUser(r.rows[0]) : null;
}

export async function listUsers(q: Queryable, includeWall = false): Promise<UserRecord[]> {
  const r = await q.query<Record<string, unknown>>(`select ${COLS} from users ${includeWall ? '' : `where role <> 'wall'`} order by id`);
  return r.rows.map((x) => {
    const { passwordHash: _p, demo: _d, ...u } = toUser(x);
    return u;
  });
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  compounds: string[];
  passwordHash: string | null;
  demo?: boolean;
}

/** Inserts a user; null when the username is taken. */
export async function insertUser(q: Queryable, u: NewUser): Promise<UserRow | null> {
  const r = await q.query<Record<string, unknown>>(
    `insert into users (username, display_name, role, compounds, password_hash, demo) values ($1, $2, $3, $4, $5, $6)
     on conflict (username) do nothing returning ${COLS}`,
    [u.username, u.displayName, u.role, u.compounds, u.passwordHash, u.demo ?? false],
  );
  return r.rows[0] ? toUser(r.rows[0]) : null;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  compounds?: string[];
  passwordHash?: string;
  disabled?: boolean;
}

export async function updateUser(q: Queryable, id: number, c: UserChanges): Promise<UserRow | null> {
  const r = await q.query<Record<string, unknown>>(
    `update users set display_name = coalesce($2, display_name), role = coalesce($3, role), compounds = coalesce($4, compounds),
       password_hash = coalesce($5, password_hash), disabled = coalesce($6, disabled), updated_at = now()
     where id = $1 returning ${COLS}`,
    [id, c.displayName ?? null, c.role ?? null, c.compounds ?? null, c.passwordHash ?? null, c.disabled ?? null],
  );
  return r.rows[0] ? toUser(r.rows[0]) : null;
}

export async function markLogin(q: Queryable, id: number): Promise<void> {
  await q.query(`update users set last_login_at = now() where id = $1`, [id]);
}

/** Demo credentials still usable: demo accounts and wall tokens, and the `demo-<compound>` gateway keys. */
export async function countDemoCredentials(q: Queryable): Promise<{ users: number; keys: number }> {
  const r = await q.query<{ u: number; k: number }>(
    `select (select count(*)::int from users where demo and not disabled) as u,
            (select count(*)::int from api_keys where name = 'demo gateway' and revoked_at is null) as k`,
  );
  return { users: r.rows[0].u, keys: r.rows[0].k };
}

/** Disables every demo account and revokes the demo gateway keys (DEMO_ACCOUNTS=disable). */
export async function disableDemoCredentials(q: Queryable): Promise<void> {
  await q.query(`update users set disabled = true, updated_at = now() where demo and not disabled`);
  await q.query(`update sessions set revoked_at = now() where revoked_at is null and user_id in (select id from users where demo)`);
  await q.query(`update api_keys set revoked_at = now() where name = 'demo gateway' and revoked_at is null`);
}

export async function countEnabledAdmins(q: Queryable): Promise<number> {
  const r = await q.query<{ n: number }>(`select count(*)::int as n from users where role = 'admin' and not disabled`);
  return r.rows[0].n;
}
