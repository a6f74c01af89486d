import { describe, expect, it } from 'vitest';
import { SEVERITY_RANK, type Alarm, type Severity } from '../../models/alarm';
import { focusCandidates, type FocusCandidate } from './alarmFocus';
import { dwellFor, PatrolDirector } from './patrolDirector';

// dwell: critical 2 × 30 = 60 s, major 22.5 s, minor 10.5 s
const timing = { stopS: 10, dwellS: 30, overviewS: 20, revisitS: 100 };
const cand = (alarmId: number, severity: Severity, raisedAt: number, more: Partial<FocusCandidate> = {}): FocusCandidate => ({
  alarmId,
  severity,
  rank: SEVERITY_RANK[severity],
  raisedAt,
  returned: false,
  deviceId: `d${alarmId}`,
  buildingId: 'b1',
  household: false,
  ...more,
});
const alarm = (id: number, severity: Severity, raisedAt: number, more: Partial<Alarm> = {}): Alarm =>
  ({
    id,
    compoundId: 'c',
    deviceId: `d${id}`,
    deviceType: 'smoke_detector',
    buildingId: 'b1',
    ruleId: 'r',
    severity,
    message: { zh: 'x', en: 'x' },
    value: 1,
    active: true,
    acknowledged: false,
    shelvedUntil: null,
    suppressed: null,
    count: 1,
    raisedAt,
    lastAt: raisedAt,
    ...more,
  }) as Alarm;

describe('focusCandidates', () => {
  it('when alarms of several severities wait, then the most severe comes first and, within a severity, the oldest', () => {
    const list = focusCandidates([alarm(1, 'minor', 100), alarm(2, 'critical', 300), alarm(3, 'critical', 200), alarm(4, 'major', 50)], () => false);
    expect(list.map((c) => c.alarmId)).toEqual([3, 2, 4, 1]);
  });
  it('when an alarm is acknowledged, closed, shelved, suppressed or a warning, then it is not a candidate; a returned unacknowledged one is, marked returned', () => {
    const list = focusCandidates(
      [
        alarm(1, 'critical', 1, { acknowledged: true }),
        alarm(2, 'critical', 2, { active: false, acknowledged: true }),
        alarm(3, 'warning', 3),
        alarm(4, 'critical', 4, { shelvedUntil: 9e12 }),
        alarm(5, 'critical', 5, { suppressed: 'design' }),
        alarm(6, 'major', 6, { active: false }),
      ],
      () => false,
    );
    expect(list.map((c) => [c.alarmId, c.returned])).toEqual([[6, true]]);
  });
  it('when the device belongs to a household, then the candidate says so', () => {
    expect(focusCandidates([alarm(1, 'major', 1)], (id) => id === 'd1')[0].household).toBe(true);
  });
});

describe('dwellFor', () => {
  it('when severities differ, then critical dwells longest, major shorter, minor short, warning never; a returned alarm half as long', () => {
    const d = (s: Severity, returned = false) => dwellFor({ severity: s, returned }, 60);
    expect([d('critical'), d('major'), d('minor'), d('warning')]).toEqual([120, 45, 21, 0]);
    expect(d('critical', true)).toBe(60);
  });
});

describe('PatrolDirector', () => {
  it('when no alarm waits, then it shows the compound, then each building for stopS, then the compound again', () => {
    const p = new PatrolDirector(['b1', 'b2'], timing);
    const seen: string[] = [];
    for (let t = 0; t <= 45; t += 0.5) if (p.tick(t)) seen.push(`${t}:${p.kind}:${p.buildingId ?? ''}`);
    expect(seen).toEqual(['20:building:b1', '30:building:b2', '40:overview:']);
  });

  it('when a critical alarm arrives, then it pre-empts the patrol at the next tick', () => {
    const p = new PatrolDirector(['b1', 'b2'], timing);
    p.tick(0);
    p.setCandidates([cand(7, 'critical', 5)]);
    expect(p.tick(1)).toBe(true);
    expect(p.kind).toBe('alarm');
    expect(p.alarm?.alarmId).toBe(7);
    expect(p.holdS).toBe(60);
  });

  it('when only warnings wait, then they never pre-empt the patrol', () => {
    const p = new PatrolDirector(['b1', 'b2'], timing);
    p.setCandidates([cand(1, 'warning', 1), cand(2, 'warning', 2)]);
    const kinds = new Set<string>();
    for (let t = 0; t <= 200; t += 0.5) {
      p.tick(t);
      kinds.add(p.kind);
    }
    expect([...kinds].sort()).toEqual(['building', 'overview']);
  });

  it('when a minor alarm arrives during a building stop, then it waits for the stop to end; a major one does not wait', () => {
    const p = new PatrolDirector(['b1', 'b2'], timing);
    p.tick(0);
    p.tick(20); // b1 until 30
    p.setCandidates([cand(1, 'minor', 1)]);
    expect(p.tick(21)).toBe(false);
    expect(p.kind).toBe('building');
    expect(p.tick(30)).toBe(true);
    expect([p.kind, p.alarm?.alarmId]).toEqual(['alarm', 1]);
    const q = new PatrolDirector(['b1', 'b2'], timing);
    q.tick(0);
    q.tick(20);
    q.setCandidates([cand(2, 'major', 1)]);
    expect(q.tick(21)).toBe(true);
    expect(q.alarm?.alarmId).toBe(2);
  });

  it('when a critical and a major wait, then the critical goes first whatever their age; within a severity the oldest first', () => {
    const p = new PatrolDirector(['b1'], timing);
    p.setCandidates(focusCandidates([alarm(1, 'major', 10), alarm(2, 'critical', 300), alarm(3, 'critical', 200)], () => false));
    p.tick(0);
    expect(p.alarm?.alarmId).toBe(3);
    p.tick(60);
    expect(p.alarm?.alarmId).toBe(2);
    p.tick(120);
    expect(p.alarm?.alarmId).toBe(1);
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
    // after the critical's dwell (60 s), the interrupted major comes back (22.5 s), then the next major
    expect(p.tick(62)).toBe(true);
    expect(p.alarm?.alarmId).toBe(1);
    p.tick(85);
    expect(p.alarm?.alarmId).toBe(2);
  });

  it('when a critical alarm stays unacknowledged, then it holds for its dwell, lets the patrol go on, and comes back every revisitS', () => {
    const p = new PatrolDirector(['b1', 'b2'], timing);
    p.setCandidates([cand(5, 'critical', 1)]);
    p.tick(0);
    expect(p.tick(59)).toBe(false);
    expect(p.tick(60)).toBe(true);
    expect(p.kind).toBe('building');
    expect(p.tick(150)).toBe(true);
    expect(p.kind).not.toBe('alarm');
    let back = -1;
    for (let t = 150; t <= 200 && back < 0; t += 0.5) if (p.tick(t) && p.kind === 'alarm') back = t;
    expect(back).toBe(160);
    expect(p.alarm?.alarmId).toBe(5);
  });

  it('when a major or minor dwell ends, then the patrol resumes at the next stop and the alarm does not come back', () => {
    const p = new PatrolDirector(['b1', 'b2'], timing);
    p.tick(0);
    p.tick(20); // b1
    p.setCandidates([cand(9, 'major', 1)]);
    p.tick(21);
    expect(p.kind).toBe('alarm');
    expect(p.tick(43)).toBe(false);
    expect(p.tick(43.5)).toBe(true);
    expect([p.kind, p.buildingId]).toEqual(['building', 'b2']);
    for (let t = 44; t < 400; t += 1) {
      p.tick(t);
      expect(p.kind).not.toBe('alarm');
    }
  });

  it('when the alarm has returned to normal but is unacknowledged, then it is still visited, for half the dwell', () => {
    const p = new PatrolDirector(['b1'], timing);
    p.setCandidates([cand(4, 'critical', 1, { returned: true })]);
    p.tick(0);
    expect(p.kind).toBe('alarm');
    expect(p.holdS).toBe(30);
    expect(p.tick(30)).toBe(true);
    expect(p.kind).not.toBe('alarm');
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
      p.setCandidates([cand(i, 'major', i)]);
      p.tick(i * 3);
      p.tick(i * 3 + 2);
    }
    expect(p.visitedCount).toBeLessThanOrEqual(1);
  });
});
