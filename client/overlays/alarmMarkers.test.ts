import { describe, expect, it } from 'vitest';
import type { Alarm } from '../../models/alarm';
import { worstAlarmPerDevice } from './alarmMarkers';

const a = (id: number, deviceId: string, severity: Alarm['severity'], active = true) => ({ id, deviceId, severity, active, raisedAt: id }) as Alarm;

describe('alarm markers', () => {
  it('when a device has several alarms, then one marker shows its most severe active one, most severe first', () => {
    const out = worstAlarmPerDevice([a(1, 'd1', 'minor'), a(2, 'd1', 'critical'), a(3, 'd2', 'major'), a(4, 'd3', 'critical', false)]);
    expect(out.map((x) => [x.deviceId, x.severity])).toEqual([
      ['d1', 'critical'],
      ['d2', 'major'],
    ]);
  });
});
