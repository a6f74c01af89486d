import { Router } from 'express';
import { EnergyQuerySchema } from '../../models';
import type { Db } from '../db/db';
import type { Twins } from '../live/twins';
import { HttpError, parseOr400, route } from '../http/errors';
import { energyMap } from './energy.service';

/** GET /compounds/:id/energy: the heatmap overlay's numbers. */
export function energyRouter(db: Db, twins: Twins): Router {
  const r = Router();
  r.get(
    '/compounds/:id/energy',
    route(async (req, res) => {
      const entry = twins.registry.get(req.params.id as string);
      if (!entry) throw new HttpError(404, `compound "${req.params.id}" not found`);
      res.json(await energyMap(db, entry, parseOr400(EnergyQuerySchema, req.query, 'query')));
    }),
  );
  return r;
}
