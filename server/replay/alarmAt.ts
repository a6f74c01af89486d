import { alarmState, isOpenAlarm, type Alarm, type AlarmEvent } from '../../models';

/** What the alarms row holds now and does not change with the moment (the rest is replayed from the events). */
export type AlarmAtBase = Pick<
  Alarm,
  | 'id'
  | 'compoundId'
  | 'deviceId'
  | 'deviceType'
  | 'buildingId'
  | 'ruleId'
  | 'severity'
  | 'message'
  | 'value'
  | 'latched'
  | 'raisedAt'
  | 'suppressed'
  | 'snapshot'
>;

/** "… (until 2026-11-27T08:00:00.000Z)": the shelving event's comment names its end. */
const UNTIL = /\s*\(until ([^)]+)\)\s*$/;

/**
 * An alarm as it stood at t, folded from its events up to t (ISA-18.2 state, acknowledgement, return, shelving,
 * suppression, occurrences): null when it was not open then (not yet raised, or returned and acknowledged,
 * cleared, or ended while suppressed). The suppression's kind is not in its event: the row's current kind, else
 * by design. A shelf whose time was up by t counts as lifted even if the sweep had not yet recorded it.
 */
export function alarmAt(base: AlarmAtBase, events: readonly Pick<AlarmEvent, 'at' | 'action' | 'by' | 'comment'>[], t: number): Alarm | null {
  if (base.raisedAt > t) return null;
  const a: Omit<Alarm, 'state'> = {
    ...base,
    suppressed: null,
    active: true,
    acknowledged: false,
    returnedAt: null,
    shelvedUntil: null,
    shelvedBy: null,
    shelveComment: null,
    suppressedBy: null,
    version: 0,
    count: 1,
    lastAt: base.raisedAt,
    ackAt: null,
    ackBy: null,
    ackComment: null,
    clearedAt: null,
    clearedBy: null,
    clearComment: null,
  };
  for (const e of events) {
    if (e.at > t) break;
    switch (e.action) {
      case 'raised':
        break;
      case 'repeated':
        a.count++;
        a.lastAt = Math.max(a.lastAt, e.at);
        a.returnedAt = null;
        break;
      case 'reactivated':
        Object.assign(a, { active: true, returnedAt: null, clearedAt: null, clearedBy: null, clearComment: null });
        a.count++;
        a.lastAt = Math.max(a.lastAt, e.at);
        break;
      case 'returned':
        a.returnedAt = e.at;
        break;
      case 'acknowledged':
        Object.assign(a, { acknowledged: true, ackAt: e.at, ackBy: e.by, ackComment: e.comment });
        break;
      case 'cleared':
      case 'auto_cleared':
        Object.assign(a, { active: false, clearedAt: e.at, clearedBy: e.by, clearComment: e.comment });
        if (e.action === 'auto_cleared') a.returnedAt ??= e.at;
        break;
      case 'shelved': {
        const m = e.comment ? UNTIL.exec(e.comment) : null;
        const until = m ? Date.parse(m[1]) : NaN;
        Object.assign(a, { shelvedUntil: Number.isFinite(until) ? until : t + 1, shelvedBy: e.by, shelveComment: e.comment?.replace(UNTIL, '') ?? null });
        break;
      }
      case 'unshelved':
        Object.assign(a, { shelvedUntil: null, shelvedBy: null, shelveComment: null });
        break;
      case 'suppressed':
        Object.assign(a, { suppressed: base.suppressed ?? 'design', suppressedBy: e.comment });
        break;
      case 'unsuppressed':
        Object.assign(a, { suppressed: null, suppressedBy: null });
        break;
    }
  }
  if (a.shelvedUntil !== null && a.shelvedUntil <= t) Object.assign(a, { shelvedUntil: null, shelvedBy: null, shelveComment: null });
  if (!isOpenAlarm(a)) return null;
  return { ...a, state: alarmState(a) };
}
