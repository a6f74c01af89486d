import { z } from 'zod';
import { QueryTimeSchema } from '../../models';
import type { Db } from '../db/db';
import { alarmSnapshot } from '../db/cameraEvents.repo';
import type { AlarmsService } from '../alarms/alarms.service';
import { HttpError, parseOr400, parseRowId } from '../http/errors';
import { none, rowCompound, type PolicyDeps } from '../http/policy';
import { secureRouter, type SecureRouter } from '../http/secureRouter';
import type { IngestGate } from '../ingest/ingest.routes';
import { TokenBuckets } from '../security/tokenBuckets';
import { MAX_CAMERA_EVENT_BATCH, type CameraEventService } from './cameraEvents.service';

/** How long a browser may keep a snapshot (a repeat of the alarm may bring a newer one). */
export const SNAPSHOT_MAX_AGE_S = 60;

/**
 * `POST /ingest/camera-events`, behind ingest's key check (ingestRouter's `more`): a camera platform's AI events,
 * `eventsPerS` per key (burst 5 s worth) besides the readings' rate.
 */
export function cameraEventRoutes(events: CameraEventService, eventsPerS = 20) {
  const perKey = new TokenBuckets(5 * eventsPerS, eventsPerS);
  return (r: SecureRouter, gate: IngestGate): void => {
    r.post('/ingest/camera-events', { gate: 'public', compound: none() }, async (req, res) => {
      const k = await gate.key(req);
      const body = req.body as unknown;
      const items = body && typeof body === 'object' && !Array.isArray(body) ? (body as { events?: unknown }).events : undefined;
      if (!Array.isArray(items)) throw new HttpError(400, 'body: expected {"events": [{deviceId, kind, at, confidence?, snapshot?}]}');
      if (items.length > MAX_CAMERA_EVENT_BATCH) throw new HttpError(413, `events: ${items.length} items; at most ${MAX_CAMERA_EVENT_BATCH} a batch`);
      gate.take(k.id, items.length, perKey);
      const result = await events.ingestEvents(k.compoundId, items);
      gate.used(k.id);
      res.status(result.rejected.length && !result.accepted && !result.duplicates ? 422 : 200);
      return result;
    });
  };
}

/** `GET /alarms/:id/snapshot?at=`: `at` (epoch ms or ISO-8601) picks the newest image taken at or before it (replay). */
export const SnapshotQuerySchema = z.strictObject({ at: QueryTimeSchema.optional() });

/**
 * `GET /alarms/:id/snapshot`: the camera image stored with an alarm (its latest; with `?at=` the newest taken at or
 * before that moment: the replay's), under the alarm's own policy.
 */
export function snapshotRouter(db: Db, alarms: AlarmsService, deps: PolicyDeps) {
  const r = secureRouter(deps);
  const alarmRow = rowCompound('alarm', async (id) => (await alarms.get(parseRowId(id, 'an alarm')))?.compoundId);
  // Masked callers (evaluator, wall) see it: a camera watches shared spaces; a household device never has one.
  r.get('/alarms/:id/snapshot', { gate: 'read', compound: alarmRow, masked: 'same' }, async (req, res, access) => {
    const id = parseRowId(req.params.id, 'an alarm');
    const q = parseOr400(SnapshotQuerySchema, req.query, 'query');
    if (access.masked) {
      const a = await alarms.get(id, access.compounds);
      if (a && deps.isHouseholdDevice(a.deviceId)) throw new HttpError(403, `alarm ${id} belongs to a household: it is shown only in aggregate`);
    }
    const snap = await alarmSnapshot(db, id, access.compounds, q.at);
    if (!snap)
      throw new HttpError(
        404,
        q.at === undefined ? `alarm ${id} has no snapshot` : `alarm ${id} has no snapshot taken at or before ${new Date(q.at).toISOString()}`,
      );
    res.setHeader('Content-Type', snap.contentType);
    res.setHeader('Content-Length', String(snap.data.length));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', `private, max-age=${SNAPSHOT_MAX_AGE_S}`);
    res.setHeader('Content-Security-Policy', "default-src 'none'");
    res.setHeader('Last-Modified', new Date(snap.at).toUTCString());
    res.end(snap.data);
    return undefined;
  });
  return r.router;
}
