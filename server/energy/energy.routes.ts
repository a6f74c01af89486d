import { EnergyQuerySchema } from '../../models';
import type { Db } from '../db/db';
import type { Twins } from '../live/twins';
import { HttpError, parseOr400 } from '../http/errors';
import { pathCompound, type PolicyDeps } from '../http/policy';
import { secureRouter } from '../http/secureRouter';
import { energyMap } from './energy.service';

/** GET /compounds/:id/energy: the heatmap overlay's numbers. */
export function energyRouter(db: Db, twins: Twins, deps: PolicyDeps) {
  const r = secureRouter(deps);
  // Building totals hold no single household; the floor level (a unit's floor is a few flats) is refused to masked callers.
  r.get('/compounds/:id/energy', { gate: 'read', compound: pathCompound(), masked: 'same' }, async (req, _res, access) => {
    const entry = twins.registry.get(access.compoundId!);
    if (!entry) throw new HttpError(404, `compound "${access.compoundId}" not found`);
    const q = parseOr400(EnergyQuerySchema, req.query, 'query');
    if (access.masked && q.level === 'floor') throw new HttpError(403, 'level=floor is not available to evaluators: a unit-floor cell shows single households');
    return energyMap(db, entry, q);
  });
  return r.router;
}
