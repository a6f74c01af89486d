import { describe, expect, it } from 'vitest';
import { alarmAt, type AlarmAtBase } from './alarmAt';

const base: AlarmAtBase = {
  id: 1,
  compoundId: 'c',
  deviceId: 'd',
  deviceType: 'smoke_detector',
  buildingId: 'b1',
  ruleId: 'r',
  severity: 'major',
  message: { zh: '告警', en: 'alarm' },
  value: 1,
  latched: false,
  raisedAt: 1_000,
  suppressed: null,
};
const ev = (at: number, action: any, by: string | null = null, comment: string | null = null) => ({ at, action, by, comment });

describe('an alarm as it stood at t', () => {
  const events = [
    ev(1_000, 'raised'),
    ev(2_000, 'repeated'),
    ev(3_000, 'shelved', 'op', `巡检中 (until ${new Date(5_000).toISOString()})`),
    ev(6_000, 'auto_cleared'),
    ev(8_000, 'acknowledged', 'op', '已处理'),
  ];
  it('when t is before the raise, then it did not exist', () => expect(alarmAt(base, events, 999)).toBeNull());
  it('when t lies after a repeat, then it is unacknowledged with two occurrences', () =>
    expect(alarmAt(base, events, 2_500)).toMatchObject({ state: 'unack', count: 2, lastAt: 2_000, acknowledged: false }));
  it('when shelved at t, then shelved until the time its event names, comment without it', () =>
    expect(alarmAt(base, events, 4_000)).toMatchObject({ state: 'shelved', shelvedUntil: 5_000, shelvedBy: 'op', shelveComment: '巡检中' }));
  it('when the shelf ran out by t, then it calls for attention again', () =>
    expect(alarmAt(base, events, 5_500)).toMatchObject({ state: 'unack', shelvedUntil: null }));
  it('when it returned by itself and nobody acknowledged it yet, then it is returned-unacknowledged', () =>
    expect(alarmAt(base, events, 7_000)).toMatchObject({ state: 'rtn_unack', active: false, returnedAt: 6_000, clearedAt: 6_000 }));
  it('when returned and acknowledged by t, then it was closed', () => expect(alarmAt(base, events, 9_000)).toBeNull());
  it('when suppressed at t, then with the kind the row has now', () =>
    expect(alarmAt({ ...base, suppressed: 'service' }, [ev(1_000, 'raised'), ev(1_500, 'suppressed', null, 'WO #3')], 2_000)).toMatchObject({
      state: 'out_of_service',
      suppressedBy: 'WO #3',
    }));
});
