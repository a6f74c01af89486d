import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestServer } from '../testing/startTestServer';
import type { ClientReport } from './loadClients';
import { percentile, report, sleep } from './report';

const Y = 'yaguang-xincun';

/** Posts one batch, retrying on 503/429 as a gateway would (Retry-After); the readings it got stored. */
async function postUntilStored(srv: TestServer, readings: unknown[]): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const res = await fetch(`${srv.url}/api/v1/ingest`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': srv.key(Y) }, body: JSON.stringify({ readings }) });
    const body = (await res.json()) as { accepted?: number; duplicates?: number };
    if (res.status === 200) return (body.accepted ?? 0) + (body.duplicates ?? 0);
    if (res.status !== 503 && res.status !== 429) throw new Error(`load bench: ingest answered ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    await sleep(1000 * Number(res.headers.get('retry-after') ?? 1));
  }
  return 0;
}

function meters(srv: TestServer): string[] {
  return srv.app.twins.get(Y)!.entry.doc.devices.filter((d) => d.type === 'electric_meter' || d.type === 'public_meter').map((d) => d.id);
}

/** Readings stored for `ids` at exactly the bench's timestamps (base + k ms, an odd ms offset no other bench uses). */
async function storedBetween(srv: TestServer, ids: string[], from: number, to: number): Promise<number> {
  const r = await srv.db.query<{ n: number }>(`select count(*)::int as n from readings where metric = 'energy_kwh' and device_id = any($1::text[]) and ts >= to_timestamp($2 / 1000.0) and ts <= to_timestamp($3 / 1000.0)`, [ids, from, to]);
  return r.rows[0].n;
}

/**
 * `socket_clients_held`: N Socket.IO clients (held in a child process, on the other core) on one
 * compound while ingest runs at `rate` readings/s; a client counts as held when it stayed connected
 * and got every alarm within 1 s. Also `lost_readings` (sent but not stored) and `missed_alarms`.
 */
export async function socketLoadBench(srv: TestServer, opts: { clients: number; rate: number; seconds: number; alarms: number }): Promise<void> {
  const child = fork(fileURLToPath(new URL('./loadClients.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const next = <T>(type: string) => new Promise<T>((resolve, reject) => {
    child.on('message', (m: { type: string }) => m.type === type && resolve(m as T));
    child.once('exit', (code) => reject(new Error(`load clients exited (${code})`)));
  });
  const { token } = await srv.login('wall');
  const t0 = performance.now();
  const ready = next<{ connected: number }>('ready');
  child.send({ type: 'start', url: srv.url, token, compoundId: Y, clients: opts.clients });
  const { connected } = await ready;
  const connectS = (performance.now() - t0) / 1000;

  const ids = meters(srv);
  const smoke = srv.app.twins.get(Y)!.entry.doc.devices.filter((d) => d.type === 'smoke_detector').map((d) => d.id).slice(-opts.alarms);
  const base = Math.floor(Date.now() / 1000) * 1000 - 7_200_000 + 7;
  const perTick = Math.round(opts.rate / 10);
  const ticks = opts.seconds * 10;
  const alarmEvery = Math.max(1, Math.floor(ticks / opts.alarms));
  const alarmSent = new Map<string, number>();
  const posts: Promise<number>[] = [];
  let k = 0;
  const start = performance.now();
  for (let tick = 0; tick < ticks; tick++) {
    const readings = Array.from({ length: perTick }, () => ({ deviceId: ids[k % ids.length], metric: 'energy_kwh', ts: base + k++, value: 0.01 }));
    posts.push(postUntilStored(srv, readings));
    if (tick % alarmEvery === 0 && alarmSent.size < smoke.length) {
      const deviceId = smoke[alarmSent.size];
      alarmSent.set(deviceId, Date.now());
      posts.push(postUntilStored(srv, [{ deviceId, metric: 'smoke', ts: Date.now() - 1_000, value: 1 }]));
    }
    const wait = start + (tick + 1) * 100 - performance.now();
    if (wait > 0) await sleep(wait);
  }
  await Promise.all(posts);
  await sleep(1_200);
  const reported = next<{ clients: ClientReport[] }>('report');
  child.send({ type: 'report' });
  const { clients } = await reported;

  const lat: number[] = [];
  let missed = 0;
  let late = 0;
  let held = 0;
  for (const c of clients) {
    let ok = c.held;
    for (const [deviceId, sent] of alarmSent) {
      const got = c.alarms[deviceId];
      if (got === undefined) {
        missed++;
        ok = false;
      } else {
        lat.push(got - sent);
        if (got - sent > 1_000) {
          late++;
          ok = false;
        }
      }
    }
    if (ok) held++;
  }
  missed += (opts.clients - clients.length) * alarmSent.size;
  const stored = await storedBetween(srv, ids, base, base + k - 1);
  report('socket_clients_held', held, 'clients', { clients: opts.clients, connected, connectS: Math.round(connectS * 10) / 10, rate: opts.rate, seconds: opts.seconds, alarms: alarmSent.size, alarmP99Ms: percentile(lat, 99), lateAlarms: late });
  report('lost_readings', k - stored, 'readings', { sent: k, stored });
  report('missed_alarms', missed, 'alarms', { deliveriesExpected: opts.clients * alarmSent.size, delivered: lat.length, bench: 'load' });
}

/** `load_ingest_sustained_readings_per_s`: gateways posting back to back for `seconds`, retrying 503/429; every reading must be stored. */
export async function sustainedIngestBench(srv: TestServer, opts: { seconds: number; gateways: number; batch: number }): Promise<void> {
  const ids = meters(srv);
  const base = Math.floor(Date.now() / 1000) * 1000 - 10 * 86_400_000 + 3;
  let k = 0;
  const until = performance.now() + opts.seconds * 1000;
  const start = performance.now();
  const gateway = async () => {
    while (performance.now() < until) {
      const readings = Array.from({ length: opts.batch }, () => ({ deviceId: ids[k % ids.length], metric: 'energy_kwh', ts: base + k++, value: 0.02 }));
      await postUntilStored(srv, readings);
    }
  };
  await Promise.all(Array.from({ length: opts.gateways }, gateway));
  const elapsed = (performance.now() - start) / 1000;
  const stored = await storedBetween(srv, ids, base, base + k - 1);
  report('load_ingest_sustained_readings_per_s', stored / elapsed, 'readings/s', { seconds: Math.round(elapsed), gateways: opts.gateways, batch: opts.batch, sent: k, stored });
  report('load_ingest_lost_readings', k - stored, 'readings', { sent: k, stored });
}
