import { describe, expect, it } from 'vitest';
import { formatTime, formatValue } from './format';

describe('format', () => {
  it('when a value is fractional, then precision follows its size', () => {
    expect(formatValue(0.12345)).toBe('0.123');
    expect(formatValue(12.345)).toBe('12.35');
    expect(formatValue(1234.56)).toBe('1,234.6');
    expect(formatValue(7)).toBe('7');
  });
  it('when a time is today, then only the clock time shows', () => {
    const now = Date.UTC(2025, 5, 10, 7, 0); // 15:00 in Shanghai
    expect(formatTime(Date.UTC(2025, 5, 10, 1, 5), now, 'Asia/Shanghai')).toBe('09:05');
    expect(formatTime(Date.UTC(2025, 5, 9, 1, 5), now, 'Asia/Shanghai')).toBe('06-09 09:05');
  });
  it("when the compound keeps another zone, then its clock and its day decide, not the browser's", () => {
    const now = Date.UTC(2025, 5, 10, 7, 0); // 09:00 in Berlin (summer), 15:00 in Shanghai
    const t = Date.UTC(2025, 5, 9, 23, 30); // 01:30 on the 10th in Berlin, 07:30 on the 10th in Shanghai
    expect(formatTime(t, now, 'Europe/Berlin')).toBe('01:30');
    expect(formatTime(t, now, 'Asia/Shanghai')).toBe('07:30');
    expect(formatTime(Date.UTC(2025, 5, 9, 21, 30), now, 'Europe/Berlin')).toBe('06-09 23:30');
    expect(formatTime(Date.UTC(2025, 5, 9, 21, 30), now, 'Asia/Shanghai')).toBe('05:30');
  });
});
