import type { Alarm, Severity } from '../../models/alarm';
import { alarmState, inListState, type AlarmCounts, type AlarmListState } from '../../models/alarmState';

/** What the alarm list shows: severities (empty = all), ISA-18.2 list state, one building, one device type. */
export interface AlarmFilter {
  severities: readonly Severity[];
  state: AlarmListState;
  buildingId: string | null;
  deviceType: string | null;
}

/** The default view is what calls for attention: unacknowledged, acknowledged and returned-unacknowledged alarms. */
export const DEFAULT_ALARM_FILTER: AlarmFilter = { severities: [], state: 'attention', buildingId: null, deviceType: null };

/** List states the live store holds in full (every open alarm); the others need the API (closed alarms). */
export const needsFetch = (state: AlarmListState): boolean => state === 'cleared' || state === 'all';

/** How many open alarms a list state holds, from `countAlarms` (the KPI bar's figures); null for the states that take closed alarms. */
export function listStateCount(c: AlarmCounts, state: AlarmListState): number | null {
  switch (state) {
    case 'attention':
      return c.attention;
    case 'unacked':
      return c.unackTotal;
    case 'active':
      return c.activeTotal;
    case 'returned':
      return c.returnedUnack;
    case 'shelved':
      return c.shelved;
    case 'suppressed':
      return c.suppressed + c.outOfService;
    case 'open':
      return c.attention + c.shelved + c.suppressed + c.outOfService;
    default:
      return null;
  }
}

/** Newest raise first (ids break ties: a later id was raised later). */
export function newestFirst(a: Alarm, b: Alarm): number {
  return b.raisedAt - a.raisedAt || b.id - a.id;
}

export function matchesAlarm(a: Alarm, f: AlarmFilter): boolean {
  if (f.severities.length && !f.severities.includes(a.severity)) return false;
  if (f.buildingId && a.buildingId !== f.buildingId) return false;
  if (f.deviceType && a.deviceType !== f.deviceType) return false;
  return inListState(a, f.state);
}

/** The alarms a filter keeps, newest first, each id once (later entries of `extra` lose to `alarms`). */
export function filterAlarms(alarms: readonly Alarm[], f: AlarmFilter, extra: readonly Alarm[] = []): Alarm[] {
  const seen = new Set<number>();
  const out: Alarm[] = [];
  for (const a of [...alarms, ...extra]) {
    if (seen.has(a.id)) continue;
    seen.add(a.id);
    if (matchesAlarm(a, f)) out.push(a);
  }
  return out.sort(newestFirst);
}

/** The REST query that fetches what the store may not hold (closed alarms are not in the live snapshot); the server reads `state` as `inListState` does. */
export function alarmQuery(compoundId: string, f: AlarmFilter, limit = 200): Record<string, string> {
  const q: Record<string, string> = { compoundId, state: f.state, limit: String(limit) };
  if (f.severities.length) q.severity = f.severities.join(',');
  if (f.buildingId) q.buildingId = f.buildingId;
  if (f.deviceType) q.deviceType = f.deviceType;
  return q;
}

/**
 * Critical alarms newly in alarm and unacknowledged (ISA-18.2 `unack`) since the last look, each sounded once.
 * `known` remembers the ids already announced (and is updated); an alarm first seen shelved or suppressed is
 * announced when it turns `unack`. The first look only learns, it never sounds.
 */
export function newCriticalAlarms(alarms: readonly Alarm[], known: Set<number>, first: boolean): Alarm[] {
  const fresh: Alarm[] = [];
  for (const a of alarms) {
    if (a.severity !== 'critical' || known.has(a.id) || alarmState(a) !== 'unack') continue;
    known.add(a.id);
    if (!first) fresh.push(a);
  }
  return fresh;
}
