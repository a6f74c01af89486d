// Cluster figures (README "Scale"): two real server processes on one Redis and one PostgreSQL/TimescaleDB server.
// cluster_alarm_latency_p99_ms: a reading posted to process A until the alarm it raises reaches a client on B.
// failover_s: the compound's owner killed with SIGKILL until a new reading's alarm reaches a client again.
// Needs BENCH_DATABASE_URL (or TEST_TIMESCALE_URL / TEST_DATABASE_URL) and redis-server; reported as skipped without.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import pg from 'pg';
import type { Device } from '../../models';
import { freshDatabaseOn } from '../testing/freshDatabase';
import { redisAvailable, startRedis } from '../testing/redis';
import { adminLogin, createIngestKey, startServerProcess, type ServerProcess } from '../testing/serverProcess';
import { ROOT } from '../testing/startTestServer';
import { TwinClient } from '../testing/twinClient';
import { percentile, report, sleep } from './report';
import { leaseHolderPid } from '../cluster/leases';

const Y = 'yaguang-xincun';

export async function clusterBench(baseUrl: string | undefined, o: { alarms: number; step: (s: string) => void }): Promise<void> {
  if (!baseUrl || !redisAvailable()) {
    report('cluster_figures', 0, 'figures', {
      skipped: `${!baseUrl ? 'no PostgreSQL server (BENCH_DATABASE_URL)' : 'no redis-server'}: cluster_alarm_latency_p99_ms and failover_s were not measured`,
    });
    return;
  }
  const smoke = (JSON.parse(readFileSync(join(ROOT, 'data/compounds/yaguang-xincun.json'), 'utf8')) as { devices: Device[] }).devices
    .filter((d) => d.type === 'smoke_detector')
    .map((d) => d.id);
  const redis = await startRedis();
  const database = await freshDatabaseOn(baseUrl, 'bench_cluster_');
  const sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  const procs: ServerProcess[] = [];
  const clients: TwinClient[] = [];
  try {
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      SESSION_SECRET: 'cluster-bench-secret-of-at-least-thirty-two-chars',
      ADMIN_USERNAME: 'admin',
      ADMIN_PASSWORD: 'cluster-bench-password-2026',
      CLUSTER_LEASE_POLL_MS: '500',
      CLUSTER_HEARTBEAT_TTL_MS: '2000',
    };
    for (const name of ['A', 'B']) procs.push(await startServerProcess({ name, env }));
    const [a, b] = procs;
    const auth = await adminLogin(a.url, 'admin', env.ADMIN_PASSWORD);
    const key = await createIngestKey(a.url, auth, Y, 'cluster bench');
    const ownerPid = () => leaseHolderPid(sql, Y);
    // until both processes share the compounds (B counted by A)
    for (let i = 0; i < 100 && (await ownerPid()) === null; i++) await sleep(100);
    await sleep(2_000);
    let n = 0;
    const post = (p: ServerProcess) => {
      const device = smoke[n++ % smoke.length];
      return {
        device,
        res: fetch(`${p.url}/api/v1/ingest`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': key.key },
          body: JSON.stringify({ readings: [{ deviceId: device, metric: 'smoke', ts: Date.now(), value: 1 }] }),
        }),
      };
    };
    o.step('cluster: alarm latency A → B');
    const onB = await new TwinClient(b.url, { token: (await adminLogin(b.url, 'admin', env.ADMIN_PASSWORD)).token }).connect();
    clients.push(onB);
    await onB.join(Y);
    const lat: number[] = [];
    for (let i = 0; i < o.alarms; i++) {
      const t0 = performance.now();
      const { device, res } = post(a);
      if ((await res).status !== 200) throw new Error(`cluster bench: ingest on A answered ${(await res).status}`);
      await onB.waitFor('alarm:raised', (p: { alarm: { deviceId: string } }) => p.alarm.deviceId === device, 10_000);
      lat.push(performance.now() - t0);
      await sleep(20);
    }
    const owner = await ownerPid();
    report('cluster_alarm_latency_p99_ms', percentile(lat, 99), 'ms', {
      p50: Math.round(percentile(lat, 50)),
      alarms: lat.length,
      path: 'POST /ingest on A (stored, queued on the Redis stream) → owner evaluates → event stream → client on B',
      owner: owner === a.pid ? 'A' : owner === b.pid ? 'B' : 'unknown',
      load: loadavg()[0].toFixed(2),
    });

    o.step('cluster: failover');
    const victim = procs.find((p) => p.pid === owner);
    if (!victim) throw new Error('cluster bench: no process holds the lease of ' + Y);
    const survivor = victim === a ? b : a;
    const watcher = victim === b ? await new TwinClient(a.url, { token: auth.token }).connect() : onB;
    if (watcher !== onB) {
      clients.push(watcher);
      await watcher.join(Y);
    }
    await victim.kill('SIGKILL');
    const killed = performance.now();
    let flowing = 0;
    while (!flowing && performance.now() - killed < 30_000) {
      const { device, res } = post(survivor);
      if ((await res).status === 200) {
        const hit = await watcher
          .waitFor('alarm:raised', (p: { alarm: { deviceId: string } }) => p.alarm.deviceId === device, 250)
          .then(
            () => true,
            () => false,
          );
        if (hit) flowing = performance.now();
      }
    }
    report('failover_s', flowing ? (flowing - killed) / 1000 : NaN, 's', {
      lease: 'PostgreSQL advisory lock per compound; polled every 500 ms here (CLUSTER_LEASE_POLL_MS)',
      measured: 'owner SIGKILLed → a new reading posted to the survivor raises an alarm that reaches its client',
      load: loadavg()[0].toFixed(2),
    });
  } finally {
    for (const c of clients) c.close();
    for (const p of procs) await p.stop().catch(() => undefined);
    await sql.end().catch(() => undefined);
    await database.drop().catch(() => undefined);
    await redis.stop();
  }
}
