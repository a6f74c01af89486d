import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { TestServer } from '../testing/startTestServer';
import type { ClientReport } from './loadClients';
import { percentile, report, sleep } from './report';

const Y = 'yaguang-xincun';

/** Posts one batch, retrying on 503/429 as a gateway would (Retry-After); the readings it got stored. */
async function postUntilStored(srv: TestServer, readings: unknown[]): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const res = await fetch(`${srv.url}/api/v1/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': srv.key(Y) },
      body: JSON.stringify({ readings }),
    });
    const body = (await res.json()) as { accepted?: number; duplicates?: number };
    if (res.status === 200) return (body.accepted ?? 0) + (body.duplicates ?? 0);
    if (res.status !== 503 && res.status !== 429) throw new Error(`load bench: ingest answered ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    await sleep(1000 * Number(res.headers.get('retry-after') ?? 1));
  }
  return 0;
}

function meters(srv: TestServer): string[] {
  return srv.app.twins
    .get(Y)!
    .entry.doc.devices.filter((d) => d.type === 'electric_meter' || d.type === 'public_meter')
    .map((d) => d.id);
}

/** A run's timestamps: one a second from `base`, all at the same random millisecond no other run or bench uses. */
function timeline(daysBack: number): { base: number; ms: number } {
  const ms = 1 + Math.floor(Math.random() * 998);
  return { base: Math.floor(Date.now() / 1000) * 1000 - daysBack * 86_400_000 + ms, ms };
}

/** Readings stored for `ids` at this run's timestamps. */
async function storedBetween(srv: TestServer, ids: string[], from: number, to: number, ms: number): Promise<number> {
  const r = await srv.db.query<{ n: number }>(
    `select count(*)::int as n from readings where metric = 'energy_kwh' and device_id = any($1::text[])
       and ts >= to_timestamp($2 / 1000.0) and ts <= to_timestamp($3 / 1000.0) and round(extract(milliseconds from ts))::int % 1000 = $4`,
    [ids, from, to, ms],
  );
  return r.rows[0].n;
}

/** Client processes holding `total` sockets between them. */
async function startFleet(url: string, token: string, total: number, processes: number): Promise<{ connected: number; report(): Promise<ClientReport[]> }> {
  const children = Array.from({ length: processes }, () =>
    fork(fileURLToPath(new URL('./loadClients.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }),
  );
  const next = <T>(child: ChildProcess, type: string) =>
    new Promise<T>((resolve, reject) => {
      child.on('message', (m: { type: string }) => m.type === type && resolve(m as T));
      child.once('exit', (code) => reject(new Error(`load clients exited (${code})`)));
    });
  const ready = children.map((c, i) => {
    const r = next<{ connected: number }>(c, 'ready');
    c.send({ type: 'start', url, token, compoundId: Y, clients: Math.floor(total / processes) + (i < total % processes ? 1 : 0) });
    return r;
  });
  const connected = (await Promise.all(ready)).reduce((s, r) => s + r.connected, 0);
  return {
    connected,
    async report() {
      const out = children.map((c) => {
        const r = next<{ clients: ClientReport[] }>(c, 'report');
        c.send({ type: 'report' });
        return r;
      });
      return (await Promise.all(out)).flatMap((r) => r.clients);
    },
  };
}

/**
 * `socket_clients_held`: N Socket.IO clients (held in child processes, off the server's event loop) on one
 * compound while ingest runs at `rate` readings/s; a client counts as held when it stayed connected
 * and got every alarm within 1 s. Also `lost_readings` (sent but not stored) and `missed_alarms`.
 */
export async function socketLoadBench(
  srv: TestServer,
  opts: { clients: number; rate: number; seconds: number; alarms: number; processes?: number },
): Promise<void> {
  const { token } = await srv.login('wall');
  const t0 = performance.now();
  const fleet = await startFleet(srv.url, token, opts.clients, opts.processes ?? 1);
  const connected = fleet.connected;
  const connectS = (performance.now() - t0) / 1000;
  // The server's own event-loop delay tells a slow server from slow clients.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();

  const ids = meters(srv);
  // Detectors without an active alarm, so each bench alarm is a new alarm:raised.
  const twin = srv.app.twins.get(Y)!;
  const smoke = twin.entry.doc.devices
    .filter((d) => d.type === 'smoke_detector' && twin.live.states.get(d.id)?.status !== 'alarm')
    .map((d) => d.id)
    .slice(-opts.alarms);
  const { base, ms } = timeline(2);
  const perTick = Math.round(opts.rate / 10);
  const ticks = opts.seconds * 10;
  const alarmEvery = Math.max(1, Math.floor(ticks / opts.alarms));
  const alarmSent = new Map<string, number>();
  const posts: Promise<number>[] = [];
  let k = 0;
  const start = performance.now();
  for (let tick = 0; tick < ticks; tick++) {
    const readings = Array.from({ length: perTick }, () => ({ deviceId: ids[k % ids.length], metric: 'energy_kwh', ts: base + 1000 * k++, value: 0.01 }));
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
  const clients = await fleet.report();

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
  const stored = await storedBetween(srv, ids, base, base + 1000 * k, ms);
  loop.disable();
  report('socket_clients_held', held, 'clients', {
    clients: opts.clients,
    processes: opts.processes ?? 1,
    connected,
    connectS: Math.round(connectS * 10) / 10,
    rate: opts.rate,
    seconds: opts.seconds,
    alarms: alarmSent.size,
    alarmP99Ms: percentile(lat, 99),
    lateAlarms: late,
    serverLoopP99Ms: Math.round(loop.percentile(99) / 1e6),
  });
  report('lost_readings', k - stored, 'readings', { sent: k, stored });
  report('missed_alarms', missed, 'alarms', { deliveriesExpected: opts.clients * alarmSent.size, delivered: lat.length, bench: 'load' });
}

/** `load_ingest_sustained_readings_per_s`: gateways posting back to back for `seconds`, retrying 503/429; every reading must be stored. */
export async function sustainedIngestBench(srv: TestServer, opts: { seconds: number; gateways: number; batch: number }): Promise<void> {
  const ids = meters(srv);
  const { base, ms } = timeline(20);
  let k = 0;
  const until = performance.now() + opts.seconds * 1000;
  const start = performance.now();
  const gateway = async () => {
    while (performance.now() < until) {
      const readings = Array.from({ length: opts.batch }, () => ({ deviceId: ids[k % ids.length], metric: 'energy_kwh', ts: base + 1000 * k++, value: 0.02 }));
      await postUntilStored(srv, readings);
    }
  };
  await Promise.all(Array.from({ length: opts.gateways }, gateway));
  const elapsed = (performance.now() - start) / 1000;
  const stored = await storedBetween(srv, ids, base, base + 1000 * k, ms);
  report('load_ingest_sustained_readings_per_s', stored / elapsed, 'readings/s', {
    seconds: Math.round(elapsed),
    gateways: opts.gateways,
    batch: opts.batch,
    sent: k,
    stored,
  });
  report('load_ingest_lost_readings', k - stored, 'readings', { sent: k, stored });
}
