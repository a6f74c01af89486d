import type { Db } from '../db/db';
import type { Twins } from '../live/twins';
import { HttpError, parseOr400, parseRowId } from '../http/errors';
import { listScope, none, rowCompound, type PolicyDeps } from '../http/policy';
import { secureRouter } from '../http/secureRouter';
import type { WorkOrdersService } from '../workorders/workOrders.service';
import { RepairListQuerySchema, RepairPlacesQuerySchema, RepairRatingSchema, RepairRequestCreateSchema } from './repair.schema';
import { RepairService, residentSatisfaction } from './repair.service';

const DAY = 24 * 3_600_000;
/** How long a browser may keep a resident's photo (it never changes). */
export const REPAIR_PHOTO_MAX_AGE_S = 3600;

/**
 * Residents' repair requests from /repair: public, rate-limited; each becomes a work order pinned in 3D.
 * The public routes name no household beyond what the resident typed and the holder of the token sees;
 * the phone and the photo are for the compound's officers (workorder:manage) only.
 */
export function repairRouter(db: Db, twins: Twins, workOrders: WorkOrdersService, deps: PolicyDeps) {
  const r = secureRouter(deps);
  const repair = new RepairService(db, twins, workOrders);
  const publicPolicy = { gate: 'public', compound: none(), masked: 'same' } as const;

  r.get('/repair/places', publicPolicy, (req) => repair.places(parseOr400(RepairPlacesQuerySchema, req.query, 'query').compound));

  r.post('/repair-requests', publicPolicy, async (req, res) => {
    const body = parseOr400(RepairRequestCreateSchema, req.body ?? {}, 'body');
    const { replay, ...created } = await repair.create(body, req.ip ?? req.socket.remoteAddress ?? 'unknown');
    res.status(replay ? 200 : 201);
    res.setHeader('Cache-Control', 'no-store');
    return created;
  });

  r.get('/repair-requests/:token', publicPolicy, async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    return repair.status(String(req.params.token));
  });

  r.post('/repair-requests/:token/rating', publicPolicy, async (req, res) => {
    const body = parseOr400(RepairRatingSchema, req.body ?? {}, 'body');
    res.setHeader('Cache-Control', 'no-store');
    return repair.rate(String(req.params.token), body.rating, body.comment);
  });

  // Officers: the full phone to call back, the photo; masked callers (evaluator, wall) never get either.
  r.get('/repair-requests', { gate: 'workorder:manage', compound: none(), masked: 'deny' }, async (req, _res, access) => {
    const q = parseOr400(RepairListQuerySchema, req.query, 'query');
    if (q.compound !== undefined && !twins.get(q.compound) && access.compounds === null) throw new HttpError(404, `compound "${q.compound}" not found`);
    const scope = listScope(access, q.compound);
    const now = Date.now();
    return {
      requests: await repair.list(scope, q.workOrderId, q.limit),
      satisfaction30d: q.compound ? await residentSatisfaction(db, q.compound, now - 30 * DAY, now + 1) : null,
    };
  });

  const orderRow = rowCompound('work order', (id) => workOrders.compoundOf(parseRowId(id, 'a work order')));
  r.get('/work-orders/:id/photo', { gate: 'workorder:manage', compound: orderRow, masked: 'deny' }, async (req, res, access) => {
    const id = parseRowId(req.params.id, 'a work order');
    const photo = await repair.photo(id, access.compounds);
    if (!photo) throw new HttpError(404, `work order ${id} has no resident's photo`);
    res.setHeader('Content-Type', photo.contentType);
    res.setHeader('Content-Length', String(photo.data.length));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'");
    res.setHeader('Cache-Control', `private, max-age=${REPAIR_PHOTO_MAX_AGE_S}`);
    res.end(photo.data);
    return undefined;
  });
  return r.router;
}
