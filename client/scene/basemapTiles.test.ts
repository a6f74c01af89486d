import { describe, expect, it } from 'vitest';
import { latLonToLocal } from '../../models/geo';
import { chooseMosaic, localToLatLon, tileCorner, tileOf, tileUrl } from './basemapTiles';

const wuhan = { lat: 30.5052, lon: 114.4089 };

describe('basemap tiles', () => {
  it('when a point is converted to a tile and back, then it is the same place', () => {
    const [x, y] = tileOf(wuhan, 16);
    const back = tileCorner(x, y, 16);
    expect(back.lat).toBeCloseTo(wuhan.lat, 9);
    expect(back.lon).toBeCloseTo(wuhan.lon, 9);
    // the well-known tile of (0, 0) at zoom 1
    expect(tileOf({ lat: 0, lon: 0 }, 1)).toEqual([1, 1]);
    const p = localToLatLon(wuhan, [300, -200]);
    const q = latLonToLocal(wuhan, p);
    expect(q[0]).toBeCloseTo(300, 6);
    expect(q[1]).toBeCloseTo(-200, 6);
  });

  it('when a site of any size is covered, then 3 to 6 tiles a side span it, centred on it', () => {
    for (const span of [300, 700, 2000, 8000]) {
      const m = chooseMosaic(wuhan, [20, -10], span, 19);
      const nx = m.x1 - m.x0 + 1;
      const ny = m.y1 - m.y0 + 1;
      expect(nx, `span ${span}`).toBeGreaterThanOrEqual(3);
      expect(nx).toBeLessThanOrEqual(6);
      expect(ny).toBeGreaterThanOrEqual(3);
      expect(ny).toBeLessThanOrEqual(6);
      // the mosaic covers the span around the centre
      expect(m.nw[0]).toBeLessThan(20 - span / 2 + 1);
      expect(m.se[0]).toBeGreaterThan(20 + span / 2 - 1);
      expect(m.nw[1]).toBeGreaterThan(-10 + span / 2 - 1);
      expect(m.se[1]).toBeLessThan(-10 - span / 2 + 1);
    }
  });

  it('when the server caps the zoom, then fewer, larger tiles are used', () => {
    const m = chooseMosaic(wuhan, [0, 0], 300, 12);
    expect(m.z).toBe(12);
    expect(m.x1 - m.x0 + 1).toBeLessThanOrEqual(2);
  });

  it('when a template has {s}, then tiles spread over a, b and c', () => {
    expect(tileUrl('https://{s}.t.org/{z}/{x}/{y}.png', 17, 10, 20)).toBe('https://a.t.org/17/10/20.png');
    expect(tileUrl('https://{s}.t.org/{z}/{x}/{y}.png', 17, 11, 20)).toBe('https://b.t.org/17/11/20.png');
  });
});
