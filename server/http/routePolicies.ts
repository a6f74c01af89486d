import type { Express, RequestHandler } from 'express';
import { servedRoutes, type ServedRoute } from '../openapi/routeTable';
import { HttpError } from './errors';

/**
 * Deny by default: every route under `under` without a declared policy gets a handler in front that
 * refuses it (403), so a route added with plain `router.get` can never answer. Returns those routes
 * (logged at start-up; the route-table test fails naming them).
 */
export function refuseUndeclared(app: Express, under: string): ServedRoute[] {
  const missing = servedRoutes(app, under).filter((r) => !r.policy);
  const refuse: RequestHandler = (req, _res, next) =>
    next(new HttpError(403, `${req.method} ${req.originalUrl.slice(0, 200)} has no declared access policy: refused`));
  for (const r of missing) {
    const first = r.stack[0];
    if (first && (first.handle as { refusesUndeclared?: true }).refusesUndeclared) continue;
    // A layer of the route's own kind (same prototype), for every method, whose handler refuses.
    const proto = Object.getPrototypeOf(first) as object | null;
    const layer = Object.assign(Object.create(proto) as ServedRoute['stack'][number], first, {
      handle: Object.assign(refuse, { refusesUndeclared: true as const }),
      method: undefined,
      name: 'refuseUndeclared',
    });
    r.stack.unshift(layer);
  }
  return missing;
}
