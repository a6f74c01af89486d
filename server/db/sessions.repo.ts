import type { WallTokenRecord } from '../../models';
import type { Queryable } from './db';

// Sessions and wall tokens are keyed by the SHA-256 of a random secret: a database leak yields no usable token.

export interface SessionRow {
  tokenHash: string;
  userId: number;
  expiresAt: number;
}

export async function insertSession(q: Queryable, s: SessionRow & { ip: string | null; userAgent: string | null }): Promise<void> {
  await q.query(`insert into sessions (token_hash, user_id, expires_at, ip, user_agent) values ($1, $2, to_timestamp($3 / 1000.0), $4, $5)`, [
    s.tokenHash,
    s.userId,
    s.expiresAt,
    s.ip,
    s.userAgent?.slice(0, 300) ?? null,
  ]);
}

/** A live session (not revoked, not expired, user enabled). */
export async function findSession(q: Queryable, tokenHash: string): Promise<SessionRow | null> {
  const r = await q.query<{ user_id: number; e: number }>(
    `select s.user_id, extract(epoch from s.expires_at) * 1000 as e from sessions s join users u on u.id = s.user_id
      where s.token_hash = $1 and s.revoked_at is null and s.expires_at > now() and not u.disabled`,
    [tokenHash],
  );
  return r.rows[0] ? { tokenHash, userId: Number(r.rows[0].user_id), expiresAt: Number(r.rows[0].e) } : null;
}

export async function revokeSession(q: Queryable, tokenHash: string): Promise<void> {
  await q.query(`update sessions set revoked_at = now() where token_hash = $1 and revoked_at is null`, [tokenHash]);
}

/** Ends every session of a user (password change, disable, wall token revoked). */
export async function revokeUserSessions(q: Queryable, userId: number): Promise<void> {
  await q.query(`update sessions set revoked_at = now() where user_id = $1 and revoked_at is null`, [userId]);
}

export async function deleteExpiredSessions(q: Queryable): Promise<number> {
  const r = await q.query(`delete from sessions where expires_at < now() - interval '1 day' or revoked_at < now() - interval '1 day'`);
  return r.rowCount;
}

export async function insertWallToken(
  q: Queryable,
  t: { userId: number; name: string; tokenHash: string; expiresAt: number | null; showHouseholds?: boolean },
): Promise<number> {
  const r = await q.query<{ id: number }>(
    `insert into wall_tokens (user_id, name, token_hash, expires_at, show_households)
       values ($1, $2, $3, case when $4::float8 is null then null else to_timestamp($4::float8 / 1000.0) end, $5)
     on conflict (token_hash) do update set name = excluded.name returning id`,
    [t.userId, t.name, t.tokenHash, t.expiresAt, t.showHouseholds ?? false],
  );
  return Number(r.rows[0].id);
}

/** The wall user and expiry of a live token, touching its last-used time. */
export async function useWallToken(q: Queryable, tokenHash: string): Promise<{ userId: number; expiresAt: number | null } | null> {
  const r = await q.query<{ user_id: number; e: number | null }>(
    `update wall_tokens w set last_used_at = now() from users u
      where w.token_hash = $1 and w.revoked_at is null and (w.expires_at is null or w.expires_at > now()) and u.id = w.user_id and not u.disabled
      returning w.user_id, extract(epoch from w.expires_at) * 1000 as e`,
    [tokenHash],
  );
  const x = r.rows[0];
  return x ? { userId: Number(x.user_id), expiresAt: x.e === null ? null : Number(x.e) } : null;
}

export async function listWallTokens(q: Queryable): Promise<WallTokenRecord[]> {
  const r = await q.query<Record<string, unknown>>(
    `select w.id, w.name, u.compounds, extract(epoch from w.created_at) * 1000 as c, extract(epoch from w.expires_at) * 1000 as e,
            extract(epoch from w.revoked_at) * 1000 as r, extract(epoch from w.last_used_at) * 1000 as l, w.show_households
       from wall_tokens w join users u on u.id = w.user_id order by w.id`,
  );
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return r.rows.map((x) => ({
    id: Number(x.id),
    name: x.name as string,
    compounds: x.compounds as string[],
    createdAt: Number(x.c),
    expiresAt: n(x.e),
    revokedAt: n(x.r),
    lastUsedAt: n(x.l),
    showHouseholds: Boolean(x.show_households),
  }));
}

/** Revokes a wall token; returns its user id so the caller can end its sessions. */
export async function revokeWallToken(q: Queryable, id: number): Promise<number | null> {
  const r = await q.query<{ user_id: number }>(`update wall_tokens set revoked_at = now() where id = $1 and revoked_at is null returning user_id`, [id]);
  return r.rows[0] ? Number(r.rows[0].user_id) : null;
}
