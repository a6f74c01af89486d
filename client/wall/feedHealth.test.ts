import { describe, expect, it } from 'vitest';
import { feedHealth } from './feedHealth';

const opts = { downMs: 5_000, quietMs: 60_000 };

describe('feedHealth', () => {
  it('when the link is live and events flow, then the data is fresh', () => {
    expect(feedHealth(100_000, { connection: 'live', lastEventAt: 99_000, downSince: null, startedAt: 0 }, opts).stale).toBe(false);
  });
  it('when the link went down, then it turns stale after downMs, dated from the last event', () => {
    const f = { connection: 'reconnecting' as const, lastEventAt: 50_000, downSince: 52_000, startedAt: 0 };
    expect(feedHealth(55_000, f, opts).stale).toBe(false);
    expect(feedHealth(58_000, f, opts)).toEqual({ stale: true, reason: 'down', since: 50_000 });
  });
  it('when the link is up but nothing arrives for quietMs, then it is stale too', () => {
    expect(feedHealth(200_000, { connection: 'live', lastEventAt: 100_000, downSince: null, startedAt: 0 }, opts)).toEqual({
      stale: true,
      reason: 'quiet',
      since: 100_000,
    });
  });
});
