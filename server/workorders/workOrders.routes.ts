import type { Request } from 'express';
import {
  WORK_ORDER_ACTIONS,
  WorkOrderActionSchema,
  WorkOrderCommentSchema,
  WorkOrderCreateSchema,
  WorkOrderQuerySchema,
  WorkOrderUpdateSchema,
  MAX_ROW_ID,
} from '../../models';
import type { AlarmsService } from '../alarms/alarms.service';
import { HttpError, parseOr400, parseRowId } from '../http/errors';
import { bodyCompounds, listScope, none, refuseHouseholdFilter, rowCompound, type PolicyDeps } from '../http/policy';
import { secureRouter } from '../http/secureRouter';
import type { MaskedViews } from '../security/maskedViews';
import type { WorkOrdersService } from './workOrders.service';

const idOf = (req: Request): number => parseRowId(req.params.id, 'a work order');

/** REST for work orders: thin, the service does the work. */
export function workOrdersRouter(workOrders: WorkOrdersService, alarms: AlarmsService, views: MaskedViews, deps: PolicyDeps) {
  const r = secureRouter(deps);
  const orderRow = rowCompound('work order', (id) => workOrders.compoundOf(parseRowId(id, 'a work order')));
  // A new order lands in the compound its body names: directly, through its device, or through its alarm. All must be the caller's.
  const named = bodyCompounds(async (b) => {
    const out: string[] = [];
    if (typeof b.compoundId === 'string') out.push(b.compoundId);
    if (typeof b.deviceId === 'string') {
      const c = deps.compoundOfDevice(b.deviceId);
      if (c) out.push(c);
    }
    if (typeof b.alarmId === 'number' && Number.isInteger(b.alarmId) && b.alarmId > 0 && b.alarmId <= MAX_ROW_ID) {
      const a = await alarms.get(b.alarmId);
      if (a) out.push(a.compoundId);
    }
    return out;
  });

  r.post('/work-orders', { gate: 'workorder:manage', compound: named, masked: 'deny' }, async (req, res, access) => {
    const body = parseOr400(WorkOrderCreateSchema, req.body ?? {}, 'body');
    const w = await workOrders.create(body, access.actor);
    res.status(201);
    return w;
  });
  r.get('/work-orders', { gate: 'read', compound: none(), masked: views.workOrders }, (req, _res, access) => {
    const q = parseOr400(WorkOrderQuerySchema, req.query, 'query');
    refuseHouseholdFilter(access, deps, q.deviceId);
    return workOrders.list(q, listScope(access, q.compoundId));
  });
  r.get('/work-orders/:id', { gate: 'read', compound: orderRow, masked: views.workOrder }, async (req, _res, access) => {
    const id = idOf(req);
    const w = await workOrders.get(id, Date.now(), access.compounds);
    if (!w) throw new HttpError(404, `work order ${id} not found`);
    return w;
  });
  r.patch('/work-orders/:id', { gate: 'workorder:manage', compound: orderRow, masked: 'deny' }, (req, _res, access) =>
    workOrders.update(idOf(req), parseOr400(WorkOrderUpdateSchema, req.body ?? {}, 'body'), access.actor, Date.now(), access.compounds),
  );
  r.post('/work-orders/:id/comments', { gate: 'workorder:manage', compound: orderRow, masked: 'deny' }, async (req, res, access) => {
    const w = await workOrders.comment(idOf(req), parseOr400(WorkOrderCommentSchema, req.body ?? {}, 'body').text, access.actor, Date.now(), access.compounds);
    res.status(201);
    return w;
  });
  r.post('/work-orders/:id/:action', { gate: 'workorder:manage', compound: orderRow, masked: 'deny' }, (req, _res, access) => {
    const id = idOf(req);
    const action = req.params.action as string;
    if (!Object.hasOwn(WORK_ORDER_ACTIONS, action)) {
      throw new HttpError(404, `no such work-order action "${action.slice(0, 40)}" (use ${Object.keys(WORK_ORDER_ACTIONS).join(', ')})`);
    }
    const status = WORK_ORDER_ACTIONS[action as keyof typeof WORK_ORDER_ACTIONS];
    const body = parseOr400(WorkOrderActionSchema, req.body ?? {}, 'body');
    return workOrders.update(id, { status, ...body }, access.actor, Date.now(), access.compounds);
  });
  return r.router;
}
