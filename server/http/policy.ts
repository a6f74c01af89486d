import type { Request, RequestHandler } from 'express';
import { can, inScope, type Action, type AuthUser } from '../../models';
import type { Principal } from '../auth/principal';
import { HttpError } from './errors';

// Authorization as part of the route: every route states who may do what and where its compound comes
// from, next to its handler (see secureRouter). The check runs before the handler, so a refused request
// changes nothing, and the caller's compounds travel on to the repository query as `access.compounds`.

/** Who may call a route: anyone, any signed-in principal, or a principal whose role may do `action`. */
export type Gate = 'public' | 'signed-in' | Action;

/**
 * Where the compound a request touches comes from:
 * - `none`: not one compound's (admin, /me) or a list whose query takes `access.compounds`;
 * - `path`: a compound id in a path parameter;
 * - `device`: a device id in a path parameter (its compound, from the registry);
 * - `row`: the compound of the row a path parameter names (alarm, work order), looked up before the handler;
 *   (devices and rows outside the caller's compounds are 404, like missing ones)
 * - `body`: the compounds the body names (a resolver returns them, all must be in scope).
 */
export type CompoundSource =
  | { from: 'none' }
  | { from: 'path'; param: string }
  | { from: 'device'; param: string }
  | { from: 'row'; param: string; what: string; find: (id: string) => Promise<string | undefined> | string | undefined }
  | { from: 'body'; find: (body: Record<string, unknown>) => Promise<string[]> | string[] };

/** What a masked principal (evaluator; wall unless its token shows households) gets from a route. */
export type MaskedView<T> =
  /** refused: the answer would show single households (the default) */
  | 'deny'
  /** the answer holds nothing per household (aggregates, ratings) */
  | 'same'
  /** the answer's masked type, produced by the read model */
  | ((body: T, access: Access) => unknown);

export interface Policy<T = unknown> {
  gate: Gate;
  compound: CompoundSource;
  masked?: MaskedView<T>;
}

/** What the policy established about a request; handlers pass `compounds` into their queries. */
export interface Access {
  principal: Principal | null;
  user: AuthUser | null;
  /** Compounds the caller may see: null means every compound. */
  compounds: string[] | null;
  /** The one compound the request touches, when the policy names one. */
  compoundId?: string;
  masked: boolean;
  /** The actor recorded in histories: the username, or 'anonymous'. */
  actor: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    access?: Access;
  }
}

/** Marks the handler that enforces a policy, so a walk of the router finds which routes have one. */
export const POLICY = Symbol('policy');
export type PolicyHandler = RequestHandler & { [POLICY]: Policy };

export const none = (): CompoundSource => ({ from: 'none' });
export const pathCompound = (param = 'id'): CompoundSource => ({ from: 'path', param });
export const deviceCompound = (param = 'id'): CompoundSource => ({ from: 'device', param });
export const rowCompound = (what: string, find: (id: string) => Promise<string | undefined> | string | undefined, param = 'id'): CompoundSource => ({
  from: 'row',
  param,
  what,
  find,
});
export const bodyCompounds = (find: (body: Record<string, unknown>) => Promise<string[]> | string[]): CompoundSource => ({ from: 'body', find });

/** Admins only, across every compound: users, keys, imports, the audit log are no one compound's rows. */
export const ADMIN_ONLY: Policy = { gate: 'admin', compound: { from: 'none' }, masked: 'deny' };

export interface PolicyDeps {
  /** The compound of a device, or undefined when no such device exists. */
  compoundOfDevice(id: string): string | undefined;
  /** True when a device belongs to one household (masked principals never see it alone). */
  isHouseholdDevice(id: string): boolean;
  /** Whether the login page should show its demo banner (sent with a 401). */
  demo: boolean;
}

/** The answer to a request that needs a principal and came without one (`demo` lets the login page show its banner). */
export const notSignedIn = (demo: boolean): HttpError =>
  new HttpError(401, 'not signed in: log in at POST /api/v1/auth/login (cookie) or send Authorization: Bearer <token>', { demo });

const scopeOf = (u: AuthUser): string[] | null => (u.compounds.includes('*') ? null : [...u.compounds]);
const where = (req: Request) => `${req.method} ${req.baseUrl}${req.path}`;

/** The middleware that enforces `policy` before the route's handler runs. */
export function authorize(policy: Policy, deps: PolicyDeps): PolicyHandler {
  const handler = ((req, _res, next) => {
    check(policy, deps, req).then((access) => {
      req.access = access;
      next();
    }, next);
  }) as PolicyHandler;
  handler[POLICY] = policy;
  return handler;
}

async function check(policy: Policy, deps: PolicyDeps, req: Request): Promise<Access> {
  const p = req.auth ?? null;
  if (policy.gate === 'public') {
    return { principal: p, user: p?.user ?? null, compounds: p ? scopeOf(p.user) : [], masked: p?.masked ?? true, actor: p?.user.username ?? 'anonymous' };
  }
  if (!p) throw notSignedIn(deps.demo);
  const { user } = p;
  if (policy.gate !== 'signed-in' && !can(user, policy.gate)) {
    throw new HttpError(403, `role "${user.role}" may not ${policy.gate === 'read' ? 'read this' : policy.gate} (${where(req)})`);
  }
  if (p.masked && (policy.masked ?? 'deny') === 'deny') {
    throw new HttpError(403, `${where(req)} is not available to ${user.role === 'wall' ? 'this wall display' : 'evaluators'}: it would show single households`);
  }
  const access: Access = { principal: p, user, compounds: scopeOf(user), masked: p.masked, actor: user.username };
  const inside = (c: string) => {
    if (!inScope(user, c)) throw new HttpError(403, `not allowed for compound "${c.slice(0, 64)}"`);
  };
  // A device or row of a compound outside the caller's scope is answered like one that does not exist:
  // ids are guessable, and a 403 would tell another compound's officer that an alarm was just raised.
  const unknown = (what: string, id: string) => new HttpError(404, `${what} ${what === 'device' ? `"${id.slice(0, 80)}"` : id.slice(0, 80)} not found`);
  const src = policy.compound;
  const param = 'param' in src ? String(req.params[src.param] ?? '') : '';
  switch (src.from) {
    case 'none':
      break;
    case 'path':
      inside(param);
      access.compoundId = param;
      break;
    case 'device': {
      const c = deps.compoundOfDevice(param);
      if (!c || !inScope(user, c)) throw unknown('device', param);
      if (p.masked && deps.isHouseholdDevice(param))
        throw new HttpError(403, `device "${param.slice(0, 80)}" belongs to a household: it is shown only in aggregate`);
      access.compoundId = c;
      break;
    }
    case 'row': {
      const c = await src.find(param);
      if (!c || !inScope(user, c)) throw unknown(src.what, param);
      access.compoundId = c;
      break;
    }
    case 'body': {
      const body = req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};
      const named = [...new Set(await src.find(body))];
      for (const c of named) inside(c);
      if (named.length === 1) access.compoundId = named[0];
      break;
    }
  }
  return access;
}

/** Masked callers may not single out a household device by filtering a list on it (its id follows the flat). */
export function refuseHouseholdFilter(access: Access, deps: PolicyDeps, deviceId: string | undefined): void {
  if (deviceId && access.masked && deps.isHouseholdDevice(deviceId))
    throw new HttpError(403, `deviceId: "${deviceId}" belongs to a household: it is shown only in aggregate`);
}

/** The compounds a list query may cover: the caller's scope, narrowed to `asked` when given (refused when outside it). */
export function listScope(access: Access, asked: string | undefined): string[] | null {
  if (asked === undefined) return access.compounds;
  if (access.compounds && !access.compounds.includes(asked)) throw new HttpError(403, `not allowed for compound "${asked.slice(0, 64)}"`);
  return [asked];
}
