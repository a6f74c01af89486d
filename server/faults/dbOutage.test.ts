import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startTestServer, type TestServer } from '../testing/startTestServer';
import { TEST_DATABASE_URL, TEST_TIMESCALE_URL } from '../testing/databases';
import { TwinClient } from '../testing/twinClient';
import { call } from '../testing/testAuth';

// The database server stops and comes back. Its own throwaway cluster, so the other test files'
// PostgreSQL is not disturbed.

const Y = 'yaguang-xincun';
let cluster: { url: string; dir: string; bin: string } | null = null;
let srv: TestServer | null = null;
const clients: TwinClient[] = [];

const asPostgres = (args: string[]): [string, string[]] =>
  process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', ...args]] : [args[0], args.slice(1)];
function pgCtl(action: 'stop' | 'start'): void {
  const { dir, bin, url } = cluster!;
  const port = new URL(url).port;
  const args =
    action === 'stop'
      ? [join(bin, 'pg_ctl'), '-D', join(dir, 'data'), '-m', 'fast', '-w', 'stop']
      : [
          join(bin, 'pg_ctl'),
          '-D',
          join(dir, 'data'),
          '-l',
          join(dir, 'log'),
          '-w',
          '-o',
          `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
          'start',
        ];
  const [cmd, rest] = asPostgres(args);
  execFileSync(cmd, rest, { stdio: 'ignore', timeout: 60_000 });
}

async function cleanUp(): Promise<void> {
  for (const c of clients.splice(0)) c.close();
  await srv?.close().catch(() => undefined);
  srv = null;
  if (cluster) {
    try {
      const [cmd, rest] = asPostgres([join(cluster.bin, 'pg_ctl'), '-D', join(cluster.dir, 'data'), '-m', 'immediate', 'stop']);
      execFileSync(cmd, rest, { stdio: 'ignore' });
    } catch {
      /* already stopped */
    }
    rmSync(cluster.dir, { recursive: true, force: true });
    cluster = null;
  }
}

async function until<T>(what: string, fn: () => Promise<T | null>, ms = 30_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await fn().catch(() => null);
    if (v !== null) return v;
    if (Date.now() - t0 > ms) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

// Plain PostgreSQL, and TimescaleDB preloaded (its scheduler and job workers stop and start with the server).
describe.each([
  { name: 'PostgreSQL', flags: [], url: 'TEST_DATABASE_URL', dir: 'PG_TEST_DIR', timescaledb: false, skip: !TEST_DATABASE_URL },
  { name: 'the TimescaleDB server', flags: ['--timescaledb'], url: 'TEST_TIMESCALE_URL', dir: 'TSDB_TEST_DIR', timescaledb: true, skip: !TEST_TIMESCALE_URL },
])('$name stops and comes back', (v) => {
  afterAll(cleanUp);
  it.skipIf(v.skip)(
    'when the database server stops, then ingest answers 503 with Retry-After and readers get clear errors; when it is back, then everything recovers by itself',
    async () => {
      const out = execFileSync('bash', [join(ROOT, '.ci/start-postgres.sh'), ...v.flags], { encoding: 'utf8', timeout: 120_000 });
      const env = Object.fromEntries([...out.matchAll(/export (\w+)=(\S+)/g)].map((m) => [m[1], m[2]]));
      cluster = { url: env[v.url], dir: env[v.dir], bin: env.PG_TEST_BIN };
      srv = await startTestServer({ databaseUrl: cluster.url });
      expect(srv.db.timescaledb).toBe(v.timescaledb);
      const officer = await srv.login('officer-yaguang');
      const ingest = (deviceId: string, metric: string, value: number) =>
        call(srv!.url, '/ingest', { body: { readings: [{ deviceId, metric, ts: Date.now() - 1_000, value }] }, headers: { 'x-api-key': srv!.key(Y) } });
      expect((await ingest('yg-b1-em', 'power_kw', 1)).status).toBe(200);
      const live = await new TwinClient(srv.url, { token: officer.token }).connect();
      clients.push(live);
      expect((await live.join(Y)).ok).toBe(true);

      pgCtl('stop');
      const down = await ingest('yg-b1-em', 'power_kw', 2);
      expect(down.status).toBe(503);
      expect(Number(down.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(down.body.error).toMatch(/database unavailable/);
      const list = await call(srv.url, `/alarms?compoundId=${Y}`, { as: officer });
      expect(list.status).toBe(503);
      expect(list.body.error).toMatch(/database unavailable, retry later/);
      expect((await call(srv.url, '/api/health')).body).toMatchObject({ status: 'degraded', db: { reachable: false } });
      expect((await call(srv.url, '/auth/login', { body: { username: 'admin', password: 'admin-demo-2026' } })).status).toBe(503);
      // The live picture in memory still answers, and the socket stays up.
      expect((await call(srv.url, `/compounds/${Y}/twin`, { as: officer })).status).toBe(200);
      expect(live.socket.connected).toBe(true);

      pgCtl('start');
      await until('ingest back', async () => ((await ingest('yg-b1-em', 'power_kw', 3)).status === 200 ? true : null));
      expect((await call(srv.url, `/alarms?compoundId=${Y}`, { as: officer })).status).toBe(200);
      expect((await call(srv.url, '/api/health')).body.status).toBe('ok');
      expect((await ingest('yg-b3-u1-f2-smoke', 'smoke', 1)).status).toBe(200);
      await live.waitFor('alarm:raised', (e) => e.alarm.deviceId === 'yg-b3-u1-f2-smoke');
      expect((await call(srv.url, '/auth/login', { body: { username: 'admin', password: 'admin-demo-2026' } })).status).toBe(200);
    },
  );
});
