import { SEVERITY_RANK, type Alarm, type Severity } from '../../models/alarm';
import { alarmState } from '../../models/alarmState';

/** An alarm the wall's camera should visit: unacknowledged (in alarm or returned), never a warning (提示). */
export interface FocusCandidate {
  alarmId: number;
  severity: Severity;
  /** SEVERITY_RANK: lower is more severe. */
  rank: number;
  raisedAt: number;
  /** Returned to normal, still unacknowledged: visited more briefly. */
  returned: boolean;
  deviceId: string;
  buildingId: string | null;
  /** A household's device: frame its building, never the flat. */
  household: boolean;
}

/** Severity first; within a severity the alarm that has waited longest; then id for a stable order. */
export function compareFocus(a: FocusCandidate, b: FocusCandidate): number {
  return a.rank - b.rank || a.raisedAt - b.raisedAt || a.alarmId - b.alarmId;
}

/**
 * The alarms the patrol may interrupt for, in the order it visits them: unacknowledged ones
 * (ISA-18.2 `unack` and `rtn_unack`) of every severity but warning; warnings are only listed in the ticker.
 */
export function focusCandidates(alarms: readonly Alarm[], isHousehold: (deviceId: string) => boolean): FocusCandidate[] {
  const out: FocusCandidate[] = [];
  for (const a of alarms) {
    if (a.severity === 'warning') continue;
    const s = alarmState(a);
    if (s !== 'unack' && s !== 'rtn_unack') continue;
    out.push({
      alarmId: a.id,
      severity: a.severity,
      rank: SEVERITY_RANK[a.severity],
      raisedAt: a.raisedAt,
      returned: s === 'rtn_unack',
      deviceId: a.deviceId,
      buildingId: a.buildingId,
      household: isHousehold(a.deviceId),
    });
  }
  return out.sort(compareFocus);
}
