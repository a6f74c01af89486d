import type { AlarmSnapshotInfo, CameraEventKind, ReadingTuple } from '../../models';
import type { Queryable } from './db';

// Camera AI events and their snapshot images (migration 13). Images travel to and from the database as base64
// text (decode/encode in SQL): the same on pg and on the embedded PGlite in its worker.

export const CAMERA_EVENTS_SCHEMA = [
  // One row per (device, kind, moment): a retried batch is a duplicate. `evaluated_at` null: not yet evaluated
  // against the rules (a retry, or the sweep, evaluates it again). The image stays with the event: an alarm keeps
  // the images of its first and its latest event (replay shows the newest taken by the moment it shows); an event
  // that raised nothing keeps none.
  `create table if not exists camera_events (
     device_id text not null, kind text not null, at timestamptz not null,
     compound_id text not null, confidence real, received_at timestamptz not null default now(),
     content_type text, snapshot bytea,
     alarm_id int references alarms(id) on delete set null,
     evaluated_at timestamptz,
     primary key (device_id, kind, at))`,
  `create index if not exists camera_events_compound_idx on camera_events(compound_id, at desc)`,
  `create index if not exists camera_events_alarm_snapshot_idx on camera_events(alarm_id, at desc) where snapshot is not null`,
  `create index if not exists camera_events_pending_idx on camera_events(received_at) where evaluated_at is null`,
];

/** How long the image of an event stays once its alarm is closed (or if it has none): 90 days. */
export const SNAPSHOT_RETENTION_DAYS = 90;
/** Event rows (without an image) are deleted after this: older ones are refused by ingest anyway (366 days). */
export const CAMERA_EVENT_ROW_DAYS = 400;

/**
 * SQL for an alarm row's snapshot info (`alarmsAlias`: the alarms table's name or alias in the query), as JSON or
 * null: the newest image of its events, or with `atMost` (an SQL timestamptz) the newest taken at or before it.
 */
export const snapshotInfoSql = (alarmsAlias: string, atMost?: string): string =>
  `(select json_build_object('contentType', s.content_type, 'bytes', octet_length(s.snapshot), 'at', extract(epoch from s.at) * 1000)
      from camera_events s where s.alarm_id = ${alarmsAlias}.id and s.snapshot is not null${atMost ? ` and s.at <= ${atMost}` : ''}
      order by s.at desc limit 1)`;

/** A row's snapshot column (json, text on some drivers) as the alarm's `snapshot`. */
export function toSnapshotInfo(v: unknown): AlarmSnapshotInfo | null {
  if (v === null || v === undefined) return null;
  const o = (typeof v === 'string' ? JSON.parse(v) : v) as { contentType: AlarmSnapshotInfo['contentType']; bytes: unknown; at: unknown };
  return { contentType: o.contentType, bytes: Number(o.bytes), at: Math.round(Number(o.at)) };
}

export interface StoredCameraEvent {
  deviceId: string;
  kind: CameraEventKind;
  at: number;
  confidence: number | null;
  snapshot: { contentType: string; data: Buffer } | null;
}

const eventKey = (deviceId: string, kind: string, at: number) => `${deviceId}|${kind}|${at}`;

/** Stores the events in one transaction; returns the keys (`device|kind|at`) newly stored (the others were there: duplicates). */
export async function insertCameraEvents(q: Queryable, compoundId: string, events: readonly StoredCameraEvent[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (const e of events) {
    const r = await q.query(
      `insert into camera_events (device_id, kind, at, compound_id, confidence, content_type, snapshot)
       values ($1, $2, to_timestamp($3 / 1000.0), $4, $5, $6, decode($7, 'base64'))
       on conflict (device_id, kind, at) do nothing returning device_id`,
      [e.deviceId, e.kind, e.at, compoundId, e.confidence, e.snapshot?.contentType ?? null, e.snapshot ? e.snapshot.data.toString('base64') : null],
    );
    if (r.rows.length) inserted.add(eventKey(e.deviceId, e.kind, e.at));
  }
  return inserted;
}
export { eventKey as cameraEventKey };

const KEY = `device_id = $1 and kind = $2 and at = to_timestamp($3 / 1000.0)`;

/** A stored event: whether it is there, whether it was evaluated, and the alarm it raised. */
export async function cameraEventState(
  q: Queryable,
  deviceId: string,
  kind: string,
  at: number,
): Promise<{ alarmId: number | null; evaluated: boolean } | null> {
  const r = await q.query<{ alarm_id: number | null; evaluated: boolean }>(
    `select alarm_id, evaluated_at is not null as evaluated from camera_events where ${KEY}`,
    [deviceId, kind, at],
  );
  const x = r.rows[0];
  return x ? { alarmId: x.alarm_id === null ? null : Number(x.alarm_id), evaluated: x.evaluated === true } : null;
}

/**
 * In the transaction that raised (or repeated) `alarmId`: the event is linked to it; of the alarm's images only the
 * first and the latest are kept. Returns the alarm's snapshot info now (its latest image).
 */
export async function attachEventToAlarm(q: Queryable, alarmId: number, deviceId: string, kind: string, at: number): Promise<AlarmSnapshotInfo | null> {
  await q.query(`update camera_events set alarm_id = $4 where ${KEY}`, [deviceId, kind, at, alarmId]);
  await q.query(
    `update camera_events set snapshot = null, content_type = null
      where alarm_id = $1 and snapshot is not null
        and at > (select min(at) from camera_events where alarm_id = $1 and snapshot is not null)
        and at < (select max(at) from camera_events where alarm_id = $1 and snapshot is not null)`,
    [alarmId],
  );
  const r = await q.query<{ snapshot: unknown }>(`select ${snapshotInfoSql('a')} as snapshot from alarms a where a.id = $1`, [alarmId]);
  return toSnapshotInfo(r.rows[0]?.snapshot);
}

/** The event is evaluated: done; if it raised nothing, its image is dropped (no alarm shows it). */
export async function markCameraEventEvaluated(q: Queryable, deviceId: string, kind: string, at: number): Promise<void> {
  await q.query(
    `update camera_events set evaluated_at = now(),
            snapshot = case when alarm_id is null then null else snapshot end,
            content_type = case when alarm_id is null then null else content_type end
      where ${KEY}`,
    [deviceId, kind, at],
  );
}

/** Events stored before `before` (ms) and never evaluated (their evaluation failed), oldest first, as forwarded tuples. */
export async function pendingCameraEvents(q: Queryable, compoundId: string, before: number, limit: number, prefix: string): Promise<ReadingTuple[]> {
  const r = await q.query<{ device_id: string; kind: string; at: number; confidence: number | null }>(
    `select device_id, kind, extract(epoch from at) * 1000 as at, confidence from camera_events
      where evaluated_at is null and received_at < to_timestamp($2 / 1000.0) and compound_id = $1
      order by received_at limit $3`,
    [compoundId, before, limit],
  );
  return r.rows.map((x) => [x.device_id, prefix + x.kind, Math.round(Number(x.at)), x.confidence === null ? -1 : Math.round(Number(x.confidence) * 1e6) / 1e6]);
}

/**
 * Retention: images older than SNAPSHOT_RETENTION_DAYS whose alarm is closed (or that have none) are dropped; event
 * rows older than CAMERA_EVENT_ROW_DAYS without an image are deleted. Returns [images dropped, rows deleted].
 */
export async function pruneCameraEvents(q: Queryable, now: number): Promise<[number, number]> {
  const images = await q.query(
    `update camera_events e set snapshot = null, content_type = null
      where e.snapshot is not null and e.evaluated_at is not null and e.at < to_timestamp($1 / 1000.0)
        and not exists (select 1 from alarms a where a.id = e.alarm_id and (a.active or (not a.acknowledged and a.suppressed is null)))`,
    [now - SNAPSHOT_RETENTION_DAYS * 86_400_000],
  );
  const rows = await q.query(`delete from camera_events where snapshot is null and evaluated_at is not null and at < to_timestamp($1 / 1000.0)`, [
    now - CAMERA_EVENT_ROW_DAYS * 86_400_000,
  ]);
  return [images.rowCount, rows.rowCount];
}

/**
 * An alarm's snapshot image: its latest, or with `at` the newest taken at or before `at` (ms); with `compounds`,
 * only when the alarm belongs to one of them (null: any).
 */
export async function alarmSnapshot(
  q: Queryable,
  alarmId: number,
  compounds: readonly string[] | null,
  at?: number,
): Promise<{ contentType: string; data: Buffer; at: number } | null> {
  const params: unknown[] = [alarmId];
  let where = '';
  if (compounds) where += ` and compound_id = any($${params.push(compounds)}::text[])`;
  if (at !== undefined) where += ` and at <= to_timestamp($${params.push(at)} / 1000.0)`;
  const r = await q.query<{ content_type: string; b64: string; at: number }>(
    `select content_type, encode(snapshot, 'base64') as b64, extract(epoch from at) * 1000 as at from camera_events
      where alarm_id = $1 and snapshot is not null${where} order by at desc limit 1`,
    params,
  );
  const x = r.rows[0];
  return x ? { contentType: x.content_type, data: Buffer.from(x.b64.replace(/\s+/g, ''), 'base64'), at: Math.round(Number(x.at)) } : null;
}
