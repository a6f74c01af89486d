import { describe, expect, it } from 'vitest';
import { WALL_DEFAULTS, parseWallParams } from './wallParams';

describe('parseWallParams', () => {
  it('when nothing is given, then the defaults apply', () => {
    expect(parseWallParams('')).toEqual(WALL_DEFAULTS);
  });
  it('when dwell, stop and stale are given, then they are read in seconds', () => {
    const p = parseWallParams('?compound=x&token=demo-wall-token&dwell=20&stop=8&stale=30');
    expect(p).toEqual({ ...WALL_DEFAULTS, dwellS: 20, stopS: 8, quietS: 30 });
  });
  it('when values are nonsense or out of range, then they fall back or are clamped', () => {
    const p = parseWallParams('?dwell=abc&stop=0&stale=99999999');
    expect(p.dwellS).toBe(WALL_DEFAULTS.dwellS);
    expect(p.stopS).toBe(2);
    expect(p.quietS).toBe(86_400);
    expect(parseWallParams('?sound=off').sound).toBe(false);
  });
});
