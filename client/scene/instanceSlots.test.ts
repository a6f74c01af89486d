import { describe, expect, it } from 'vitest';
import { InstanceSlots } from './instanceSlots';

describe('InstanceSlots', () => {
  const indoor = [0, 1, 1, 0, 1, 1, 0];
  it('when built, then outdoor devices fill the first slots and only they are drawn', () => {
    const s = new InstanceSlots(indoor);
    expect(s.alwaysVisible).toBe(3);
    expect(s.visibleCount).toBe(3);
    expect([...s.deviceAt.slice(0, 3)].sort()).toEqual([0, 3, 6]);
  });

  it('when a building opens, then its indoor devices move right after the outdoor ones and the maps stay inverse', () => {
    const s = new InstanceSlots(indoor);
    s.reveal([5, 2]);
    expect(s.visibleCount).toBe(5);
    expect(new Set([s.deviceAt[3], s.deviceAt[4]])).toEqual(new Set([5, 2]));
    for (let d = 0; d < indoor.length; d++) expect(s.deviceAt[s.slotOf[d]]).toBe(d);
    expect(s.touchedCount).toBeGreaterThanOrEqual(2);
  });

  it('when another building opens after, then the previous one is no longer drawn', () => {
    const s = new InstanceSlots(indoor);
    s.reveal([5, 2]);
    s.reveal([4]);
    expect(s.visibleCount).toBe(4);
    expect(s.deviceAt[3]).toBe(4);
    for (let d = 0; d < indoor.length; d++) expect(s.deviceAt[s.slotOf[d]]).toBe(d);
    s.hideRevealed();
    expect(s.visibleCount).toBe(3);
  });

  it('when an outdoor device is in the list, then it is left where it is', () => {
    const s = new InstanceSlots(indoor);
    s.reveal([0, 1]);
    expect(s.visibleCount).toBe(4);
    expect(s.slotOf[0]).toBeLessThan(3);
  });
});
