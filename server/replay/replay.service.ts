import { REPLAY_MAX_AGE_MS, type DeviceAt, type StateAt, type Timeline } from '../../models';
import type { Db } from '../db/db';
import { alarmsActiveAt, lastSeenAt, timelineEvents, workOrdersAround } from '../db/replay.repo';
import type { CompoundEntry } from '../compounds/registry';
import { HttpError } from '../http/errors';
import { workOrderAt } from './workOrderAt';

/** Seeks may reach slightly into the future of the request (clock skew between browser and server). */
const FUTURE_SLACK_MS = 60_000;
const TIMELINE_DEFAULT_LIMIT = 5_000;

function checkInRange(field: string, t: number, now: number): void {
  if (t < now - REPLAY_MAX_AGE_MS) throw new HttpError(400, `${field}: ${new Date(t).toISOString()} is more than 7 days ago (replay covers the last 7 days)`);
  if (t > now + FUTURE_SLACK_MS) throw new HttpError(400, `${field}: ${new Date(t).toISOString()} is in the future`);
}

/**
 * The twin as it was at t: devices in alarm if an alarm was active on them at t, offline if their last reading
 * before t was older than the offline threshold, else online; the alarms active at t and the work orders not
 * yet closed at t, each as it stood then.
 */
export async function stateAt(db: Db, entry: CompoundEntry, t: number, now = Date.now()): Promise<StateAt> {
  checkInRange('t', t, now);
  const started = performance.now();
  const maxIntervalS = entry.doc.devices.reduce((m, d) => Math.max(m, d.intervalS), 0);
  const compoundId = entry.doc.id;
  const alarms = await alarmsActiveAt(db, compoundId, t);
  const wo = await workOrdersAround(db, compoundId, t);
  const seen = await lastSeenAt(db, compoundId, t, maxIntervalS);

  const inAlarm = new Set(alarms.map((a) => a.deviceId));
  const lastSeen = new Map(seen.map((s) => [s.deviceId, s.lastSeen]));
  const counts = { online: 0, offline: 0, alarm: 0 };
  const devices: DeviceAt[] = entry.doc.devices.map((d) => {
    const last = lastSeen.get(d.id) ?? null;
    const status = inAlarm.has(d.id) ? 'alarm' : last !== null ? 'online' : 'offline';
    counts[status]++;
    return { deviceId: d.id, status, lastSeen: last };
  });
  const eventsOf = new Map<number, typeof wo.events>();
  for (const e of wo.events) eventsOf.set(e.workOrderId, [...(eventsOf.get(e.workOrderId) ?? []), e]);
  const workOrders = wo.records.map((r) => workOrderAt(r, eventsOf.get(r.id) ?? [], t)).filter((w) => w.status !== 'closed');
  return { compoundId, t, devices, counts, alarms, workOrders, tookMs: Math.round((performance.now() - started) * 10) / 10 };
}

/** Marks for the scrubber: alarm raises/clears and work-order steps in [from, to). */
export async function timeline(db: Db, entry: CompoundEntry, from: number, to: number | undefined, limit = TIMELINE_DEFAULT_LIMIT, now = Date.now()): Promise<Timeline> {
  const end = to ?? now;
  if (!(from < end)) throw new HttpError(400, 'from: must be before to');
  if (end - from > REPLAY_MAX_AGE_MS + FUTURE_SLACK_MS) throw new HttpError(400, 'from: a timeline window may span at most 7 days');
  const events = await timelineEvents(db, entry.doc.id, from, end, limit + 1);
  return { compoundId: entry.doc.id, from, to: end, events: events.slice(0, limit), truncated: events.length > limit };
}
