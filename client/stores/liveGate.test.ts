import { afterEach, describe, expect, it } from 'vitest';
import { beginResync, enterReplay, finishResync, liveGate, throughGate } from './liveGate';

describe('live gate', () => {
  afterEach(() => finishResync());

  it('when live, then updates apply at once', () => {
    const got: number[] = [];
    throughGate(() => got.push(1));
    expect(got).toEqual([1]);
  });

  it('when replaying, then updates are dropped; during the resync they are held and applied after it in order', () => {
    const got: number[] = [];
    enterReplay();
    throughGate(() => got.push(1));
    expect(got).toEqual([]);
    expect(liveGate.dropped).toBeGreaterThan(0);
    beginResync();
    throughGate(() => got.push(2));
    throughGate(() => got.push(3));
    expect(got).toEqual([]);
    finishResync();
    expect(got).toEqual([2, 3]);
    expect(liveGate.mode).toBe('live');
  });
});
