import { describe, expect, it } from 'vitest';
import { latLonToLocal } from '../../models';
import { gcj02ToWgs84, wgs84ToGcj02 } from './gcj02';

const metres = (a: [number, number], b: [number, number]) => {
  const [x, y] = latLonToLocal({ lat: a[1], lon: a[0] }, { lat: b[1], lon: b[0] });
  return Math.hypot(x, y);
};

describe('GCJ-02', () => {
  it('when a point in Wuhan is shifted to GCJ-02, then it moves by the few hundred metres Chinese maps show', () => {
    const wgs: [number, number] = [114.4105, 30.4789];
    const gcj = wgs84ToGcj02(...wgs);
    const d = metres(wgs, gcj);
    expect(d).toBeGreaterThan(200);
    expect(d).toBeLessThan(800);
  });

  it('when GCJ-02 is converted back, then the iteration recovers WGS84 to well under a centimetre', () => {
    for (const wgs of [
      [114.4105, 30.4789],
      [115.0389, 30.2003],
      [116.3975, 39.9087],
      [121.4737, 31.2304],
      [87.6168, 43.8256],
    ] as [number, number][]) {
      const back = gcj02ToWgs84(...wgs84ToGcj02(...wgs));
      expect(metres(wgs, back)).toBeLessThan(0.005);
    }
  });

  it('when a point is outside China, then both directions leave it alone', () => {
    expect(wgs84ToGcj02(2.3522, 48.8566)).toEqual([2.3522, 48.8566]);
    expect(gcj02ToWgs84(-74.006, 40.7128)).toEqual([-74.006, 40.7128]);
  });

  it('when the Tiananmen reference point is converted, then it matches the published GCJ-02 offset', () => {
    // WGS84 (39.9087, 116.3975) shows on AMap at about (39.9101, 116.4037).
    const [lon, lat] = wgs84ToGcj02(116.3975, 39.9087);
    expect(lon).toBeCloseTo(116.4037, 3);
    expect(lat).toBeCloseTo(39.9101, 3);
  });
});
