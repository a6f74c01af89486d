import { SEVERITY_RANK, type Alarm } from '../../models/alarm';

/** An alarm the wall's camera should visit: active and not yet acknowledged by anyone. */
export interface FocusCandidate {
  alarmId: number;
  /** SEVERITY_RANK: lower is more severe. */
  rank: number;
  raisedAt: number;
  deviceId: string;
  buildingId: string | null;
  /** A household's device: frame its building, never the flat. */
  household: boolean;
}

/** Severity first; within a severity the alarm that has waited longest; then id for a stable order. */
export function compareFocus(a: FocusCandidate, b: FocusCandidate): number {
  return a.rank - b.rank || a.raisedAt - b.raisedAt || a.alarmId - b.alarmId;
}

/** The alarms the patrol must interrupt for, in the order it visits them. */
export function focusCandidates(alarms: readonly Alarm[], isHousehold: (deviceId: string) => boolean): FocusCandidate[] {
  const out: FocusCandidate[] = [];
  for (const a of alarms) {
    if (!a.active || a.acknowledged) continue;
    out.push({ alarmId: a.id, rank: SEVERITY_RANK[a.severity], raisedAt: a.raisedAt, deviceId: a.deviceId, buildingId: a.buildingId, household: isHousehold(a.deviceId) });
  }
  return out.sort(compareFocus);
}
