import { EnergyHourlyQuerySchema, EnergyQuerySchema } from '../../models';
import type { Db } from '../db/db';
import type { Twins } from '../live/twins';
import { HttpError, parseOr400 } from '../http/errors';
import { pathCompound, type PolicyDeps } from '../http/policy';
import { secureRouter } from '../http/secureRouter';
import { describeRoute } from '../openapi/describeRoute';
import { energyHourly } from './energyHourly';
import { energyMap } from './energy.service';

describeRoute('get', '/api/v1/compounds/:id/energy/hourly', {
  summary: "The compound's energy (or water) use by local hour: today so far against yesterday",
  description:
    "Hours are the compound's own (its `timeZone`); the meters are those the KPIs sum (building-level and public meters, no household sub-meter). `values[i]` is null for an hour without readings.",
  tags: ['compounds'],
  query: EnergyHourlyQuerySchema,
  responses: {
    200: {
      description: 'EnergyHourly: {compoundId, metric, unit, timeZone, now, today: {from, to, values[]}, yesterday: {from, to, values[]}}',
      contentType: 'application/json',
    },
    400: 'bad metric or unknown parameter',
    404: 'compound not found',
  },
});

/** GET /compounds/:id/energy: the heatmap overlay's numbers; GET /compounds/:id/energy/hourly: the wall's trend. */
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
  // The whole compound's use, summed over its building-level meters: no household in it, the same for masked callers.
  r.get('/compounds/:id/energy/hourly', { gate: 'read', compound: pathCompound(), masked: 'same' }, async (req, _res, access) => {
    const entry = twins.registry.get(access.compoundId!);
    if (!entry) throw new HttpError(404, `compound "${access.compoundId}" not found`);
    const q = parseOr400(EnergyHourlyQuerySchema, req.query, 'query');
    return energyHourly(db, entry, q.metric);
  });
  return r.router;
}
