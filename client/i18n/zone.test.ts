import { describe, expect, it } from 'vitest';
import { fromZoneInput, toZoneInput, zoneStamp } from './zone';

describe('compound-zone stamps and inputs', () => {
  it("when a time is written for a compound, then its own zone decides the clock, not the browser's", () => {
    const t = Date.UTC(2026, 10, 28, 6, 5, 9);
    expect(zoneStamp(t, 'ymd-hms', 'Asia/Shanghai')).toBe('2026-11-28 14:05:09');
    expect(zoneStamp(t, 'ymd-hms', 'Europe/Berlin')).toBe('2026-11-28 07:05:09');
    expect(zoneStamp(t, 'md-hm', 'America/New_York')).toBe('11-28 01:05');
    expect(zoneStamp(t, 'hm', 'Asia/Kolkata')).toBe('11:35');
    expect(zoneStamp(Number.NaN, 'hm', 'Asia/Shanghai')).toBe('—');
  });

  it("when a datetime-local value is read and written back, then it is the compound's wall clock, across a DST change too", () => {
    expect(toZoneInput(Date.UTC(2026, 10, 28, 6, 5), 'Asia/Shanghai')).toBe('2026-11-28T14:05');
    expect(fromZoneInput('2026-11-28T14:05', 'Asia/Shanghai')).toBe(Date.UTC(2026, 10, 28, 6, 5));
    expect(fromZoneInput('2026-03-29T01:30', 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 29, 0, 30)); // CET, before the change
    expect(fromZoneInput('2026-03-29T03:30', 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 29, 1, 30)); // CEST, after it
    for (const t of [Date.UTC(2026, 0, 15, 9, 0), Date.UTC(2026, 6, 1, 12, 45)])
      expect(fromZoneInput(toZoneInput(t, 'Europe/Berlin'), 'Europe/Berlin')).toBe(t);
    expect(toZoneInput(null, 'Asia/Shanghai')).toBe('');
    expect(fromZoneInput('', 'Asia/Shanghai')).toBeNull();
    expect(fromZoneInput('yesterday', 'Asia/Shanghai')).toBeNull();
  });
});
