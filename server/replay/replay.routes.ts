import { Router, type Request } from 'express';
import { StateAtQuerySchema, TimelineQuerySchema } from '../../models';
import type { Db } from '../db/db';
import type { Twins } from '../live/twins';
import { HttpError, parseOr400, route } from '../http/errors';
import { stateAt, timeline } from './replay.service';

/** History replay: the twin at a moment, and the marks for the scrubber. */
export function replayRouter(db: Db, twins: Twins): Router {
  const r = Router();
  const entryOf = (req: Request) => {
    const e = twins.registry.get(req.params.id as string);
    if (!e) throw new HttpError(404, `compound "${req.params.id}" not found`);
    return e;
  };
  r.get(
    '/compounds/:id/state-at',
    route(async (req, res) => {
      const entry = entryOf(req);
      res.json(await stateAt(db, entry, parseOr400(StateAtQuerySchema, req.query, 'query').t));
    }),
  );
  r.get(
    '/compounds/:id/timeline',
    route(async (req, res) => {
      const entry = entryOf(req);
      const q = parseOr400(TimelineQuerySchema, req.query, 'query');
      res.json(await timeline(db, entry, q.from, q.to, q.limit));
    }),
  );
  return r;
}
