import { Router, type Request } from 'express';
import {
  WORK_ORDER_ACTIONS,
  WorkOrderActionSchema,
  WorkOrderCommentSchema,
  WorkOrderCreateSchema,
  WorkOrderQuerySchema,
  WorkOrderUpdateSchema,
} from '../../models';
import { actorOf } from '../alarms/alarms.routes';
import { HttpError, parseOr400, route } from '../http/errors';
import type { WorkOrdersService } from './workOrders.service';

const idOf = (req: Request): number => {
  const id = Number(req.params.id);
  if (!Number.isInteger(id) || id <= 0) throw new HttpError(400, `id: "${req.params.id}" is not a work order id`);
  return id;
};

/** REST for work orders: thin, the service does the work. */
export function workOrdersRouter(workOrders: WorkOrdersService): Router {
  const r = Router();
  r.post(
    '/work-orders',
    route(async (req, res) => {
      const body = parseOr400(WorkOrderCreateSchema, req.body ?? {}, 'body');
      res.status(201).json(await workOrders.create(body, actorOf(req)));
    }),
  );
  r.get(
    '/work-orders',
    route(async (req, res) => {
      res.json(await workOrders.list(parseOr400(WorkOrderQuerySchema, req.query, 'query')));
    }),
  );
  r.get(
    '/work-orders/:id',
    route(async (req, res) => {
      const id = idOf(req);
      const w = await workOrders.get(id);
      if (!w) throw new HttpError(404, `work order ${id} not found`);
      res.json(w);
    }),
  );
  r.patch(
    '/work-orders/:id',
    route(async (req, res) => {
      const id = idOf(req);
      res.json(await workOrders.update(id, parseOr400(WorkOrderUpdateSchema, req.body ?? {}, 'body'), actorOf(req)));
    }),
  );
  r.post(
    '/work-orders/:id/comments',
    route(async (req, res) => {
      const id = idOf(req);
      res.status(201).json(await workOrders.comment(id, parseOr400(WorkOrderCommentSchema, req.body ?? {}, 'body').text, actorOf(req)));
    }),
  );
  r.post(
    '/work-orders/:id/:action',
    route(async (req, res) => {
      const id = idOf(req);
      const action = req.params.action as string;
      const status = (WORK_ORDER_ACTIONS as Record<string, (typeof WORK_ORDER_ACTIONS)[keyof typeof WORK_ORDER_ACTIONS]>)[action];
      if (!Object.hasOwn(WORK_ORDER_ACTIONS, action)) {
        throw new HttpError(404, `no such work-order action "${action}" (use ${Object.keys(WORK_ORDER_ACTIONS).join(', ')})`);
      }
      const body = parseOr400(WorkOrderActionSchema, req.body ?? {}, 'body');
      res.json(await workOrders.update(id, { status, ...body }, actorOf(req)));
    }),
  );
  return r;
}
