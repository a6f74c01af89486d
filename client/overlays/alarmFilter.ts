import type { Alarm, Severity } from '../../models/alarm';

/** What the alarm list shows: severities (empty = all), state, one building, one device type. */
export interface AlarmFilter {
  severities: readonly Severity[];
  state: 'active' | 'unacked' | 'cleared' | 'all';
  buildingId: string | null;
  deviceType: string | null;
}

export const DEFAULT_ALARM_FILTER: AlarmFilter = { severities: [], state: 'active', buildingId: null, deviceType: null };

/** Newest raise first (ids break ties: a later id was raised later). */
export function newestFirst(a: Alarm, b: Alarm): number {
  return b.raisedAt - a.raisedAt || b.id - a.id;
}

export function matchesAlarm(a: Alarm, f: AlarmFilter): boolean {
  if (f.severities.length && !f.severities.includes(a.severity)) return false;
  if (f.buildingId && a.buildingId !== f.buildingId) return false;
  if (f.deviceType && a.deviceType !== f.deviceType) return false;
  switch (f.state) {
    case 'active':
      return a.active;
    case 'unacked':
      return a.active && !a.acknowledged;
    case 'cleared':
      return !a.active;
    default:
      return true;
  }
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

/** The REST query that fetches what the store may not hold (cleared alarms are not in the live snapshot). */
export function alarmQuery(compoundId: string, f: AlarmFilter, limit = 200): Record<string, string> {
  const q: Record<string, string> = { compoundId, state: f.state === 'unacked' ? 'active' : f.state, limit: String(limit) };
  if (f.state === 'unacked') q.acknowledged = 'false';
  if (f.severities.length) q.severity = f.severities.join(',');
  if (f.buildingId) q.buildingId = f.buildingId;
  if (f.deviceType) q.deviceType = f.deviceType;
  return q;
}

/**
 * Critical alarms that became active since the last look and were not sounded before.
 * `known` remembers every id seen (and is updated); the first look only learns, it never sounds.
 */
export function newCriticalAlarms(alarms: readonly Alarm[], known: Set<number>, first: boolean): Alarm[] {
  const fresh: Alarm[] = [];
  for (const a of alarms) {
    if (known.has(a.id)) continue;
    known.add(a.id);
    if (!first && a.active && a.severity === 'critical') fresh.push(a);
  }
  return fresh;
}
