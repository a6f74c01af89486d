import type { Alarm, Severity } from './alarm';

/**
 * ISA-18.2 / IEC 62682 alarm states, derived from an alarm's fields; the one definition every count,
 * list filter, scene beacon and wall panel uses.
 *
 * - `unack`: in alarm, not acknowledged (calls for attention, loudest).
 * - `ack`: in alarm, acknowledged (still on the list until it returns or is cleared).
 * - `rtn_unack`: returned to normal but nobody acknowledged it yet: stays on the list, in 3D and on the wall.
 * - `shelved`: an operator removed it from attention for a while (back by itself when the time is up).
 * - `suppressed`: suppressed by design: caused by another alarm (a building's power loss → its meters offline).
 * - `out_of_service`: its device is under maintenance (a work order in progress): recorded, not annunciated.
 * - `normal`: closed: returned and acknowledged, cleared by a person, or it ended while suppressed.
 */
export const ALARM_STATES = ['unack', 'ack', 'rtn_unack', 'shelved', 'suppressed', 'out_of_service', 'normal'] as const;
export type AlarmState = (typeof ALARM_STATES)[number];

type StateFields = Pick<Alarm, 'active' | 'acknowledged' | 'shelvedUntil' | 'suppressed'>;

/** Whether the alarm still belongs to the working set (memory, snapshot): not yet closed. */
export function isOpenAlarm(a: StateFields): boolean {
  return a.active || (!a.acknowledged && a.suppressed === null);
}

export function alarmState(a: StateFields): AlarmState {
  if (!isOpenAlarm(a)) return 'normal';
  if (a.suppressed === 'service') return 'out_of_service';
  if (a.suppressed === 'design') return 'suppressed';
  if (a.shelvedUntil !== null) return 'shelved';
  if (!a.active) return 'rtn_unack';
  return a.acknowledged ? 'ack' : 'unack';
}

/** The states that call for an operator's attention: the default list, the 3D beacons, the wall. */
export const ATTENTION_STATES: readonly AlarmState[] = ['unack', 'ack', 'rtn_unack'];
export const needsAttention = (a: StateFields): boolean => ATTENTION_STATES.includes(alarmState(a));
/** Unacknowledged: in alarm or returned, and not shelved or suppressed. */
export const isUnacknowledged = (a: StateFields): boolean => {
  const s = alarmState(a);
  return s === 'unack' || s === 'rtn_unack';
};

/**
 * The list filters, shared by the console, the wall and `GET /api/v1/alarms?state=`; the SQL in
 * alarms.repo.ts mirrors `inListState` (a test holds them together).
 * `open` is every state but `normal`; `attention` is the default view.
 */
export const ALARM_LIST_STATES = ['attention', 'unacked', 'active', 'returned', 'shelved', 'suppressed', 'open', 'cleared', 'all'] as const;
export type AlarmListState = (typeof ALARM_LIST_STATES)[number];

export function inListState(a: StateFields, f: AlarmListState): boolean {
  const s = alarmState(a);
  switch (f) {
    case 'attention':
      return ATTENTION_STATES.includes(s);
    case 'unacked':
      return s === 'unack' || s === 'rtn_unack';
    case 'active':
      return s === 'unack' || s === 'ack';
    case 'returned':
      return s === 'rtn_unack';
    case 'shelved':
      return s === 'shelved';
    case 'suppressed':
      return s === 'suppressed' || s === 'out_of_service';
    case 'open':
      return s !== 'normal';
    case 'cleared':
      return s === 'normal';
    case 'all':
      return true;
  }
}

/** Every count a screen shows about alarms, from one pass over the open ones. */
export interface AlarmCounts {
  /** In alarm and calling for attention (unack + ack), by severity. */
  active: Record<Severity, number>;
  /** Unacknowledged (unack + rtn_unack), by severity. */
  unacknowledged: Record<Severity, number>;
  /** Everything calling for attention (unack + ack + rtn_unack). */
  attention: number;
  unackTotal: number;
  activeTotal: number;
  returnedUnack: number;
  shelved: number;
  suppressed: number;
  outOfService: number;
}

const zeroBySeverity = (): Record<Severity, number> => ({ critical: 0, major: 0, minor: 0, warning: 0 });

export function countAlarms(alarms: Iterable<StateFields & Pick<Alarm, 'severity'>>): AlarmCounts {
  const c: AlarmCounts = {
    active: zeroBySeverity(),
    unacknowledged: zeroBySeverity(),
    attention: 0,
    unackTotal: 0,
    activeTotal: 0,
    returnedUnack: 0,
    shelved: 0,
    suppressed: 0,
    outOfService: 0,
  };
  for (const a of alarms) {
    const s = alarmState(a);
    if (s === 'unack' || s === 'ack') {
      c.active[a.severity]++;
      c.activeTotal++;
    }
    if (s === 'unack' || s === 'rtn_unack') {
      c.unacknowledged[a.severity]++;
      c.unackTotal++;
    }
    if (s === 'rtn_unack') c.returnedUnack++;
    if (s === 'shelved') c.shelved++;
    if (s === 'suppressed') c.suppressed++;
    if (s === 'out_of_service') c.outOfService++;
    if (s === 'unack' || s === 'ack' || s === 'rtn_unack') c.attention++;
  }
  return c;
}

/**
 * How loudly an alarm should be shown (3D beacon, wall): 0 = not at all. Critical unacknowledged is the
 * loudest; acknowledged and returned alarms are quieter than unacknowledged ones of the same severity;
 * warnings (提示) stay subdued whatever their state.
 */
export function alarmUrgency(a: StateFields & Pick<Alarm, 'severity'>): number {
  const s = alarmState(a);
  if (!ATTENTION_STATES.includes(s)) return 0;
  const base = a.severity === 'critical' ? 1 : a.severity === 'major' ? 0.7 : a.severity === 'minor' ? 0.45 : 0.2;
  const factor = s === 'unack' ? 1 : s === 'rtn_unack' ? 0.8 : 0.6;
  return base * factor;
}
