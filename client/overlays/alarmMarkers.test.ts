import { describe, expect, it } from 'vitest';
import type { Alarm } from '../../models/alarm';
import { alarmMarkers, markerStyle, worstAlarmPerDevice } from './alarmMarkers';

const a = (id: number, deviceId: string, severity: Alarm['severity'], more: Partial<Alarm> = {}) =>
  ({ id, deviceId, buildingId: 'b1', severity, active: true, acknowledged: false, shelvedUntil: null, suppressed: null, raisedAt: id, ...more }) as Alarm;

describe('worstAlarmPerDevice', () => {
  it('when a device has several alarms, then one marker shows its most urgent one, most urgent first', () => {
    const out = worstAlarmPerDevice([
      a(1, 'd1', 'minor'),
      a(2, 'd1', 'critical'),
      a(3, 'd2', 'major'),
      a(4, 'd3', 'critical', { active: false, acknowledged: true }),
    ]);
    expect(out.map((x) => [x.deviceId, x.severity])).toEqual([
      ['d1', 'critical'],
      ['d2', 'major'],
    ]);
  });
  it('when alarms are shelved, suppressed, out of service or closed, then they get no marker; returned-unacknowledged ones keep theirs', () => {
    const out = worstAlarmPerDevice([
      a(1, 'd1', 'critical', { shelvedUntil: 9e12 }),
      a(2, 'd2', 'critical', { suppressed: 'design' }),
      a(3, 'd3', 'critical', { suppressed: 'service' }),
      a(4, 'd4', 'critical', { active: false, acknowledged: true }),
      a(5, 'd5', 'major', { active: false }),
    ]);
    expect(out.map((x) => x.id)).toEqual([5]);
  });
  it('when two alarms are equally urgent, then the oldest comes first', () => {
    expect(worstAlarmPerDevice([a(9, 'd9', 'major'), a(3, 'd3', 'major')]).map((x) => x.id)).toEqual([3, 9]);
  });
});

describe('markerStyle', () => {
  it('when severities differ, then critical is largest, brightest, moving and has the tallest beacon; a warning is small, dim and still', () => {
    const [c, M, m, w] = (['critical', 'major', 'minor', 'warning'] as const).map((s) => markerStyle(a(1, 'd', s))!);
    expect(c.size).toBe(1);
    expect(c.size).toBeGreaterThan(M.size * 1.5);
    expect(M.size).toBeGreaterThan(m.size);
    expect(m.size).toBeGreaterThan(w.size);
    expect([c.intensity, M.intensity, m.intensity, w.intensity]).toEqual([...[c.intensity, M.intensity, m.intensity, w.intensity]].sort((x, y) => y - x));
    expect(w.intensity).toBeLessThan(0.4);
    expect(c).toMatchObject({ motion: 'pulse', rings: 2 });
    expect(c.beaconM).toBeGreaterThan(M.beaconM * 2);
    expect(w).toMatchObject({ motion: 'static', speed: 0, rings: 0, beaconM: 0 });
    expect(m.beaconM).toBe(0);
  });
  it('when acknowledged, then steady (no blink, no rings); when returned unacknowledged, then a slow hollow blink of the same size', () => {
    const ack = markerStyle(a(1, 'd', 'critical', { acknowledged: true }))!;
    const rtn = markerStyle(a(1, 'd', 'critical', { active: false }))!;
    expect(ack).toMatchObject({ motion: 'steady', speed: 0, rings: 0, size: 1 });
    expect(rtn).toMatchObject({ motion: 'returned', rings: 0, size: 1 });
    expect(rtn.speed).toBeGreaterThan(0);
    expect(rtn.speed).toBeLessThan(markerStyle(a(1, 'd', 'critical'))!.speed);
  });
  it('when not calling for attention, then no style', () => {
    expect(markerStyle(a(1, 'd', 'critical', { shelvedUntil: 1 }))).toBeNull();
  });
});

describe('alarmMarkers', () => {
  it('when several warnings sit in one building, then they fold into one building marker with a count, after the device markers', () => {
    const worst = worstAlarmPerDevice([
      a(1, 'w1', 'warning'),
      a(2, 'w2', 'warning', { acknowledged: true }),
      a(3, 'w3', 'warning'),
      a(4, 'c1', 'critical'),
      a(5, 'm1', 'major', { buildingId: 'b2' }),
      a(6, 'w4', 'warning', { buildingId: 'b2' }),
      a(7, 'w5', 'warning', { buildingId: null }),
      a(8, 'w6', 'warning', { buildingId: null }),
    ]);
    const out = alarmMarkers(worst);
    expect(out.map((m) => [m.kind, m.id, m.count])).toEqual([
      ['device', 'c1', 1],
      ['device', 'm1', 1],
      ['device', 'w4', 1],
      ['device', 'w5', 1],
      ['device', 'w6', 1],
      ['building', 'b1', 3],
    ]);
    expect(out[5]).toMatchObject({ severity: 'warning', state: 'unack', alarmId: 1, style: { motion: 'static' } });
    expect(out[5].style.size).toBeLessThan(out[1].style.size);
  });
  it('when the aggregate threshold is raised, then a pair of warnings stays single', () => {
    const out = alarmMarkers(worstAlarmPerDevice([a(1, 'w1', 'warning'), a(2, 'w2', 'warning')]), 3);
    expect(out.map((m) => m.kind)).toEqual(['device', 'device']);
  });
});
