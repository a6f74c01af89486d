import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../models/replay';
import { advance, fractionToTime, replayWindow, timelineMarks, timeToFraction } from './replayTime';

const H = 3_600_000;

describe('replay time mapping', () => {
  it('when opening a window, then it ends on the next whole minute and spans the range', () => {
    const w = replayWindow('24h', 1_000_000_123);
    expect(w.to % 60_000).toBe(0);
    expect(w.to).toBeGreaterThanOrEqual(1_000_000_123);
    expect(w.to - w.from).toBe(24 * H);
    expect(replayWindow('7d', w.to).to - replayWindow('7d', w.to).from).toBe(7 * 24 * H);
  });

  it('when mapping time to the track and back, then it round-trips within the step and clamps', () => {
    const from = 0;
    const to = 24 * H;
    expect(timeToFraction(6 * H, from, to)).toBe(0.25);
    expect(fractionToTime(0.25, from, to)).toBe(6 * H);
    expect(timeToFraction(-5, from, to)).toBe(0);
    expect(timeToFraction(to + 5, from, to)).toBe(1);
    expect(fractionToTime(1.5, from, to)).toBe(to);
    expect(fractionToTime(0.123456, from, to, 60_000) % 60_000).toBe(0);
    for (const f of [0, 0.1, 0.5, 0.99, 1]) expect(Math.abs(timeToFraction(fractionToTime(f, from, to), from, to) - f)).toBeLessThan(1e-6);
  });

  it('when playing at 60× and 600×, then a real second moves a minute and ten, and stops at the end', () => {
    expect(advance(0, 60, 1000, 10 * H)).toEqual({ t: 60_000, ended: false });
    expect(advance(0, 600, 1000, 10 * H)).toEqual({ t: 600_000, ended: false });
    expect(advance(10 * H - 1000, 600, 1000, 10 * H)).toEqual({ t: 10 * H, ended: true });
  });

  it('when events crowd one column, then one mark per kind stands for them and the most severe wins', () => {
    const ev = (t: number, kind: 'alarm' | 'workorder', action: string, severity: string): TimelineEvent => ({
      t,
      kind,
      action,
      id: t,
      deviceId: null,
      buildingId: null,
      severity,
      label: `${action}@${t}`,
    });
    const marks = timelineMarks(
      [
        ev(1000, 'alarm', 'raised', 'minor'),
        ev(1500, 'alarm', 'raised', 'critical'),
        ev(1600, 'alarm', 'cleared', 'critical'),
        ev(90_000, 'workorder', 'created', 'high'),
        ev(200_000, 'alarm', 'raised', 'major'),
      ],
      0,
      100_000,
      100,
    );
    expect(marks.map((m) => m.kind)).toEqual(['raise', 'clear', 'workorder']);
    expect(marks[0]).toMatchObject({ severity: 'critical', count: 2, t: 1500 });
    expect(marks[2].at).toBeGreaterThan(0.85);
  });
});
