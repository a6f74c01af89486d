import { describe, expect, it } from 'vitest';
import { SEVERITY_RANK, type Alarm, type Severity } from '../../models/alarm';
import { focusCandidates, type FocusCandidate } from './alarmFocus';
import { PatrolDirector } from './patrolDirector';

const timing = { stopS: 10, dwellS: 60, overviewS: 20 };
const cand = (alarmId: number, severity: Severity, raisedAt: number, deviceId = `d${alarmId}`): FocusCandidate => ({ alarmId, rank: SEVERITY_RANK[severity], raisedAt, deviceId, buildingId: 'b1', household: false });
const alarm = (id: number, severity: Severity, raisedAt: number, more: Partial<Alarm> = {}): Alarm =>
  ({ id, compoundId: 'c', deviceId: `d${id}`, deviceType: 'smoke_detector', buildingId: 'b1', ruleId: 'r', severity, message: { zh: 'x', en: 'x' }, value: 1, active: true, acknowledged: false, count: 1, raisedAt, lastAt: raisedAt, ackAt: null, ackBy: null, ackComment: null, clearedAt: null, clearedBy: null, clearComment: null, ...more }) as Alarm;

describe('focusCandidates', () => {
  it('when alarms of several severities wait, then the most severe comes first and, within a severity, the oldest', () => {
    const list = focusCandidates([alarm(1, 'minor', 100), alarm(2, 'critical', 300), alarm(3, 'critical', 200), alarm(4, 'major', 50)], () => false);
    expect(list.map((c) => c.alarmId)).toEqual([3, 2, 4, 1]);
  });
  it('when an alarm is acknowledged or cleared, then it is not a candidate', () => {
    const list = focusCandidates([alarm(1, 'critical', 1, { acknowledged: true }), alarm(2, 'critical', 2, { active: false }), alarm(3, 'warning', 3)], () => false);
    expect(list.map((c) => c.alarmId)).toEqual([3]);
  });
  it('when the device belongs to a household, then the candidate says so', () => {
    expect(focusCandidates([alarm(1, 'major', 1)], (id) => id === 'd1')[0].household).toBe(true);
  });
});

describe('PatrolDirector', () => {
  it('when no alarm waits, then it shows the compound, then each building for stopS, then the compound again', () => {
    const p = new PatrolDirector(['b1', 'b2'], timing);
    const seen: string[] = [];
    for (let t = 0; t <= 45; t += 0.5) if (p.tick(t)) seen.push(`${t}:${p.kind}:${p.buildingId ?? ''}`);
    expect(seen).toEqual(['20:building:b1', '30:building:b2', '40:overview:']);
  });

  it('when an alarm arrives, then it pre-empts the patrol at the next tick', () => {
    const p = new PatrolDirector(['b1', 'b2'], timing);
    p.tick(0);
    p.setCandidates([cand(7, 'critical', 5)]);
    expect(p.tick(1)).toBe(true);
    expect(p.kind).toBe('alarm');
    expect(p.alarm?.alarmId).toBe(7);
  });

  it('when a more severe alarm arrives during a dwell, then it takes over; a same-severity one waits its turn', () => {
    const p = new PatrolDirector(['b1'], timing);
    p.setCandidates([cand(1, 'major', 10)]);
    p.tick(0);
    p.setCandidates([cand(1, 'major', 10), cand(2, 'major', 20)]);
    expect(p.tick(1)).toBe(false);
    p.setCandidates([cand(3, 'critical', 30), cand(1, 'major', 10), cand(2, 'major', 20)]);
    expect(p.tick(2)).toBe(true);
    expect(p.alarm?.alarmId).toBe(3);
    // after the critical's dwell, the interrupted major comes back, then the next major
    expect(p.tick(62)).toBe(true);
    expect(p.alarm?.alarmId).toBe(1);
    p.tick(122);
    expect(p.alarm?.alarmId).toBe(2);
  });

  it('when the dwell ends, then the patrol resumes at the next stop and the alarm does not come back', () => {
    const p = new PatrolDirector(['b1', 'b2'], timing);
    p.tick(0);
    p.tick(20); // b1
    p.setCandidates([cand(9, 'minor', 1)]);
    p.tick(21);
    expect(p.kind).toBe('alarm');
    expect(p.tick(50)).toBe(false);
    expect(p.tick(81)).toBe(true);
    expect([p.kind, p.buildingId]).toEqual(['building', 'b2']);
    expect(p.tick(82)).toBe(false);
  });

  it('when the alarm is acknowledged elsewhere, then the patrol resumes before the dwell ends', () => {
    const p = new PatrolDirector(['b1', 'b2'], timing);
    p.setCandidates([cand(4, 'critical', 1)]);
    p.tick(0);
    expect(p.kind).toBe('alarm');
    p.setCandidates([]);
    expect(p.tick(3)).toBe(true);
    expect(p.kind).toBe('building');
  });

  it('when visited alarms leave the list, then they are forgotten (the memory stays bounded)', () => {
    const p = new PatrolDirector([], { ...timing, dwellS: 1 });
    for (let i = 0; i < 500; i++) {
      p.setCandidates([cand(i, 'warning', i)]);
      p.tick(i * 3);
      p.tick(i * 3 + 2);
    }
    expect(p.visitedCount).toBeLessThanOrEqual(1);
  });
});
