import { REPLAY_MAX_AGE_MS, type Alarm, type DeviceAt, type Kpis, type StateAt, type Timeline } from '../../models';
import { startOfZoneDay } from '../../models/zoneTime';
import type { Db } from '../db/db';
import { kpiFigures } from '../db/kpi.repo';
import { alarmsOpenAt, commandsAt, figuresAt, lastSeenAt, onlineAt, readingsAt, timelineEvents, workOrdersAround } from '../db/replay.repo';
import { alarmKpis, isAggregateMeter } from '../kpi/kpi.service';
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

/** Who shows as "in alarm" (device colour, status): an alarm in alarm and not shelved or suppressed, as live (alarms.service). */
const showsAlarm = (a: Alarm) => a.state === 'unack' || a.state === 'ack';

/**
 * The twin as it was at t: devices in alarm if an alarm of theirs was in alarm at t, offline if silent for longer
 * than the offline threshold before t (3 of their reporting steps: `onlineAt`), else online; every alarm open at t and the work orders not yet
 * closed at t, each as it stood then; the KPIs at t with the definitions the live ones use (kpi.service.ts:
 * online = not offline, alarm counts by `countAlarms`, open orders = not closed, overdue past the resolve SLA,
 * energy and water of the aggregate meters since the start of t's day); and the last readings at or before t
 * of the devices asked for.
 */
export async function stateAt(db: Db, entry: CompoundEntry, t: number, deviceIds: readonly string[] = [], now = Date.now()): Promise<StateAt> {
  checkInRange('t', t, now);
  const doc = entry.doc;
  const compoundId = doc.id;
  if (deviceIds.length) {
    const known = new Set(doc.devices.map((d) => d.id));
    const unknown = deviceIds.find((id) => !known.has(id));
    if (unknown !== undefined) throw new HttpError(400, `devices: "${unknown}" is not a device of compound "${compoundId}"`);
  }
  const started = performance.now();
  const maxIntervalS = doc.devices.reduce((m, d) => Math.max(m, d.intervalS), 0);
  const dayStart = startOfZoneDay(t, doc.timeZone);
  const meters = {
    energy: doc.devices.filter((d) => isAggregateMeter(d, 'energy_kwh')).map((d) => d.id),
    water: doc.devices.filter((d) => isAggregateMeter(d, 'water_m3')).map((d) => d.id),
  };
  const [alarms, wo, seen, figures, usage, readings, commands] = await Promise.all([
    alarmsOpenAt(db, compoundId, t),
    workOrdersAround(db, compoundId, t),
    lastSeenAt(db, compoundId, t, maxIntervalS),
    figuresAt(db, compoundId, t, dayStart),
    kpiFigures(db, compoundId, meters.energy, meters.water, t),
    readingsAt(db, compoundId, [...new Set(deviceIds)], t, now - REPLAY_MAX_AGE_MS - FUTURE_SLACK_MS),
    commandsAt(db, compoundId, t),
  ]);

  const inAlarm = new Set(alarms.filter(showsAlarm).map((a) => a.deviceId));
  const seenOf = new Map(seen.map((s) => [s.deviceId, s]));
  const counts = { online: 0, offline: 0, alarm: 0 };
  const devices: DeviceAt[] = doc.devices.map((d) => {
    const x = seenOf.get(d.id);
    const last = x?.lastSeen ?? null;
    const status = inAlarm.has(d.id) ? 'alarm' : onlineAt(t, d.intervalS, last, x?.prevSeen ?? null) ? 'online' : 'offline';
    counts[status]++;
    return { deviceId: d.id, status, lastSeen: last };
  });
  const eventsOf = new Map<number, typeof wo.events>();
  for (const e of wo.events) eventsOf.set(e.workOrderId, [...(eventsOf.get(e.workOrderId) ?? []), e]);
  const workOrders = wo.records.map((r) => workOrderAt(r, eventsOf.get(r.id) ?? [], t)).filter((w) => w.status !== 'closed');

  const total = devices.length;
  const online = total - counts.offline;
  const kpis: Kpis = {
    at: t,
    devicesTotal: total,
    devicesOnline: online,
    onlinePct: total ? Math.round((online / total) * 1000) / 10 : 0,
    ...alarmKpis(alarms),
    alarmsToday: figures.alarmsToday,
    ackMedianS: figures.ackMedianS,
    clearMedianS: figures.clearMedianS,
    workOrdersOpen: workOrders.length,
    workOrdersToday: figures.workOrdersToday,
    workOrdersOverdue: workOrders.filter((w) => w.status !== 'resolved' && t > w.createdAt + w.slaResolveMin * 60_000).length,
    energyTodayKwh: Math.round(usage.energyTodayKwh * 10) / 10,
    energyYesterdayKwh: Math.round(usage.energyYesterdayKwh * 10) / 10,
    waterTodayM3: Math.round(usage.waterTodayM3 * 100) / 100,
  };
  return { compoundId, t, devices, counts, alarms, workOrders, kpis, commands, readings, tookMs: Math.round((performance.now() - started) * 10) / 10 };
}

/** Marks for the scrubber: alarm raises/clears, work-order steps, broadcasts and single device commands in [from, to). */
export async function timeline(
  db: Db,
  entry: CompoundEntry,
  from: number,
  to: number | undefined,
  limit = TIMELINE_DEFAULT_LIMIT,
  now = Date.now(),
): Promise<Timeline> {
  const end = to ?? now;
  if (!(from < end)) throw new HttpError(400, 'from: must be before to');
  if (end - from > REPLAY_MAX_AGE_MS + FUTURE_SLACK_MS) throw new HttpError(400, 'from: a timeline window may span at most 7 days');
  const events = await timelineEvents(db, entry.doc.id, from, end, limit + 1);
  return { compoundId: entry.doc.id, from, to: end, events: events.slice(0, limit), truncated: events.length > limit };
}
