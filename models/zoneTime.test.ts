import { describe, expect, it } from 'vitest';
import { formatInZone, sameZoneDay, startOfZoneDay, zoneOffsetMs, zoneParts } from './zoneTime';

describe('zoneTime', () => {
  const t = Date.UTC(2026, 10, 28, 17, 30, 5); // 2026-11-29 01:30:05 in Shanghai
  it('formats in the compound zone, not the browser zone', () => {
    expect(formatInZone(t, 'Asia/Shanghai', 'zh-CN', 'hm')).toBe('01:30');
    expect(formatInZone(t, 'UTC', 'en', 'hm')).toBe('17:30');
    expect(formatInZone(t, 'Asia/Shanghai', 'en', 'ymd')).toBe('11/29/2026');
    expect(formatInZone(NaN, 'Asia/Shanghai', 'en', 'hm')).toBe('—');
  });
  it('finds calendar fields, offsets and day starts', () => {
    expect(zoneParts(t, 'Asia/Shanghai')).toMatchObject({ year: 2026, month: 11, day: 29, hour: 1, minute: 30 });
    expect(zoneOffsetMs(t, 'Asia/Shanghai')).toBe(8 * 3_600_000);
    expect(startOfZoneDay(t, 'Asia/Shanghai')).toBe(Date.UTC(2026, 10, 28, 16));
    expect(startOfZoneDay(t, 'UTC')).toBe(Date.UTC(2026, 10, 28));
    expect(sameZoneDay(t, Date.UTC(2026, 10, 28, 15, 59), 'Asia/Shanghai')).toBe(false);
    // a DST zone: New York's day start on the day clocks go back
    const ny = Date.UTC(2026, 10, 1, 18); // 2026-11-01 13:00 EST
    expect(startOfZoneDay(ny, 'America/New_York')).toBe(Date.UTC(2026, 10, 1, 4));
  });
});
