import { randomBytes } from 'node:crypto';
import type { Role, UserRecord } from '../../models';
import type { Db } from '../db/db';
import { findUserById, findUserByName, insertUser, updateUser, type UserChanges } from '../db/users.repo';
import { insertWallToken, revokeWallToken } from '../db/sessions.repo';
import { HttpError } from '../http/errors';
import type { AuthService } from './auth.service';
import { hashPassword } from './passwords';
import { newSecret } from './tokens';

/** The demo accounts (README lists them); seeded only in demo mode and refused in production. */
export const DEMO_ACCOUNTS: { username: string; password: string; role: Role; compounds: string[]; displayName: string }[] = [
  { username: 'admin', password: 'admin-demo-2026', role: 'admin', compounds: ['*'], displayName: '系统管理员 Admin' },
  { username: 'officer-yaguang', password: 'officer-demo-2026', role: 'officer', compounds: ['yaguang-xincun'], displayName: '雅广新村网格员' },
  { username: 'officer-sanhe', password: 'officer-demo-2026', role: 'officer', compounds: ['sanhe-guanggu'], displayName: '三和光谷网格员' },
  { username: 'evaluator', password: 'evaluator-demo-2026', role: 'evaluator', compounds: ['*'], displayName: '星级评定专家' },
];
export const DEMO_WALL_TOKEN = 'demo-wall-token';

/** Creating and changing users and wall tokens (admin API, demo seeding). */
export class AccountsService {
  constructor(
    private readonly db: Db,
    private readonly auth: AuthService,
  ) {}

  async createUser(u: { username: string; displayName?: string; role: Role; compounds: string[]; password: string | null }, demo = false): Promise<UserRecord> {
    // Usernames sign in case-insensitively, so "Admin" beside "admin" would be two people behind one name.
    if (await findUserByName(this.db, u.username)) throw new HttpError(409, `username "${u.username}" is taken`);
    const row = await insertUser(this.db, {
      username: u.username,
      displayName: u.displayName ?? u.username,
      role: u.role,
      compounds: normaliseScope(u.role, u.compounds),
      passwordHash: u.password === null ? null : await hashPassword(u.password),
      demo,
    });
    if (!row) throw new HttpError(409, `username "${u.username}" is taken`);
    const { passwordHash: _p, demo: _d, showHouseholds: _s, ...rec } = row;
    return rec;
  }

  /** Applies changes; anything that narrows access (role, scope, password, disabled) ends the user's sessions. */
  async updateUser(id: number, c: { displayName?: string; role?: Role; compounds?: string[]; password?: string; disabled?: boolean }): Promise<UserRecord> {
    const changes: UserChanges = { displayName: c.displayName, role: c.role, compounds: c.compounds, disabled: c.disabled };
    if (c.password !== undefined) changes.passwordHash = await hashPassword(c.password);
    const cur = await findUserById(this.db, id);
    if (!cur || cur.role === 'wall') throw new HttpError(404, `user ${id} not found`);
    if (c.compounds || c.role) changes.compounds = normaliseScope(c.role ?? cur.role, c.compounds ?? cur.compounds);
    const row = await updateUser(this.db, id, changes);
    if (!row) throw new HttpError(404, `user ${id} not found`);
    if (c.role !== undefined || c.compounds !== undefined || c.password !== undefined || c.disabled !== undefined) await this.auth.endUserSessions(id);
    const { passwordHash: _p, demo: _d, showHouseholds: _s, ...rec } = row;
    return rec;
  }

  /** A wall display: its own read-only user plus a token (returned once). */
  /** `showHouseholds`: the display gets the unmasked view (per-household devices); off by default, since the token sits in a URL. */
  async createWallToken(
    name: string,
    compounds: string[],
    expiresAt: number | null,
    token = newSecret('ctw_'),
    demo = false,
    showHouseholds = false,
  ): Promise<{ id: number; token: string }> {
    const username = `wall.${
      name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 40) || 'screen'
    }.${randomBytes(3).toString('hex')}`;
    const user = await this.createUser({ username, displayName: name, role: 'wall', compounds, password: null }, demo);
    const id = await insertWallToken(this.db, { userId: user.id, name, tokenHash: this.auth.hash(token), expiresAt, showHouseholds });
    this.auth.issued(token);
    return { id, token };
  }

  async revokeWallToken(id: number): Promise<void> {
    const userId = await revokeWallToken(this.db, id);
    if (userId === null) throw new HttpError(404, `wall token ${id} not found or already revoked`);
    await updateUser(this.db, userId, { disabled: true });
    await this.auth.endUserSessions(userId);
  }

  /** Seeds the demo accounts and the demo wall token when missing. */
  async seedDemo(): Promise<void> {
    for (const a of DEMO_ACCOUNTS) if (!(await findUserByName(this.db, a.username))) await this.createUser(a, true);
    if (!(await this.auth.resolve(DEMO_WALL_TOKEN))) await this.createWallToken('Demo wall', ['*'], null, DEMO_WALL_TOKEN, true);
  }
}

/** Admins always see every compound; nobody else may hold the wildcard. */
function normaliseScope(role: Role, compounds: string[]): string[] {
  if (role === 'admin') return ['*'];
  if (compounds.includes('*') && role !== 'evaluator' && role !== 'wall') throw new HttpError(400, `compounds: "*" is only for admins, evaluators and walls`);
  return [...new Set(compounds)];
}
