import type { Request } from 'express';
import { z } from 'zod';
import { maskPhone, StaffCreateSchema, StaffQuerySchema, StaffUpdateSchema, TeamCreateSchema, TeamUpdateSchema, type StaffDirectory } from '../../models';
import { ipOf } from '../auth/principal';
import type { Db, Queryable } from '../db/db';
import * as repo from '../db/staff.repo';
import { HttpError, parseOr400, parseRowId } from '../http/errors';
import { ADMIN_ONLY, pathCompound, type PolicyDeps } from '../http/policy';
import { secureRouter } from '../http/secureRouter';
import { describeRoute } from '../openapi/describeRoute';
import type { AuditLog } from '../security/auditLog';

/** A staff member's team must be a team of the same compound. */
async function checkTeam(q: Queryable, teamId: number | null | undefined, compoundId: string): Promise<void> {
  if (teamId === undefined || teamId === null) return;
  if (!(await repo.getTeam(q, teamId, compoundId))) throw new HttpError(400, `teamId: team ${teamId} is not a team of compound "${compoundId}"`);
}

/**
 * The staff directory: officers read their compound's staff and teams (to assign work orders);
 * admins create, change and deactivate them. Every write is audited.
 */
export function staffRouter(db: Db, audit: AuditLog, knownCompound: (id: string) => boolean, deps: PolicyDeps) {
  const r = secureRouter(deps);
  const note = (req: Request, action: string, target: string, detail?: unknown) =>
    audit.record({ actor: req.user!.name, action, target, detail, ip: ipOf(req) });

  r.get('/compounds/:id/staff', { gate: 'workorder:manage', compound: pathCompound('id'), masked: 'deny' }, async (req, _res, access) => {
    const compoundId = String(req.params.id);
    if (!knownCompound(compoundId)) throw new HttpError(404, `compound "${compoundId.slice(0, 64)}" not found`);
    const q = parseOr400(StaffQuerySchema, req.query, 'query');
    const all = q.inactive === 'true';
    const [teams, staff] = await Promise.all([repo.listTeams(db, compoundId, all), repo.listStaff(db, compoundId, all)]);
    // Phone numbers are personal: in full for admins, the middle hidden for everyone else.
    const admin = access.user?.role === 'admin';
    const out: StaffDirectory = { compoundId, teams, staff: admin ? staff : staff.map((s) => ({ ...s, phone: s.phone ? maskPhone(s.phone) : null })) };
    return out;
  });

  r.post('/admin/teams', ADMIN_ONLY, async (req, res) => {
    const body = parseOr400(TeamCreateSchema, req.body ?? {}, 'body');
    if (!knownCompound(body.compoundId)) throw new HttpError(400, `compoundId: unknown compound "${body.compoundId}"`);
    const t = await repo.insertTeam(db, body);
    note(req, 'team.create', String(t.id), body);
    res.status(201);
    return t;
  });
  r.patch('/admin/teams/:id', ADMIN_ONLY, async (req) => {
    const id = parseRowId(req.params.id, 'a team');
    const body = parseOr400(TeamUpdateSchema, req.body ?? {}, 'body');
    const compoundId = await repo.compoundOfRow(db, 'teams', id);
    if (!compoundId) throw new HttpError(404, `team ${id} not found`);
    const t = (await repo.updateTeam(db, id, compoundId, body))!;
    note(req, body.active === false ? 'team.deactivate' : 'team.update', String(id), body);
    return t;
  });

  r.post('/admin/staff', ADMIN_ONLY, async (req, res) => {
    const body = parseOr400(StaffCreateSchema, req.body ?? {}, 'body');
    if (!knownCompound(body.compoundId)) throw new HttpError(400, `compoundId: unknown compound "${body.compoundId}"`);
    const s = await db.transaction(async (q) => {
      await checkTeam(q, body.teamId, body.compoundId);
      return repo.insertStaff(q, body);
    });
    note(req, 'staff.create', String(s.id), { ...body, phone: body.phone ? maskPhone(body.phone) : undefined });
    res.status(201);
    return s;
  });
  r.patch('/admin/staff/:id', ADMIN_ONLY, async (req) => {
    const id = parseRowId(req.params.id, 'a staff member');
    const body = parseOr400(StaffUpdateSchema, req.body ?? {}, 'body');
    const s = await db.transaction(async (q) => {
      const compoundId = await repo.compoundOfRow(q, 'staff', id);
      if (!compoundId) throw new HttpError(404, `staff member ${id} not found`);
      await checkTeam(q, body.teamId, compoundId);
      return (await repo.updateStaff(q, id, compoundId, body))!;
    });
    note(req, body.active === false ? 'staff.deactivate' : 'staff.update', String(id), { ...body, phone: body.phone ? maskPhone(body.phone) : body.phone });
    return s;
  });
  return r.router;
}

const json = (description: string) => ({ description, contentType: 'application/json' });
const admin = { 401: 'not signed in', 403: 'not an admin' };
describeRoute('get', '/api/v1/compounds/:id/staff', {
  summary: "The compound's staff and teams (whom work orders can be assigned to: staff:<id> / team:<id>); phones masked for non-admins",
  tags: ['work-orders'],
  query: StaffQuerySchema.extend({ inactive: z.enum(['true', 'false']).optional().describe('true: include deactivated staff and teams') }),
  responses: { 200: json('{compoundId, teams: Team[], staff: StaffMember[]}'), 403: 'not an officer of this compound', 404: 'compound not found' },
});
describeRoute('post', '/api/v1/admin/teams', {
  summary: 'Create a team of a compound',
  tags: ['admin'],
  body: TeamCreateSchema,
  responses: { 201: json('the team'), 400: 'bad body or unknown compound', ...admin },
});
describeRoute('patch', '/api/v1/admin/teams/:id', {
  summary: 'Rename a team, or deactivate it (active: false)',
  tags: ['admin'],
  body: TeamUpdateSchema,
  responses: { 200: json('the team'), 400: 'bad body', 404: 'team not found', ...admin },
});
describeRoute('post', '/api/v1/admin/staff', {
  summary: 'Add a staff member to a compound (trade, team of the same compound, phone)',
  tags: ['admin'],
  body: StaffCreateSchema,
  responses: { 201: json('the staff member'), 400: 'bad body, unknown compound or a team of another compound', ...admin },
});
describeRoute('patch', '/api/v1/admin/staff/:id', {
  summary: 'Change a staff member, or deactivate them (active: false)',
  tags: ['admin'],
  body: StaffUpdateSchema,
  responses: { 200: json('the staff member'), 400: 'bad body or a team of another compound', 404: 'staff member not found', ...admin },
});
