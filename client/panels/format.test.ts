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
    const now = new Date(2025, 5, 10, 15, 0).getTime();
    expect(formatTime(new Date(2025, 5, 10, 9, 5).getTime(), now)).toBe('09:05');
    expect(formatTime(new Date(2025, 5, 9, 9, 5).getTime(), now)).toBe('06-09 09:05');
  });
});
