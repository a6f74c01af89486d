import { describe, expect, it } from 'vitest';
import { baselineWindows, DAY, dayStart, HOUR, resolveWindow, splitWindow } from './windows';

const LOCAL = 8 * HOUR;

describe('energy windows', () => {
  it('when a ragged window is split, then the parts tile it exactly: whole local days daily, whole hours hourly, the rest raw', () => {
    const from = Date.UTC(2026, 0, 3, 5, 17, 12, 345);
    const to = Date.UTC(2026, 0, 9, 22, 41);
    const parts = splitWindow(from, to);
    expect(parts[0].from).toBe(from);
    expect(parts.at(-1)!.to).toBe(to);
    for (let i = 1; i < parts.length; i++) expect(parts[i].from).toBe(parts[i - 1].to);
    expect(parts.map((p) => p.source)).toEqual(['raw', 'hourly', 'daily', 'hourly', 'raw']);
    for (const p of parts.filter((x) => x.source === 'daily')) expect([(p.from + LOCAL) % DAY, (p.to + LOCAL) % DAY]).toEqual([0, 0]);
    for (const p of parts.filter((x) => x.source === 'hourly')) expect([p.from % HOUR, p.to % HOUR]).toEqual([0, 0]);
    for (const p of parts.filter((x) => x.source === 'raw')) expect(p.to - p.from).toBeLessThan(HOUR);
  });

  it('when the newest days are not to be read daily, then they come hourly and the parts still tile the window', () => {
    const from = Date.UTC(2026, 0, 1, 3, 30);
    const to = Date.UTC(2026, 0, 9, 3, 30);
    const before = dayStart(to) - DAY;
    const parts = splitWindow(from, to, before);
    expect(parts.find((p) => p.source === 'daily')!.to).toBe(before);
    for (let i = 1; i < parts.length; i++) expect(parts[i].from).toBe(parts[i - 1].to);
    expect(parts.at(-1)!.to).toBe(to);
    expect(splitWindow(to - DAY, to, before).every((p) => p.source !== 'daily')).toBe(true);
  });

  it('when a window is short or aligned, then no empty or needless parts appear', () => {
    const h = Date.UTC(2026, 0, 3, 5);
    expect(splitWindow(h + 60_000, h + 120_000)).toEqual([{ source: 'raw', from: h + 60_000, to: h + 120_000 }]);
    expect(splitWindow(h, h + 3 * HOUR)).toEqual([{ source: 'hourly', from: h, to: h + 3 * HOUR }]);
    const d = dayStart(h);
    expect(splitWindow(d, d + 2 * DAY)).toEqual([{ source: 'daily', from: d, to: d + 2 * DAY }]);
  });

  it('when "today" is asked at 10:30 China time, then it starts at local midnight and the baselines are the same hours of the 4 days before', () => {
    const now = Date.UTC(2026, 4, 1, 2, 30); // 10:30 in UTC+8
    const w = resolveWindow({ window: 'today' }, now);
    expect(w).toEqual({ from: Date.UTC(2026, 3, 30, 16), to: now });
    expect(baselineWindows(w, 4)).toEqual([1, 2, 3, 4].map((k) => ({ from: w.from - k * DAY, to: w.to - k * DAY })));
    const month = resolveWindow({ window: '30d' }, now);
    expect(baselineWindows(month, 1)[0]).toEqual({ from: month.from - 30 * DAY, to: month.from });
  });
});
