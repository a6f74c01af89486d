import { StateAtQuerySchema, TimelineQuerySchema } from '../../models';
import type { Db } from '../db/db';
import type { Twins } from '../live/twins';
import { HttpError, parseOr400 } from '../http/errors';
import { pathCompound, type PolicyDeps } from '../http/policy';
import { secureRouter } from '../http/secureRouter';
import { stateAt, timeline } from './replay.service';

/** History replay: the twin at a moment, and the marks for the scrubber. Per-device history: closed to masked callers. */
export function replayRouter(db: Db, twins: Twins, deps: PolicyDeps) {
  const r = secureRouter(deps);
  const entryOf = (id: string) => {
    const e = twins.registry.get(id);
    if (!e) throw new HttpError(404, `compound "${id}" not found`);
    return e;
  };
  r.get('/compounds/:id/state-at', { gate: 'read', compound: pathCompound(), masked: 'deny' }, async (req, _res, access) => {
    const q = parseOr400(StateAtQuerySchema, req.query, 'query');
    return stateAt(db, entryOf(access.compoundId!), q.t, q.devices);
  });
  r.get('/compounds/:id/timeline', { gate: 'read', compound: pathCompound(), masked: 'deny' }, async (req, _res, access) => {
    const entry = entryOf(access.compoundId!);
    const q = parseOr400(TimelineQuerySchema, req.query, 'query');
    return timeline(db, entry, q.from, q.to, q.limit);
  });
  return r.router;
}
