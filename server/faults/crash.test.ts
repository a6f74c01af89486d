import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshPgDatabase, TEST_DATABASE_URL, TEST_TIMESCALE_URL } from '../testing/databases';
import { spawnServer, type SpawnedServer } from '../testing/spawnServer';
import { call, type TestAuth } from '../testing/testAuth';

// `kill -9` of the server process: everything the server acknowledged (200/201) must be there after a restart.

const Y = 'yaguang-xincun';
const BATCH = 500;
const tmp = mkdtempSync(join(tmpdir(), 'ct-crash-'));
const running: SpawnedServer[] = [];
afterAll(async () => {
  for (const s of running) await s.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
});

async function start(env: Record<string, string>): Promise<SpawnedServer> {
  const s = await spawnServer(env);
  running.push(s);
  return s;
}

async function signIn(url: string, username: string, password: string): Promise<TestAuth> {
  const r = await call(url, '/auth/login', { body: { username, password } });
  expect(r.status).toBe(200);
  const cookie = r.headers.get('set-cookie')!.split(';')[0];
  return { user: r.body.user, token: cookie.slice('ct_session='.length), cookie, headers: { cookie } };
}

interface Setup {
  env: Record<string, string>;
  user: [string, string];
  /** The ingest key to use (created through the admin API when not given). */
  key?: string;
  /** What health must report about TimescaleDB (a silent fallback to plain tables fails the test). */
  timescaledb?: boolean;
}

async function crashAndRecover(s: Setup): Promise<void> {
  const first = await start(s.env);
  if (s.timescaledb !== undefined) expect((await call(first.url, '/api/health')).body.db).toMatchObject({ timescaledb: s.timescaledb });
  const me = await signIn(first.url, ...s.user);
  const key = s.key ?? (await call(first.url, '/admin/keys', { as: me, body: { compoundId: Y, name: 'crash test' } })).body.key;
  const base = Date.now() - 2 * 3_600_000;
  const batch = (b: number) =>
    Array.from({ length: BATCH }, (_, i) => ({ deviceId: 'yg-b1-em', metric: 'energy_kwh', ts: base + (b * BATCH + i) * 1000, value: 0.01 }));

  // What the server acknowledged before it died.
  await call(first.url, '/ingest', {
    body: { readings: [{ deviceId: 'yg-b2-u1-f3-smoke', metric: 'smoke', ts: Date.now() - 5_000, value: 1 }] },
    headers: { 'x-api-key': key },
  });
  const [alarm] = (await call(first.url, '/alarms?deviceId=yg-b2-u1-f3-smoke&state=active', { as: me })).body;
  expect((await call(first.url, `/alarms/${alarm.id}/ack`, { as: me, body: { comment: '值班员已确认' } })).status).toBe(200);
  const wo = await call(first.url, '/work-orders', { as: me, body: { compoundId: Y, alarmId: alarm.id, category: 'security' } });
  expect(wo.status).toBe(201);

  // Ingest keeps going, batches in flight, and the process is killed after the 8th acknowledgement.
  const acked: number[] = [];
  let killed: Promise<unknown> | null = null;
  const inflight = Array.from({ length: 16 }, (_, b) =>
    call(first.url, '/ingest', { body: { readings: batch(b) }, headers: { 'x-api-key': key } }).then(
      (r) => {
        if (r.status === 200 && r.body.accepted === BATCH && !killed) acked.push(b);
        if (acked.length === 8 && !killed) killed = first.kill('SIGKILL');
      },
      () => undefined,
    ),
  );
  await Promise.all(inflight);
  expect(await (killed ?? first.kill('SIGKILL'))).toBe('SIGKILL');
  expect(acked.length).toBeGreaterThanOrEqual(8);

  const second = await start(s.env);
  try {
    const me2 = await signIn(second.url, ...s.user);
    for (const b of acked) {
      const from = base + b * BATCH * 1000;
      const r = await call(second.url, `/devices/yg-b1-em/series?metric=energy_kwh&bucket=raw&from=${from}&to=${from + BATCH * 1000 - 1}`, { as: me2 });
      expect(r.body.points.length, `acknowledged batch ${b}`).toBe(BATCH);
    }
    const a = (await call(second.url, `/alarms/${alarm.id}`, { as: me2 })).body;
    expect(a).toMatchObject({ acknowledged: true, ackComment: '值班员已确认', active: true });
    const w = (await call(second.url, `/work-orders/${wo.body.id}`, { as: me2 })).body;
    expect(w).toMatchObject({ id: wo.body.id, alarmId: alarm.id, status: 'open' });
    // A retried batch after the crash stores nothing twice.
    const retry = await call(second.url, '/ingest', { body: { readings: batch(acked[0]) }, headers: { 'x-api-key': key } });
    expect(retry.body).toMatchObject({ accepted: 0, duplicates: BATCH });
  } finally {
    await second.kill('SIGTERM');
  }
}

describe('kill -9 of the server', () => {
  it('when the server on the embedded database is killed mid-ingest, then every acknowledged reading, alarm action and work order survives the restart', async () => {
    await crashAndRecover({ env: { DATA_DIR: join(tmp, 'embedded') }, user: ['officer-yaguang', 'officer-demo-2026'], key: `demo-${Y}` });
  });

  it.for([
    { name: 'PostgreSQL', server: TEST_DATABASE_URL, timescaledb: false },
    { name: 'the TimescaleDB server', server: TEST_TIMESCALE_URL, timescaledb: true },
  ])(
    'when the server on $name is killed mid-ingest, then every acknowledged reading, alarm action and work order survives the restart',
    async ({ server, timescaledb }, { skip }) => {
      if (!server) skip('no test database server URL (see server/testing/databases.ts)');
      const pg = await freshPgDatabase(server);
      try {
        const env = {
          DATABASE_URL: pg.url,
          SESSION_SECRET: 'crash-test-secret-0123456789abcdefghij',
          ADMIN_USERNAME: 'root',
          ADMIN_PASSWORD: 'crash-test-admin-pw',
        };
        await crashAndRecover({ env, user: ['root', 'crash-test-admin-pw'], timescaledb });
      } finally {
        await pg.drop();
      }
    },
  );
});
