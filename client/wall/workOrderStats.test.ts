import { describe, expect, it } from 'vitest';
import { dayStartInZone, meanResponseMin } from './workOrderStats';

describe('work-order figures', () => {
  it('when orders were responded to, then the mean response is in minutes; unresponded ones are left out', () => {
    const orders = [
      { createdAt: 0, respondedAt: 10 * 60_000 },
      { createdAt: 60_000, respondedAt: 21 * 60_000 },
      { createdAt: 0, respondedAt: null },
    ];
    expect(meanResponseMin(orders, 0)).toBe(15);
    expect(meanResponseMin([], 0)).toBeNull();
  });
  it("when computing today, then the day starts at midnight in the compound's zone", () => {
    const noonCst = Date.UTC(2026, 0, 5, 4, 0, 0);
    expect(dayStartInZone(noonCst, 'Asia/Shanghai')).toBe(Date.UTC(2026, 0, 4, 16, 0, 0));
    expect(dayStartInZone(noonCst, 'Europe/Berlin')).toBe(Date.UTC(2026, 0, 4, 23, 0, 0));
  });
});
