import { isMasked } from '../../models';
import type { Db } from '../db/db';
import { findUserById, findUserByName, markLogin, publicUser, type UserRow } from '../db/users.repo';
import { findSession, insertSession, revokeSession, revokeUserSessions, useWallToken } from '../db/sessions.repo';
import { verifyPassword } from './passwords';
import type { Principal } from './principal';
import { newSecret, tokenHasher } from './tokens';

export interface AuthOptions {
  /** Keys the token hashes (SESSION_SECRET). */
  secret: string;
  sessionTtlMs: number;
  /** Longest session a wall token buys (it is renewed by reloading with the token). */
  wallSessionTtlMs: number;
  /** Demo accounts are seeded and the UI banners it. */
  demo: boolean;
  /** Mark cookies Secure (HTTPS deployments). */
  secureCookies: boolean;
}

export interface ClientMeta {
  ip: string | null;
  userAgent: string | null;
}

/** Something ended a session or a user's sessions: sockets authenticated by it must go. */
export type RevokeEvent = { userId: number } | { credentialHash: string };

const CACHE_MS = 10_000;

/** Logins, sessions and wall tokens: the one place that turns a secret into a Principal. */
export class AuthService {
  readonly hash: (token: string) => string;
  private readonly cache = new Map<string, { p: Principal; at: number }>();
  /** Secrets that matched nothing, briefly: a flood of made-up tokens costs no queries. */
  private readonly misses = new Map<string, number>();
  private readonly listeners: ((e: RevokeEvent) => void)[] = [];

  constructor(
    private readonly db: Db,
    readonly opts: AuthOptions,
  ) {
    this.hash = tokenHasher(opts.secret);
  }

  /** Checks a password; a new session for the user, or null (unknown user, wrong password, disabled). */
  async login(username: string, password: string, meta: ClientMeta): Promise<{ token: string; principal: Principal } | null> {
    const user = await findUserByName(this.db, username);
    const ok = await verifyPassword(password, user && user.role !== 'wall' ? user.passwordHash : null);
    if (!ok || !user || user.disabled) return null;
    await markLogin(this.db, user.id);
    return this.startSession(user, Date.now() + this.opts.sessionTtlMs, meta);
  }

  /** Trades a wall token for a session cookie (the wall display never sees a login form). */
  async exchangeWallToken(token: string, meta: ClientMeta): Promise<{ token: string; principal: Principal } | null> {
    const w = await useWallToken(this.db, this.hash(token));
    const user = w && (await findUserById(this.db, w.userId));
    if (!w || !user || user.disabled) return null;
    return this.startSession(user, Math.min(w.expiresAt ?? Infinity, Date.now() + this.opts.wallSessionTtlMs), meta);
  }

  /** The principal behind a session or wall-token secret, or null. Cached briefly; revocation purges the cache. */
  async resolve(secret: string): Promise<Principal | null> {
    const h = this.hash(secret);
    const hit = this.cache.get(h);
    const now = Date.now();
    if (hit && now - hit.at < CACHE_MS && hit.p.expiresAt > now) return hit.p;
    this.cache.delete(h);
    if ((this.misses.get(h) ?? 0) > now) return null;
    let p: Principal | null = null;
    const s = await findSession(this.db, h);
    if (s) {
      const u = await findUserById(this.db, s.userId);
      if (u && !u.disabled) p = this.principal(u, s.expiresAt, 'session', h);
    } else {
      const w = await useWallToken(this.db, h);
      const u = w && (await findUserById(this.db, w.userId));
      if (w && u && !u.disabled) p = this.principal(u, w.expiresAt ?? Infinity, 'wall-token', h);
    }
    if (p) {
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(h, { p, at: now });
    } else {
      if (this.misses.size > 10_000) this.misses.clear();
      this.misses.set(h, now + CACHE_MS);
    }
    return p;
  }

  async logout(p: Principal): Promise<void> {
    if (p.credential === 'session') await revokeSession(this.db, p.credentialHash);
    this.forget({ credentialHash: p.credentialHash });
  }

  /** Ends every session of a user now (disabled, password or role changed, wall token revoked). */
  async endUserSessions(userId: number): Promise<void> {
    await revokeUserSessions(this.db, userId);
    this.forget({ userId });
  }

  /** Drops cached principals and tells listeners (the socket guard disconnects). */
  forget(e: RevokeEvent): void {
    for (const [h, v] of this.cache) if ('userId' in e ? v.p.user.id === e.userId : h === e.credentialHash) this.cache.delete(h);
    for (const l of this.listeners) l(e);
  }

  /** A secret that now exists (a new wall token) must not stay in the recent-misses list. */
  issued(token: string): void {
    this.misses.delete(this.hash(token));
  }

  onRevoke(listener: (e: RevokeEvent) => void): void {
    this.listeners.push(listener);
  }

  private async startSession(user: UserRow, expiresAt: number, meta: ClientMeta): Promise<{ token: string; principal: Principal }> {
    const token = newSecret('cts_');
    const h = this.hash(token);
    await insertSession(this.db, { tokenHash: h, userId: user.id, expiresAt, ip: meta.ip, userAgent: meta.userAgent });
    return { token, principal: this.principal(user, expiresAt, 'session', h) };
  }

  private principal(u: UserRow, expiresAt: number, credential: Principal['credential'], credentialHash: string): Principal {
    return { user: publicUser(u), expiresAt, credential, credentialHash, masked: isMasked(u) };
  }
}
