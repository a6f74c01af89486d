import { describe, expect, it } from 'vitest';
import type { Alarm } from '../../models/alarm';
import { ALARM_LIST_STATES, alarmState, countAlarms, type AlarmListState } from '../../models/alarmState';
import { alarmQuery, DEFAULT_ALARM_FILTER, filterAlarms, listStateCount, newCriticalAlarms } from './alarmFilter';

const alarm = (id: number, over: Partial<Alarm> = {}): Alarm => {
  const a = {
    id,
    compoundId: 'c',
    deviceId: `d${id}`,
    deviceType: 'smoke_detector',
    buildingId: 'b1',
    ruleId: 'r',
    severity: 'major',
    message: { zh: 'x', en: 'x' },
    value: null,
    active: true,
    acknowledged: false,
    latched: false,
    returnedAt: null,
    shelvedUntil: null,
    shelvedBy: null,
    shelveComment: null,
    suppressed: null,
    suppressedBy: null,
    count: 1,
    raisedAt: id * 1000,
    lastAt: id * 1000,
    ackAt: null,
    ackBy: null,
    ackComment: null,
    clearedAt: null,
    clearedBy: null,
    clearComment: null,
    ...over,
  } as Omit<Alarm, 'state'>;
  return { ...a, state: alarmState(a) };
};
const ids = (list: Alarm[]) => list.map((a) => a.id);

describe('alarm list filter', () => {
  const list = [
    alarm(1, { severity: 'critical' }),
    alarm(2, { acknowledged: true, buildingId: 'b2' }),
    alarm(3, { active: false, acknowledged: true, deviceType: 'hydrant_pressure' }),
    alarm(4, { severity: 'warning', deviceType: 'hydrant_pressure' }),
  ];

  it('when filtering by default, then what calls for attention shows newest first', () => {
    expect(DEFAULT_ALARM_FILTER.state).toBe('attention');
    expect(ids(filterAlarms(list, DEFAULT_ALARM_FILTER))).toEqual([4, 2, 1]);
  });

  it('when filtering by severity, state, building and type, then each narrows the list', () => {
    expect(ids(filterAlarms(list, { ...DEFAULT_ALARM_FILTER, severities: ['critical', 'warning'] }))).toEqual([4, 1]);
    expect(ids(filterAlarms(list, { ...DEFAULT_ALARM_FILTER, state: 'unacked' }))).toEqual([4, 1]);
    expect(ids(filterAlarms(list, { ...DEFAULT_ALARM_FILTER, state: 'cleared' }))).toEqual([3]);
    expect(ids(filterAlarms(list, { ...DEFAULT_ALARM_FILTER, state: 'all', buildingId: 'b2' }))).toEqual([2]);
    expect(ids(filterAlarms(list, { ...DEFAULT_ALARM_FILTER, state: 'all', deviceType: 'hydrant_pressure' }))).toEqual([4, 3]);
  });

  it('when an alarm returned to normal unacknowledged, then it stays under attention and unacknowledged, not under active', () => {
    const returned = alarm(5, { severity: 'critical', active: false, returnedAt: 5500, clearedAt: 5500 });
    const all = [...list, returned];
    expect(ids(filterAlarms(all, DEFAULT_ALARM_FILTER))).toContain(5);
    expect(ids(filterAlarms(all, { ...DEFAULT_ALARM_FILTER, state: 'unacked' }))).toEqual([5, 4, 1]);
    expect(ids(filterAlarms(all, { ...DEFAULT_ALARM_FILTER, state: 'returned' }))).toEqual([5]);
    expect(ids(filterAlarms(all, { ...DEFAULT_ALARM_FILTER, state: 'active' }))).toEqual([4, 2, 1]);
    // acknowledged once returned: closed
    expect(ids(filterAlarms([{ ...returned, acknowledged: true }], DEFAULT_ALARM_FILTER))).toEqual([]);
  });

  it('when alarms are shelved or suppressed, then they leave attention and show under their own state', () => {
    const shelved = alarm(6, { shelvedUntil: 99_000, shelvedBy: 'officer' });
    const byDesign = alarm(7, { suppressed: 'design', suppressedBy: 'power.loss' });
    const inService = alarm(8, { suppressed: 'service', suppressedBy: 'WO #3' });
    const all = [...list, shelved, byDesign, inService];
    expect(ids(filterAlarms(all, DEFAULT_ALARM_FILTER))).toEqual([4, 2, 1]);
    expect(ids(filterAlarms(all, { ...DEFAULT_ALARM_FILTER, state: 'shelved' }))).toEqual([6]);
    expect(ids(filterAlarms(all, { ...DEFAULT_ALARM_FILTER, state: 'suppressed' }))).toEqual([8, 7]);
    expect(ids(filterAlarms(all, { ...DEFAULT_ALARM_FILTER, state: 'open' }))).toEqual([8, 7, 6, 4, 2, 1]);
  });

  it('when the filter counts come from countAlarms, then the count of each open state equals its list length', () => {
    const all = [
      ...list,
      alarm(5, { active: false }),
      alarm(6, { shelvedUntil: 1 }),
      alarm(7, { suppressed: 'design' }),
      alarm(8, { suppressed: 'service' }),
      alarm(9, { active: false, shelvedUntil: 1 }),
    ];
    const c = countAlarms(all);
    const n = (state: AlarmListState) => filterAlarms(all, { ...DEFAULT_ALARM_FILTER, state }).length;
    for (const state of ALARM_LIST_STATES) if (state !== 'cleared' && state !== 'all') expect(listStateCount(c, state), state).toBe(n(state));
    expect(listStateCount(c, 'cleared')).toBeNull();
    expect(listStateCount(c, 'all')).toBeNull();
  });

  it('when fetched alarms repeat stored ones, then the stored (live) copy wins and none shows twice', () => {
    const stale = alarm(1, { severity: 'critical', active: false });
    expect(filterAlarms(list, { ...DEFAULT_ALARM_FILTER, state: 'all' }, [stale, alarm(9, { active: false })]).map((a) => `${a.id}:${a.active}`)).toEqual([
      '9:false',
      '4:true',
      '3:false',
      '2:true',
      '1:true',
    ]);
  });

  it('when asking the API, then the query carries the same filter and the list state as is', () => {
    expect(alarmQuery('c', { severities: ['critical', 'major'], state: 'unacked', buildingId: 'b3', deviceType: null })).toEqual({
      compoundId: 'c',
      state: 'unacked',
      severity: 'critical,major',
      buildingId: 'b3',
      limit: '200',
    });
    expect(alarmQuery('c', { ...DEFAULT_ALARM_FILTER, state: 'returned', deviceType: 'hydrant_pressure' }, 50)).toEqual({
      compoundId: 'c',
      state: 'returned',
      deviceType: 'hydrant_pressure',
      limit: '50',
    });
  });
});

describe('new critical alarms (the audible cue)', () => {
  it('when the first snapshot arrives, then nothing sounds; a later new critical does, once', () => {
    const known = new Set<number>();
    expect(newCriticalAlarms([alarm(1, { severity: 'critical' })], known, true)).toEqual([]);
    const next = [alarm(1, { severity: 'critical' }), alarm(2, { severity: 'critical' }), alarm(3)];
    expect(ids(newCriticalAlarms(next, known, false))).toEqual([2]);
    expect(newCriticalAlarms(next, known, false)).toEqual([]);
  });

  it('when a critical alarm arrives shelved or suppressed, then it sounds only once it turns unacknowledged', () => {
    const known = new Set<number>();
    expect(
      newCriticalAlarms(
        [
          alarm(4, { severity: 'critical', shelvedUntil: 9 }),
          alarm(5, { severity: 'critical', suppressed: 'design' }),
          alarm(6, { severity: 'critical', acknowledged: true }),
        ],
        known,
        false,
      ),
    ).toEqual([]);
    expect(ids(newCriticalAlarms([alarm(4, { severity: 'critical' }), alarm(5, { severity: 'critical', suppressed: 'design' })], known, false))).toEqual([4]);
  });
});
