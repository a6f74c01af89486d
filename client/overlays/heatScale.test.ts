import { describe, expect, it } from 'vitest';
import { HEAT_STOPS, heatCss, heatRgb, heatT, legendNumber, legendTicks, NO_DATA_RGB } from './heatScale';

describe('heat scale', () => {
  it('when a value lies on the ends or between, then t runs 0..1 and clamps outside', () => {
    const s = { min: 10, max: 30 };
    expect(heatT(10, s)).toBe(0);
    expect(heatT(30, s)).toBe(1);
    expect(heatT(20, s)).toBe(0.5);
    expect(heatT(50, s)).toBe(1);
    expect(heatT(-5, s)).toBe(0);
  });

  it('when there is no value or no scale, then t is null; when min equals max, the middle', () => {
    expect(heatT(null, { min: 0, max: 1 })).toBeNull();
    expect(heatT(3, null)).toBeNull();
    expect(heatT(Number.NaN, { min: 0, max: 1 })).toBeNull();
    expect(heatT(4, { min: 4, max: 4 })).toBe(0.5);
  });

  it('when colouring, then the ends are the ramp ends, the middle interpolates and no data is grey', () => {
    const out: [number, number, number] = [0, 0, 0];
    expect(heatRgb(0, out)).toEqual([...HEAT_STOPS[0]]);
    expect(heatRgb(1, out)).toEqual([...HEAT_STOPS[HEAT_STOPS.length - 1]]);
    expect(heatRgb(null, out)).toEqual([...NO_DATA_RGB]);
    const mid = heatRgb(0.1, [0, 0, 0]);
    for (let c = 0; c < 3; c++) expect(mid[c]).toBeGreaterThanOrEqual(Math.min(HEAT_STOPS[0][c], HEAT_STOPS[1][c]));
    expect(heatCss(1)).toBe('rgb(215, 25, 28)');
  });

  it('when a colour is asked for, then the same array comes back (no allocation per call)', () => {
    const out: [number, number, number] = [0, 0, 0];
    expect(heatRgb(0.3, out)).toBe(out);
  });
});

describe('legend numbers', () => {
  it('when formatting, then precision follows magnitude and trailing zeros go', () => {
    expect(legendNumber(1234.567)).toBe('1235');
    expect(legendNumber(123.4)).toBe('123');
    expect(legendNumber(12.345)).toBe('12.3');
    expect(legendNumber(1.5)).toBe('1.5');
    expect(legendNumber(1.005001)).toBe('1.01');
    expect(legendNumber(0.012345)).toBe('0.0123');
    expect(legendNumber(0.5)).toBe('0.5');
    expect(legendNumber(0)).toBe('0');
    expect(legendNumber(-0.0001)).toBe('-0.0001');
    expect(legendNumber(Number.POSITIVE_INFINITY)).toBe('—');
  });

  it('when ticking a scale, then ends are exact and a flat scale gives one tick', () => {
    expect(legendTicks({ min: 0, max: 100 })).toEqual([0, 25, 50, 75, 100]);
    expect(legendTicks({ min: 2, max: 2 })).toEqual([2]);
    expect(legendTicks(null)).toEqual([]);
    const t = legendTicks({ min: 0.1, max: 0.7 }, 4);
    expect(t[0]).toBe(0.1);
    expect(t[3]).toBe(0.7);
  });
});
