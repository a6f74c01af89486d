import { describe, expect, it } from 'vitest';
import { renewDelay, wallTokenOf } from './wallSession';

describe('wall session helpers', () => {
  it('when the page is /wall with a token, then the token is found; elsewhere or too short, then none', () => {
    expect(wallTokenOf('/wall', '?token=demo-wall-token&compound=x')).toBe('demo-wall-token');
    expect(wallTokenOf('/wall/', '?token=demo-wall-token')).toBe('demo-wall-token');
    expect(wallTokenOf('/', '?token=demo-wall-token')).toBeNull();
    expect(wallTokenOf('/wall', '?token=short')).toBeNull();
    expect(wallTokenOf('/wall', '')).toBeNull();
  });

  it('when the session ends later, then renewal is a minute early, at least 10 s away and within timer range', () => {
    const now = 1_000_000;
    expect(renewDelay(now + 3_600_000, now)).toBe(3_540_000);
    expect(renewDelay(now + 5_000, now)).toBe(10_000);
    expect(renewDelay(8.64e15, now)).toBe(2 ** 31 - 1);
  });
});
