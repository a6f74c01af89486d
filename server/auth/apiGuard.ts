import type { Request, RequestHandler, Response } from 'express';
import { can, inScope, type Action } from '../../models';
import { HttpError } from '../http/errors';
import type { Twins } from '../live/twins';
import { isHouseholdDevice } from '../security/householdMask';
import { maskBody } from '../security/maskPayloads';
import type { AuthService } from './auth.service';
import { credentialOf } from './principal';

/** Finds the compound a resource belongs to, from the id in `/<resource>/:id`. */
export type CompoundResolver = (id: string) => string | undefined | Promise<string | undefined>;

/** Routes anyone may call: signing in, and ingest (which has its own API keys). */
const PUBLIC = /^\/(auth\/(login|token|wall|logout)|ingest)\/?$/;

/**
 * What evaluators may read: views that are aggregated or masked. Anything else (replay's per-device
 * history, floor-level energy cells, routes added later) stays closed to them until listed here.
 */
const MASKED_READS = [
  /^\/me$/,
  /^\/compounds$/,
  /^\/compounds\/[^/]+(\/(twin|kpis|rating|energy))?$/,
  /^\/(rating|rubrics)(\/.*)?$/,
  /^\/(alarms|work-orders)(\/\d+)?$/,
  /^\/devices\/[^/]+(\/series)?$/,
];

/** Body and query fields that name a resource of some compound. */
const REFERENCES: [string, string][] = [
  ['deviceId', 'devices'],
  ['alarmId', 'alarms'],
  ['workOrderId', 'work-orders'],
];

/** What a request wants to do, from its method and path (unknown changes need an officer). */
export function actionFor(method: string, path: string, query: Record<string, unknown> = {}): Action {
  const seg = path.split('/')[1] ?? '';
  if (seg === 'admin') return 'admin';
  if (method === 'GET' || method === 'HEAD') {
    const download = /\/rating$/.test(path) && (query.format === 'csv' || query.download !== undefined);
    return download || /\/export(\/|\.|$)/.test(path) ? 'rating:export' : 'read';
  }
  if (seg === 'alarms') return 'alarm:act';
  if (seg === 'workorders' || seg === 'work-orders') return 'workorder:manage';
  if (seg === 'compounds' || seg === 'import' || seg === 'imports') return 'compound:edit';
  return 'operate';
}

/**
 * Every /api/v1 request except the public ones: authenticated (cookie or Bearer), allowed for the role,
 * inside the user's compounds (path, `compoundId` in query or body, or the resource's own compound),
 * and for evaluators answered in masked form. Mounted before every router, so a new route is covered.
 */
export class ApiGuard {
  private readonly resolvers = new Map<string, CompoundResolver>();

  constructor(private readonly auth: AuthService, private readonly twins: Twins) {
    this.resolvers.set('compounds', (id) => id);
    this.resolvers.set('devices', (id) => twins.registry.compoundOfDevice(id));
  }

  /** Teaches the guard which compound `/<resource>/:id` belongs to (alarms, work orders…). */
  resolve(resource: string, fn: CompoundResolver): void {
    this.resolvers.set(resource, fn);
  }

  /** Sets req.auth / req.user when a valid credential came with the request; never refuses. */
  identify(): RequestHandler {
    return (req, _res, next) => {
      // Gateways send their device key as a Bearer too: that is ingest's to check, not a session.
      if (req.path === '/ingest') return next();
      const secret = credentialOf(req);
      if (!secret) return next();
      this.auth.resolve(secret).then((p) => {
        if (p) {
          req.auth = p;
          req.user = { ...p.user, name: p.user.username };
        }
        next();
      }, next);
    };
  }

  middleware(): RequestHandler {
    return (req, res, next) => {
      if (PUBLIC.test(req.path)) return next();
      this.check(req, res).then(() => next(), next);
    };
  }

  private async check(req: Request, res: Response): Promise<void> {
    const p = req.auth;
    // `demo` lets the login page show its banner before anyone is signed in.
    if (!p) throw new HttpError(401, 'not signed in: log in at POST /api/v1/auth/login (cookie) or send Authorization: Bearer <token>', { demo: this.auth.opts.demo });
    const { user } = p;
    const action = actionFor(req.method, req.path, req.query as Record<string, unknown>);
    if (!can(user, action)) throw new HttpError(403, `role "${user.role}" may not ${action === 'read' ? 'read this' : action} (${req.method} ${req.baseUrl}${req.path})`);
    const { compounds, known } = await this.compoundsOf(req);
    for (const c of compounds) if (!inScope(user, c)) throw new HttpError(403, `not allowed for compound "${c}"`);
    const changes = action !== 'read' && action !== 'rating:export';
    // A resource the guard knows but cannot find is left to its route (404); an unknown kind of change is refused.
    if (changes && !compounds.length && !known && !user.compounds.includes('*')) {
      throw new HttpError(403, `cannot tell which compound ${req.method} ${req.path} touches; only users of every compound may do it`);
    }
    if (p.masked) {
      if (!MASKED_READS.some((re) => re.test(req.path)) || (req.path.endsWith('/energy') && req.query.level === 'floor')) {
        throw new HttpError(403, `${req.method} ${req.baseUrl}${req.path} is not available to evaluators: it would show single households`);
      }
      const [, seg, id] = req.path.split('/');
      const d = seg === 'devices' && id ? this.twins.registry.device(decodeURIComponent(id)) : undefined;
      if (d && isHouseholdDevice(d)) throw new HttpError(403, `device "${d.id}" belongs to a household: evaluators see it only in aggregate`);
    }
    this.netResponses(req, res);
  }

  /** Compounds a request names: path resource, `compoundId` in the query or the body. */
  private async compoundsOf(req: Request): Promise<{ compounds: string[]; known: boolean }> {
    const out = new Set<string>();
    const [, seg, id] = req.path.split('/');
    const r = seg ? this.resolvers.get(seg) : undefined;
    const known = Boolean(r && id);
    if (r && id) {
      const c = await r(decodeURIComponent(id));
      if (c) out.add(c);
    }
    for (const src of [req.query as Record<string, unknown>, req.body as Record<string, unknown> | undefined]) {
      if (!src || typeof src !== 'object' || Array.isArray(src)) continue;
      const c = src.compoundId;
      if (typeof c === 'string') out.add(c);
      else if (Array.isArray(c)) for (const x of c) if (typeof x === 'string') out.add(x);
      // A device, alarm or work order named in the request counts as naming its compound.
      for (const [key, resource] of REFERENCES) {
        const v = src[key];
        const fn = this.resolvers.get(resource);
        if (fn && (typeof v === 'string' || typeof v === 'number') && String(v).length <= 80) {
          const rc = await fn(String(v));
          if (rc) out.add(rc);
        }
      }
    }
    return { compounds: [...out], known };
  }

  /**
   * The safety net behind every JSON answer: list items of other compounds are dropped (top-level
   * lists and lists one level down), a single object of another compound becomes 403, and
   * evaluators get the masked form.
   */
  private netResponses(req: Request, res: Response): void {
    const { user, masked } = req.auth!;
    if (user.compounds.includes('*') && !masked) return;
    const json = res.json.bind(res);
    const visible = (x: unknown) => !(x && typeof x === 'object' && typeof (x as { compoundId?: unknown }).compoundId === 'string' && !inScope(user, (x as { compoundId: string }).compoundId));
    const summaryVisible = (x: unknown) => !(req.path === '/compounds' && x && typeof x === 'object' && typeof (x as { id?: unknown }).id === 'string' && !inScope(user, (x as { id: string }).id));
    res.json = (body: unknown) => {
      if (res.statusCode < 400) {
        if (Array.isArray(body)) body = body.filter((x) => visible(x) && summaryVisible(x));
        else if (!visible(body)) {
          res.status(403);
          return json({ error: `not allowed for compound "${(body as { compoundId: string }).compoundId}"` });
        } else if (body && typeof body === 'object') {
          body = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, Array.isArray(v) ? v.filter(visible) : v]));
        }
        if (masked) body = maskBody(this.twins, body);
      }
      return json(body);
    };
  }
}

/** For routers that need a finer check than the guard's (e.g. a resource found by a search). */
export function assertCan(req: Request, action: Action, compoundId?: string): void {
  const u = req.auth?.user;
  if (!u) throw new HttpError(401, 'not signed in');
  if (!can(u, action, compoundId)) throw new HttpError(403, `not allowed: ${action}${compoundId ? ` on compound "${compoundId}"` : ''}`);
}
