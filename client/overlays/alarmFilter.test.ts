import { describe, expect, it } from 'vitest';
import type { Alarm } from '../../models/alarm';
import { alarmQuery, DEFAULT_ALARM_FILTER, filterAlarms, newCriticalAlarms } from './alarmFilter';

const alarm = (id: number, over: Partial<Alarm> = {}): Alarm =>
  ({ id, compoundId: 'c', deviceId: `d${id}`, deviceType: 'smoke_detector', buildingId: 'b1', ruleId: 'r', severity: 'major', message: { zh: 'x', en: 'x' }, value: null, active: true, acknowledged: false, count: 1, raisedAt: id * 1000, lastAt: id * 1000, ackAt: null, ackBy: null, ackComment: null, clearedAt: null, clearedBy: null, clearComment: null, ...over }) as Alarm;

describe('alarm list filter', () => {
  const list = [
    alarm(1, { severity: 'critical' }),
    alarm(2, { acknowledged: true, buildingId: 'b2' }),
    alarm(3, { active: false, deviceType: 'hydrant_pressure' }),
    alarm(4, { severity: 'warning', deviceType: 'hydrant_pressure' }),
  ];

  it('when filtering by default, then active alarms show newest first', () => {
    expect(filterAlarms(list, DEFAULT_ALARM_FILTER).map((a) => a.id)).toEqual([4, 2, 1]);
  });

  it('when filtering by severity, state, building and type, then each narrows the list', () => {
    expect(filterAlarms(list, { ...DEFAULT_ALARM_FILTER, severities: ['critical', 'warning'] }).map((a) => a.id)).toEqual([4, 1]);
    expect(filterAlarms(list, { ...DEFAULT_ALARM_FILTER, state: 'unacked' }).map((a) => a.id)).toEqual([4, 1]);
    expect(filterAlarms(list, { ...DEFAULT_ALARM_FILTER, state: 'cleared' }).map((a) => a.id)).toEqual([3]);
    expect(filterAlarms(list, { ...DEFAULT_ALARM_FILTER, state: 'all', buildingId: 'b2' }).map((a) => a.id)).toEqual([2]);
    expect(filterAlarms(list, { ...DEFAULT_ALARM_FILTER, state: 'all', deviceType: 'hydrant_pressure' }).map((a) => a.id)).toEqual([4, 3]);
  });

  it('when fetched alarms repeat stored ones, then the stored (live) copy wins and none shows twice', () => {
    const stale = alarm(1, { severity: 'critical', active: false });
    expect(filterAlarms(list, { ...DEFAULT_ALARM_FILTER, state: 'all' }, [stale, alarm(9, { active: false })]).map((a) => `${a.id}:${a.active}`)).toEqual(['9:false', '4:true', '3:false', '2:true', '1:true']);
  });

  it('when asking the API, then the query carries the same filter', () => {
    expect(alarmQuery('c', { severities: ['critical', 'major'], state: 'unacked', buildingId: 'b3', deviceType: null })).toEqual({ compoundId: 'c', state: 'active', acknowledged: 'false', severity: 'critical,major', buildingId: 'b3', limit: '200' });
  });
});

describe('new critical alarms (the audible cue)', () => {
  it('when the first snapshot arrives, then nothing sounds; a later new critical does, once', () => {
    const known = new Set<number>();
    expect(newCriticalAlarms([alarm(1, { severity: 'critical' })], known, true)).toEqual([]);
    const next = [alarm(1, { severity: 'critical' }), alarm(2, { severity: 'critical' }), alarm(3)];
    expect(newCriticalAlarms(next, known, false).map((a) => a.id)).toEqual([2]);
    expect(newCriticalAlarms(next, known, false)).toEqual([]);
  });
});
