import { SEVERITY_RANK, type Alarm } from '../../models/alarm';

/** One marker per device: its most severe active alarm; most severe first (they win when capacity runs out). */
export function worstAlarmPerDevice(alarms: readonly Alarm[]): Alarm[] {
  const byDevice = new Map<string, Alarm>();
  for (const a of alarms) {
    if (!a.active) continue;
    const cur = byDevice.get(a.deviceId);
    if (!cur || SEVERITY_RANK[a.severity] < SEVERITY_RANK[cur.severity]) byDevice.set(a.deviceId, a);
  }
  return [...byDevice.values()].sort((x, y) => SEVERITY_RANK[x.severity] - SEVERITY_RANK[y.severity] || y.raisedAt - x.raisedAt);
}
