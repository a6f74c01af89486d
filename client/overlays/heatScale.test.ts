import { describe, expect, it } from 'vitest';
import { domainTicks, HEAT_STOPS, heatCss, heatDomain, heatRgb, heatT, legendNumber, legendTicks, niceCeil, NO_DATA_RGB, quantile } from './heatScale';

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
    expect(heatCss(1)).toBe('rgb(248, 244, 170)');
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

describe('the ramp and the domain', () => {
  it('when the ramp is walked from low to high, then it only gets lighter and never turns red (red reads as an alarm)', () => {
    const lum = ([r, g, b]: readonly number[]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
    for (let i = 1; i < HEAT_STOPS.length; i++) expect(lum(HEAT_STOPS[i])).toBeGreaterThan(lum(HEAT_STOPS[i - 1]));
    for (let t = 0; t <= 1; t += 0.05) {
      const [r, g] = heatRgb(t, [0, 0, 0]);
      expect(r, `t=${t}`).toBeLessThanOrEqual(g);
    }
    // no data is a neutral grey, unlike the ramp's darkest (teal) end
    expect(Math.max(...NO_DATA_RGB) - Math.min(...NO_DATA_RGB)).toBeLessThan(16);
    expect(HEAT_STOPS[0][1] - HEAT_STOPS[0][0]).toBeGreaterThan(30);
  });

  it('when households use 14.8–18.6 kWh, then the colours run from 0 to 20 and the values stay in the upper, close-together part', () => {
    const d = heatDomain([14.8, 15.9, 16.4, 17.2, 18.6, null])!;
    expect(d).toEqual({ min: 0, max: 20, dataMin: 14.8, dataMax: 18.6, clipped: false });
    const lo = heatT(14.8, d)!,
      hi = heatT(18.6, d)!;
    expect(lo).toBeCloseTo(0.74);
    expect(hi - lo).toBeLessThan(0.2);
    expect(domainTicks(d)).toEqual([0, 5, 10, 15, 20]);
  });

  it("when one building uses far more than the rest, then the domain ends at the rest's round top and says it is clipped", () => {
    const d = heatDomain([100, 120, 130, 150, 160, 170, 2000])!;
    expect(d.clipped).toBe(true);
    expect(d.dataMax).toBe(2000);
    expect(d.max).toBeLessThan(2000);
    expect(d.max).toBeGreaterThanOrEqual(170);
    expect(heatT(2000, d)).toBe(1);
    // with few values nothing is clipped
    expect(heatDomain([1, 2, 50])!.clipped).toBe(false);
  });

  it('when there are no values, only zeros, or negatives, then the domain stays usable', () => {
    expect(heatDomain([])).toBeNull();
    expect(heatDomain([null, Number.NaN])).toBeNull();
    expect(heatDomain([0, 0])).toMatchObject({ min: 0, max: 1 });
    expect(heatDomain([-3, 4])).toMatchObject({ min: -5, max: 5 });
  });

  it('when rounding up and ticking, then steps are 1, 2, 2.5 or 5 × 10^k', () => {
    expect([niceCeil(18.6), niceCeil(0.3), niceCeil(2.1), niceCeil(101), niceCeil(0.0042)]).toEqual([20, 0.5, 2.5, 200, 0.005]);
    expect(domainTicks({ min: 0, max: 25 })).toEqual([0, 5, 10, 15, 20, 25]);
    expect(domainTicks({ min: 0, max: 0.5 })).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(domainTicks({ min: 0, max: 2 })).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
  });
});
