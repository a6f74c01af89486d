import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPgDatabase, TEST_DATABASE_URL, TEST_TIMESCALE_URL } from './databases';
import { redisAvailable, startRedis, type TestRedis } from './redis';
import { adminLogin, createIngestKey, startServerProcess, type ServerProcess } from './serverProcess';
import { call } from './testAuth';
import { TwinClient } from './twinClient';

const PG = TEST_TIMESCALE_URL || TEST_DATABASE_URL;
const Y = 'yaguang-xincun';
const ADMIN = { username: 'cluster-admin', password: 'a-long-test-password-1234' };
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

// A production (non-demo) server as a real process, on a fresh database of the real PostgreSQL/TimescaleDB
// server, with a real Redis: what the cluster tests build on.
describe.skipIf(!PG || !redisAvailable())('startServerProcess: a real production server process on PostgreSQL and Redis', () => {
  let redis: TestRedis | undefined;
  let db: { url: string; drop(): Promise<void> } | undefined;
  let srv: ServerProcess | undefined;

  beforeAll(async () => {
    [redis, db] = await Promise.all([startRedis(), freshPgDatabase(PG)]);
    srv = await startServerProcess({
      name: 'A',
      env: {
        DATABASE_URL: db.url,
        REDIS_URL: redis.url,
        SESSION_SECRET: 'serverProcess-test-secret-at-least-32-characters',
        ADMIN_USERNAME: ADMIN.username,
        ADMIN_PASSWORD: ADMIN.password,
        RETENTION_DAYS: '3650',
      },
    });
  });
  afterAll(async () => {
    await srv?.stop();
    await Promise.all([redis?.stop(), db?.drop()]);
  });

  it('when started, then it is healthy on the pg driver, its first admin signs in and a wrong password is refused', async () => {
    const health = await call(srv!.url, '/api/health');
    expect(health.status).toBe(200);
    expect(health.body.db.driver).toBe('pg');
    expect(srv!.logs()).toMatch(/created the first admin account "cluster-admin"/);
    await expect(adminLogin(srv!.url, ADMIN.username, 'wrong-password-123')).rejects.toThrow(/401/);
    const admin = await adminLogin(srv!.url, ADMIN.username, ADMIN.password);
    expect(admin.user.role).toBe('admin');
    expect((await call(srv!.url, '/me', { as: admin })).status).toBe(200);
    expect((await call(srv!.url, '/me')).status).toBe(401);
  });

  it('when an ingest key is made through the admin API, then a reading posted with it is stored and pushed to a signed-in socket', async () => {
    const admin = await adminLogin(srv!.url, ADMIN.username, ADMIN.password);
    const key = await createIngestKey(srv!.url, admin, Y);
    expect(key.compoundId).toBe(Y);
    const client = await new TwinClient(srv!.url, { token: admin.token }).connect();
    try {
      expect((await client.join(Y)).ok).toBe(true);
      const reading = { deviceId: 'yg-b1-em', metric: 'power_kw', ts: Date.now() - 1_000, value: 4.56 };
      const first = await call(srv!.url, '/ingest', { body: { readings: [reading] }, headers: { 'x-api-key': key.key } });
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
      await client.waitFor('reading:batch', (b) => b.readings.some((r: any) => r[0] === 'yg-b1-em' && r[3] === 4.56));
      // stored: the same reading again is a duplicate
      const retry = await call(srv!.url, '/ingest', { body: { readings: [reading] }, headers: { 'x-api-key': key.key } });
      expect(retry.body).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
      // the demo gateway key does not exist on a production database
      expect((await call(srv!.url, '/ingest', { body: { readings: [reading] }, headers: { 'x-api-key': `demo-${Y}` } })).status).toBe(401);
    } finally {
      client.close();
    }
  });

  it('when SIGKILLed, then the server process itself is gone at once, without a graceful shutdown', async () => {
    const { pid, url } = srv!;
    expect(alive(pid)).toBe(true);
    await srv!.kill('SIGKILL');
    expect(alive(pid)).toBe(false);
    expect(srv!.logs()).toMatch(/exited: SIGKILL/);
    expect(srv!.logs()).not.toMatch(/closing/);
    await expect(fetch(`${url}/api/health`)).rejects.toThrow();
  });
});
