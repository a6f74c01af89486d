import type { Request } from 'express';
import { UserCreateSchema, UserUpdateSchema, WallTokenCreateSchema } from '../../models';
import type { Db } from '../db/db';
import { listUsers } from '../db/users.repo';
import { listWallTokens } from '../db/sessions.repo';
import { HttpError, parseOr400, parseRowId } from '../http/errors';
import { ADMIN_ONLY, type PolicyDeps } from '../http/policy';
import { secureRouter } from '../http/secureRouter';
import type { AuditLog } from '../security/auditLog';
import type { AccountsService } from './accounts.service';
import { ipOf } from './principal';

/** The row id in `/admin/…/:id`. */
export const idParam = (req: Request, what: string): number => parseRowId(req.params.id, what);

/** Admin API for people and wall displays. */
export function adminUsersRouter(db: Db, accounts: AccountsService, audit: AuditLog, knownCompound: (id: string) => boolean, deps: PolicyDeps) {
  const r = secureRouter(deps);
  const checkScope = (compounds: string[] | undefined) => {
    const bad = compounds?.find((c) => c !== '*' && !knownCompound(c));
    if (bad) throw new HttpError(400, `compounds: unknown compound "${bad}"`);
  };
  const note = (req: Request, action: string, target: string, detail?: unknown) =>
    audit.record({ actor: req.user!.name, action, target, detail, ip: ipOf(req) });

  r.get('/admin/users', ADMIN_ONLY, async (_req, res) => {
    res.json(await listUsers(db));
  });
  r.post('/admin/users', ADMIN_ONLY, async (req, res) => {
    const body = parseOr400(UserCreateSchema, req.body ?? {}, 'body');
    checkScope(body.compounds);
    const u = await accounts.createUser(body);
    note(req, 'user.create', u.username, { role: u.role, compounds: u.compounds });
    res.status(201).json(u);
  });
  r.patch('/admin/users/:id', ADMIN_ONLY, async (req, res) => {
    const id = idParam(req, 'a user');
    const body = parseOr400(UserUpdateSchema, req.body ?? {}, 'body');
    checkScope(body.compounds);
    if (id === req.auth!.user.id && (body.disabled || (body.role && body.role !== 'admin')))
      throw new HttpError(400, 'you cannot disable or demote your own account');
    const u = await accounts.updateUser(id, body);
    note(req, 'user.update', u.username, { ...body, password: body.password ? '(changed)' : undefined });
    res.json(u);
  });
  r.get('/admin/wall-tokens', ADMIN_ONLY, async (_req, res) => {
    res.json(await listWallTokens(db));
  });
  r.post('/admin/wall-tokens', ADMIN_ONLY, async (req, res) => {
    const body = parseOr400(WallTokenCreateSchema, req.body ?? {}, 'body');
    checkScope(body.compounds);
    const expiresAt = body.expiresInDays ? Date.now() + body.expiresInDays * 86_400_000 : null;
    const showHouseholds = body.showHouseholds ?? false;
    const t = await accounts.createWallToken(body.name, body.compounds, expiresAt, undefined, false, showHouseholds);
    note(req, 'wall_token.create', String(t.id), { name: body.name, compounds: body.compounds, expiresAt, showHouseholds });
    // The token is shown this once; only its hash is kept.
    res.status(201).json({
      id: t.id,
      token: t.token,
      name: body.name,
      compounds: body.compounds,
      expiresAt,
      showHouseholds,
      url: `/wall?token=${encodeURIComponent(t.token)}`,
    });
  });
  r.delete('/admin/wall-tokens/:id', ADMIN_ONLY, async (req, res) => {
    const id = idParam(req, 'a wall token');
    await accounts.revokeWallToken(id);
    note(req, 'wall_token.revoke', String(id));
    res.status(204).end();
  });
  return r.router;
}
