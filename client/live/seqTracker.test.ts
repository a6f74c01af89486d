import { describe, expect, it } from 'vitest';
import { SeqTracker } from './seqTracker';

describe('SeqTracker', () => {
  it('when nothing is synced yet, then deltas are not applied', () => {
    expect(new SeqTracker().accept(5)).toBe('unsynced');
  });
  it('when deltas arrive in order, then each applies and advances', () => {
    const t = new SeqTracker();
    t.reset(10);
    expect(t.accept(11)).toBe('apply');
    expect(t.accept(12)).toBe('apply');
    expect(t.last).toBe(12);
  });
  it('when a delta repeats, then it is a duplicate', () => {
    const t = new SeqTracker();
    t.reset(10);
    expect(t.accept(10)).toBe('duplicate');
    expect(t.accept(3)).toBe('duplicate');
  });
  it('when a delta skips ahead, then it is a gap and seq does not move', () => {
    const t = new SeqTracker();
    t.reset(10);
    expect(t.accept(13)).toBe('gap');
    expect(t.last).toBe(10);
  });
});
