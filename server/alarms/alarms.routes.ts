import { Router, type Request } from 'express';
import { AlarmActionSchema, AlarmQuerySchema, SEVERITIES } from '../../models';
import type { Db } from '../db/db';
import { alarmEvents, listAlarms } from '../db/alarms.repo';
import { HttpError, parseOr400, route } from '../http/errors';
import type { AlarmsService } from './alarms.service';

/** Who is acting; set by the auth middleware. */
export const actorOf = (req: Request): string => (req as Request & { user?: { name: string } }).user?.name ?? 'anonymous';

const idOf = (req: Request): number => {
  const id = Number(req.params.id);
  if (!Number.isInteger(id) || id <= 0) throw new HttpError(400, `id: "${req.params.id}" is not an alarm id`);
  return id;
};

export function alarmsRouter(db: Db, alarms: AlarmsService): Router {
  const r = Router();
  r.get(
    '/alarms',
    route(async (req, res) => {
      const q = parseOr400(AlarmQuerySchema, req.query, 'query');
      const severities = q.severity?.split(',').filter(Boolean);
      const badSev = severities?.find((s) => !(SEVERITIES as readonly string[]).includes(s));
      if (badSev) throw new HttpError(400, `severity: unknown severity "${badSev}" (use ${SEVERITIES.join(', ')})`);
      const since = q.since ? Date.parse(q.since) : undefined;
      if (since !== undefined && Number.isNaN(since)) throw new HttpError(400, `since: "${q.since}" is not a date`);
      res.json(
        await listAlarms(db, {
          compoundId: q.compoundId,
          state: q.state,
          acknowledged: q.acknowledged === undefined ? undefined : q.acknowledged === 'true',
          severities,
          deviceId: q.deviceId,
          buildingId: q.buildingId,
          deviceType: q.deviceType,
          since,
          limit: q.limit,
        }),
      );
    }),
  );
  r.get(
    '/alarms/:id',
    route(async (req, res) => {
      const id = idOf(req);
      const a = await alarms.get(id);
      if (!a) throw new HttpError(404, `alarm ${id} not found`);
      res.json({ ...a, events: await alarmEvents(db, id) });
    }),
  );
  r.post(
    '/alarms/:id/ack',
    route(async (req, res) => {
      const body = parseOr400(AlarmActionSchema, req.body ?? {}, 'body');
      res.json(await alarms.acknowledge(idOf(req), actorOf(req), body.comment));
    }),
  );
  r.post(
    '/alarms/:id/clear',
    route(async (req, res) => {
      const body = parseOr400(AlarmActionSchema, req.body ?? {}, 'body');
      res.json(await alarms.clear(idOf(req), actorOf(req), body.comment, body.confirm ?? false));
    }),
  );
  return r;
}
