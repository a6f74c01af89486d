import { describe, expect, it } from 'vitest';
import { DEVICE_TYPES } from '../../models/deviceTypes';
import { markerColor, STATUS_COLORS, TYPE_COLORS } from './deviceStyle';

const rgb = (h: number) => [(h >> 16) & 255, (h >> 8) & 255, h & 255];
const dist = (a: number, b: number) => Math.hypot(...rgb(a).map((v, i) => v - rgb(b)[i]));

describe('device colours', () => {
  it('when a device is online, then it shows its type colour', () => {
    for (const t of DEVICE_TYPES) expect(markerColor(t, 'online')).toBe(TYPE_COLORS[t]);
  });

  it('when a device is offline, in alarm or in maintenance, then every type shows the same status colour', () => {
    for (const t of DEVICE_TYPES) {
      expect(markerColor(t, 'alarm')).toBe(STATUS_COLORS.alarm);
      expect(markerColor(t, 'offline')).toBe(STATUS_COLORS.offline);
      expect(markerColor(t, 'maintenance')).toBe(STATUS_COLORS.maintenance);
      expect(markerColor(t, null)).toBe(STATUS_COLORS.offline);
    }
  });

  it('when comparing type colours with status colours, then none is close enough to be mistaken', () => {
    for (const t of DEVICE_TYPES) for (const s of Object.values(STATUS_COLORS)) expect(dist(TYPE_COLORS[t], s), t).toBeGreaterThan(60);
  });

  it('when comparing type colours, then all are distinct', () => {
    expect(new Set(Object.values(TYPE_COLORS)).size).toBe(DEVICE_TYPES.length);
  });
});
