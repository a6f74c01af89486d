import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

const B = { baseMs: 1_000, maxMs: 15_000 };

describe('backoffDelay', () => {
  it('when retries go on, then the delay doubles up to the cap', () => {
    const top = (n: number) => backoffDelay(n, B, () => 1);
    expect([0, 1, 2, 3, 4, 5, 40].map(top)).toEqual([1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000]);
  });

  it('when drawn, then each delay lies in the upper half of its step (jitter, never zero)', () => {
    expect(backoffDelay(0, B, () => 0)).toBe(500);
    expect(backoffDelay(3, B, () => 0)).toBe(4_000);
    for (let i = 0; i < 200; i++) {
      const d = backoffDelay(2, B);
      expect(d).toBeGreaterThanOrEqual(2_000);
      expect(d).toBeLessThanOrEqual(4_000);
    }
  });

  it('when the attempt count is odd input (negative), then it counts as the first retry', () => {
    expect(backoffDelay(-3, B, () => 1)).toBe(1_000);
  });
});
