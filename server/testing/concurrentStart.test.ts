// Drop into server/testing/ once openDb/migrations + prepareProduction run under a pg advisory lock.
import { describe, expect, it } from 'vitest';
import { freshPgDatabase, TEST_TIMESCALE_URL } from './databases';
import { startServerProcess } from './serverProcess';
import { call } from './testAuth';

describe.skipIf(!TEST_TIMESCALE_URL)('replicas starting at once on a fresh database (compose: deploy.replicas)', () => {
  it('when two processes start together, then both come up, on TimescaleDB, with one first admin', async () => {
    const db = await freshPgDatabase(TEST_TIMESCALE_URL);
    const env = { DATABASE_URL: db.url, SESSION_SECRET: 'concurrent-start-test-secret-at-least-32-chars', ADMIN_PASSWORD: 'a-long-test-password-1234' };
    const started = await Promise.allSettled([startServerProcess({ name: 'A', env }), startServerProcess({ name: 'B', env })]);
    try {
      for (const r of started) expect(r.status === 'rejected' ? String(r.reason) : 'up').toBe('up');
      for (const r of started) {
        const srv = (r as PromiseFulfilledResult<Awaited<ReturnType<typeof startServerProcess>>>).value;
        expect((await call(srv.url, '/api/health')).body.db.timescaledb).toBe(true);
      }
    } finally {
      for (const r of started) if (r.status === 'fulfilled') await r.value.stop();
      await db.drop();
    }
  });
});
