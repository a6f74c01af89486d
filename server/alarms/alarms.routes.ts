import type { Request } from 'express';
import { AlarmActionSchema, AlarmQuerySchema, AlarmShelveSchema, SEVERITIES } from '../../models';
import type { Db } from '../db/db';
import { alarmEvents, listAlarms } from '../db/alarms.repo';
import { HttpError, parseOr400, parseRowId } from '../http/errors';
import { listScope, none, refuseHouseholdFilter, rowCompound, type PolicyDeps } from '../http/policy';
import { secureRouter } from '../http/secureRouter';
import type { MaskedViews } from '../security/maskedViews';
import type { AlarmsService } from './alarms.service';
import type { NewAuditEntry } from '../db/audit.repo';
import { ipOf } from '../auth/principal';

const idOf = (req: Request): number => parseRowId(req.params.id, 'an alarm');

/** Writes an audit entry (the security module's log); alarm events keep the alarm's own history. */
export type AuditAlarm = (e: NewAuditEntry) => void;

export function alarmsRouter(db: Db, alarms: AlarmsService, views: MaskedViews, deps: PolicyDeps, audit: AuditAlarm = () => undefined) {
  const r = secureRouter(deps);
  // The alarm's own compound, looked up before anything is read or changed.
  const alarmRow = rowCompound('alarm', async (id) => (await alarms.get(parseRowId(id, 'an alarm')))?.compoundId);

  r.get('/alarms', { gate: 'read', compound: none(), masked: views.alarms }, async (req, _res, access) => {
    const q = parseOr400(AlarmQuerySchema, req.query, 'query');
    const severities = q.severity?.split(',').filter(Boolean);
    const badSev = severities?.find((s) => !(SEVERITIES as readonly string[]).includes(s));
    if (badSev) throw new HttpError(400, `severity: unknown severity "${badSev}" (use ${SEVERITIES.join(', ')})`);
    const since = q.since ? Date.parse(q.since) : undefined;
    if (since !== undefined && Number.isNaN(since)) throw new HttpError(400, `since: "${q.since}" is not a date`);
    // PostgreSQL timestamps run from 4713 BC; keep to years a compound has alarms in.
    if (since !== undefined && (since < Date.UTC(1970, 0, 1) || since > Date.UTC(9999, 0, 1)))
      throw new HttpError(400, `since: "${q.since}" is outside 1970–9999`);
    refuseHouseholdFilter(access, deps, q.deviceId);
    return listAlarms(db, {
      compounds: listScope(access, q.compoundId),
      state: q.state,
      acknowledged: q.acknowledged === undefined ? undefined : q.acknowledged === 'true',
      severities,
      deviceId: q.deviceId,
      buildingId: q.buildingId,
      deviceType: q.deviceType,
      since,
      limit: q.limit,
    });
  });
  r.get('/alarms/:id', { gate: 'read', compound: alarmRow, masked: views.alarm }, async (req, _res, access) => {
    const id = idOf(req);
    const a = await alarms.get(id, access.compounds);
    if (!a) throw new HttpError(404, `alarm ${id} not found`);
    return { ...a, events: await alarmEvents(db, id) };
  });
  r.post('/alarms/:id/ack', { gate: 'alarm:act', compound: alarmRow, masked: 'deny' }, async (req, _res, access) => {
    const body = parseOr400(AlarmActionSchema, req.body ?? {}, 'body');
    return alarms.acknowledge(idOf(req), access.actor, body.comment, access.compounds);
  });
  r.post('/alarms/:id/clear', { gate: 'alarm:act', compound: alarmRow, masked: 'deny' }, async (req, _res, access) => {
    const body = parseOr400(AlarmActionSchema, req.body ?? {}, 'body');
    return alarms.clear(idOf(req), access.actor, body.comment, body.confirm ?? false, access.compounds);
  });
  // Shelving (ISA-18.2): an operator takes a nuisance alarm out of attention for a set time, with a reason; audited.
  r.post('/alarms/:id/shelve', { gate: 'alarm:act', compound: alarmRow, masked: 'deny' }, async (req, _res, access) => {
    const body = parseOr400(AlarmShelveSchema, req.body ?? {}, 'body');
    const a = await alarms.shelve(idOf(req), body.minutes, access.actor, body.comment, access.compounds);
    audit({
      actor: access.actor,
      action: 'alarm.shelve',
      target: String(a.id),
      detail: { minutes: body.minutes, comment: body.comment, until: a.shelvedUntil },
      ip: ipOf(req),
    });
    return a;
  });
  r.post('/alarms/:id/unshelve', { gate: 'alarm:act', compound: alarmRow, masked: 'deny' }, async (req, _res, access) => {
    const body = parseOr400(AlarmActionSchema.pick({ comment: true }), req.body ?? {}, 'body');
    const a = await alarms.unshelve(idOf(req), access.actor, body.comment, access.compounds);
    audit({ actor: access.actor, action: 'alarm.unshelve', target: String(a.id), detail: { comment: body.comment }, ip: ipOf(req) });
    return a;
  });
  return r.router;
}
