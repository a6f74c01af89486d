import { z } from 'zod';
import {
  CameraEventKindSchema,
  findForbiddenKey,
  MAX_SNAPSHOT_BYTES,
  SNAPSHOT_TYPES,
  TimestampSchema,
  type Alarm,
  type CameraEventKind,
  type IngestResult,
  type ReadingTuple,
} from '../../models';
import { isUnavailable, type Db, type Queryable } from '../db/db';
import {
  attachEventToAlarm,
  cameraEventKey,
  cameraEventState,
  insertCameraEvents,
  markCameraEventEvaluated,
  pendingCameraEvents,
  type StoredCameraEvent,
} from '../db/cameraEvents.repo';
import type { AlarmEngine } from '../alarms/engine';
import type { Twins } from '../live/twins';
import { HttpError } from '../http/errors';
import { CAMERA_EVENT_PREFIX, type IngestService } from '../ingest/ingest.service';
import { outsideTimeWindow } from '../ingest/validateReadings';

/** Events in one batch at most (a batch's JSON must also fit the 4 MB body limit: large snapshots go a few at a time). */
export const MAX_CAMERA_EVENT_BATCH = 50;

/** The longest base64 text that can decode to MAX_SNAPSHOT_BYTES. */
const MAX_BASE64 = Math.ceil(MAX_SNAPSHOT_BYTES / 3) * 4;

export const CameraEventSchema = z.strictObject({
  deviceId: z.string().min(1).max(80),
  kind: CameraEventKindSchema,
  at: TimestampSchema,
  /** The analytics' confidence, 0..1 (becomes the alarm's value). */
  confidence: z.number().min(0).max(1).optional(),
  snapshot: z
    .strictObject({
      contentType: z.enum(SNAPSHOT_TYPES),
      /** The image, base64 (standard alphabet, padded). */
      data: z.string().min(1),
    })
    .optional(),
});
export type CameraEventInput = z.input<typeof CameraEventSchema>;

export const CameraEventBatchSchema = z.strictObject({ events: z.array(CameraEventSchema).max(MAX_CAMERA_EVENT_BATCH) });

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** What the image's first bytes say it is (JPEG FF D8 FF, PNG 89 50 4E 47), or null. */
export function sniffImage(b: Uint8Array): (typeof SNAPSHOT_TYPES)[number] | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a)
    return 'image/png';
  return null;
}

/** Events stored this long ago and still not evaluated (their evaluation failed, nobody retried) are evaluated by the sweep. */
export const PENDING_AFTER_MS = 60_000;
/** How long a client waits before retrying a batch whose alarms could not be raised. */
const RETRY_AFTER_S = 5;

/**
 * Camera AI events: validated per item, stored (a retried event is a duplicate), then evaluated against the
 * camera_event rules on the compound's owner: here, or, in cluster mode, forwarded with the readings (ingest's
 * `forward`) and evaluated where they arrive (`IngestService.cameraEvents`). The alarm keeps the images of its
 * first and latest event; an event that raised nothing keeps none. An event stays "not evaluated" until its alarms
 * are written: a retry evaluates it again, and `sweep` evaluates those nobody retried.
 */
export class CameraEventService {
  accepted = 0;
  /** Events being evaluated now (a retry arriving meanwhile must not bump the alarm a second time). */
  private readonly evaluating = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly twins: Twins,
    private readonly ingest: IngestService,
    private readonly engine: AlarmEngine,
    private readonly log: (m: string) => void = console.error,
  ) {
    ingest.cameraEvents = (c, events, now) => this.evaluate(c, events, now);
  }

  /** Checks each item against the compound's cameras; stores the valid ones; evaluates the new ones (or forwards all valid ones). */
  async ingestEvents(compoundId: string, items: unknown[], now = Date.now()): Promise<IngestResult> {
    const twin = this.twins.get(compoundId);
    if (!twin) throw new HttpError(404, `unknown compound "${compoundId}"`);
    const rejected: IngestResult['rejected'] = [];
    const valid: StoredCameraEvent[] = [];
    const seen = new Set<string>();
    let duplicates = 0;
    items.forEach((item, index) => {
      const bad = (reason: string) => void rejected.push({ index, reason });
      if (item === null || typeof item !== 'object' || Array.isArray(item)) return bad('item must be an object {deviceId, kind, at, confidence?, snapshot?}');
      const forbidden = findForbiddenKey(item);
      if (forbidden) return bad(`forbidden key "${forbidden}"`);
      const p = CameraEventSchema.safeParse(item);
      if (!p.success) {
        const iss = p.error.issues[0];
        return bad(`${iss.path.join('.') || 'item'}: ${iss.message}`);
      }
      const e = p.data;
      const d = twin.entry.devices.get(e.deviceId);
      if (!d) return bad(`deviceId: unknown device "${e.deviceId}" in this compound`);
      if (d.type !== 'camera') return bad(`deviceId: "${e.deviceId}" is a ${d.type}, not a camera`);
      const outside = outsideTimeWindow('at', e.at, now, this.ingest.window);
      if (outside) return bad(outside);
      let snapshot: StoredCameraEvent['snapshot'] = null;
      if (e.snapshot) {
        const text = e.snapshot.data;
        if (text.length > MAX_BASE64 + 4)
          return bad(
            `snapshot.data: about ${Math.floor((text.length * 3) / 4)} bytes; at most ${MAX_SNAPSHOT_BYTES} bytes (${MAX_SNAPSHOT_BYTES / 1024} KiB) decoded`,
          );
        if (!BASE64.test(text)) return bad('snapshot.data: not base64 (standard alphabet A–Z a–z 0–9 + /, padded with =, no line breaks or data: prefix)');
        const data = Buffer.from(text, 'base64');
        if (data.length > MAX_SNAPSHOT_BYTES)
          return bad(`snapshot.data: ${data.length} bytes; at most ${MAX_SNAPSHOT_BYTES} bytes (${MAX_SNAPSHOT_BYTES / 1024} KiB) decoded`);
        const sniffed = sniffImage(data);
        if (!sniffed) return bad('snapshot.data: not a JPEG (FF D8 FF) or PNG (89 50 4E 47) image');
        if (sniffed !== e.snapshot.contentType) return bad(`snapshot.contentType: says ${e.snapshot.contentType} but the data is ${sniffed}`);
        snapshot = { contentType: sniffed, data };
      }
      const key = cameraEventKey(e.deviceId, e.kind, e.at);
      if (seen.has(key)) return void duplicates++;
      seen.add(key);
      valid.push({ deviceId: e.deviceId, kind: e.kind, at: e.at, confidence: e.confidence ?? null, snapshot });
    });
    const inserted = valid.length ? await this.db.transaction((q) => insertCameraEvents(q, compoundId, valid)) : new Set<string>();
    this.accepted += inserted.size;
    const tuple = (e: StoredCameraEvent): ReadingTuple => [e.deviceId, CAMERA_EVENT_PREFIX + e.kind, e.at, e.confidence ?? -1];
    if (this.ingest.forward) {
      // Every valid event, those already stored too (like readings): one stored by a process that died before
      // forwarding it comes back as a duplicate and must still reach the owner, which skips what it evaluated.
      if (valid.length) await this.ingest.forward(compoundId, valid.map(tuple), now);
    } else if (valid.length) {
      // Every valid event too: a duplicate whose evaluation failed before is evaluated now (the evaluated ones are skipped).
      try {
        await this.evaluate(compoundId, valid.map(tuple), now);
      } catch (err) {
        if (isUnavailable(err)) throw err;
        throw new HttpError(
          503,
          `events stored, but their alarms could not be raised now: retry the batch in ${RETRY_AFTER_S} s (a retried event is evaluated again)`,
          { retryAfterS: RETRY_AFTER_S },
        );
      }
    }
    return { accepted: inserted.size, duplicates: duplicates + valid.length - inserted.size, rejected };
  }

  /**
   * On the compound's owner: each stored event not yet evaluated raises (or repeats) its rules' alarms, linked to it
   * in the raise's transaction, then is marked evaluated (its image dropped if it raised nothing). Every event is
   * tried; throws after them if any failed (those stay not evaluated).
   */
  async evaluate(compoundId: string, events: ReadingTuple[], _now: number): Promise<void> {
    const twin = this.twins.get(compoundId);
    if (!twin) return;
    events.sort((a, b) => a[2] - b[2]);
    let failed: unknown = null;
    for (const [deviceId, metric, at, value] of events) {
      const kind = metric.slice(CAMERA_EVENT_PREFIX.length) as CameraEventKind;
      const key = cameraEventKey(deviceId, kind, at);
      if (this.evaluating.has(key)) continue;
      this.evaluating.add(key);
      try {
        const state = await cameraEventState(this.db, deviceId, kind, at);
        // not stored (cannot happen: stored before forwarded), or evaluated already (a forwarded entry delivered twice)
        if (!state || state.evaluated) continue;
        const d = twin.entry.devices.get(deviceId);
        // a device gone from the compound since raises nothing
        const attach = async (a: Alarm, q: Queryable): Promise<Alarm> => ({ ...a, snapshot: await attachEventToAlarm(q, a.id, deviceId, kind, at) });
        const results = d ? await Promise.allSettled(this.engine.onCameraEvent(d, kind, at, value < 0 ? null : value, attach)) : [];
        const bad = results.find((r) => r.status === 'rejected');
        if (bad) {
          this.log(`[camera events] alarm for ${deviceId} ${kind} at ${new Date(at).toISOString()}: ${String(bad.reason)}`);
          failed ??= bad.reason;
          continue;
        }
        await markCameraEventEvaluated(this.db, deviceId, kind, at);
      } catch (err) {
        this.log(`[camera events] ${deviceId} ${kind} at ${new Date(at).toISOString()} not evaluated: ${String(err)}`);
        failed ??= err;
      } finally {
        this.evaluating.delete(key);
      }
    }
    if (failed) throw failed instanceof Error ? failed : new Error(String(failed));
  }

  /**
   * Evaluates the events of this process's compounds stored over PENDING_AFTER_MS ago and still not evaluated
   * (their evaluation failed and nobody retried, or the process stopped in between): nothing acknowledged is lost.
   * Returns how many it found.
   */
  async sweep(now = Date.now(), limit = 500): Promise<number> {
    let n = 0;
    for (const twin of this.twins.owned()) {
      const id = twin.entry.doc.id;
      const pending = await pendingCameraEvents(this.db, id, now - PENDING_AFTER_MS, limit, CAMERA_EVENT_PREFIX);
      n += pending.length;
      // evaluate logs each failure; the events stay pending for the next sweep, and the other compounds go on
      if (pending.length) await this.evaluate(id, pending, now).catch(() => undefined);
    }
    return n;
  }
}
