import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { TestServer } from '../testing/startTestServer';
import type { ClientReport } from './loadClients';
import { processSpan } from './cpuProbe';
import { percentile, report, sleep } from './report';

const Y = 'yaguang-xincun';

/**
 * Posts one batch, retrying on 503/429 as a gateway would (Retry-After). Every reading must be stored (accepted,
 * or a duplicate of a stored one): a refused reading (a 422, or a 200 naming rejected items) fails the bench with
 * the server's reason, so a figure is never lowered by readings the server threw away.
 */
export async function postUntilStored(srv: TestServer, readings: unknown[]): Promise<number> {
  // A gateway keeps retrying while the server sheds load, for up to two minutes.
  const giveUp = performance.now() + 120_000;
  for (;;) {
    const res = await fetch(`${srv.url}/api/v1/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': srv.key(Y) },
      body: JSON.stringify({ readings }),
    });
    const body = (await res.json()) as { accepted?: number; duplicates?: number; rejected?: { index: number; reason: string }[] };
    if (res.status === 503 || res.status === 429) {
      if (performance.now() > giveUp) throw new Error(`load bench: ingest still answered ${res.status} after 2 minutes of retries`);
      await sleep(1000 * Number(res.headers.get('retry-after') ?? 1));
      continue;
    }
    const stored = (body.accepted ?? 0) + (body.duplicates ?? 0);
    if (res.status !== 200 || body.rejected?.length || stored !== readings.length)
      throw new Error(
        `load bench: ingest answered ${res.status}, stored ${stored} of ${readings.length}` +
          (body.rejected?.length ? `; ${body.rejected.length} refused, the first: ${body.rejected[0].reason}` : `: ${JSON.stringify(body).slice(0, 200)}`),
      );
    return stored;
  }
}

function meters(srv: TestServer): string[] {
  return srv.app.twins
    .get(Y)!
    .entry.doc.devices.filter((d) => d.type === 'electric_meter' || d.type === 'public_meter')
    .map((d) => d.id);
}

/**
 * A run's readings: device k mod n at `from` + ⌊k / n⌋ s, so the n devices each report once a second of the
 * run's own timeline, all at one random millisecond no other run or bench uses. The timeline starts `backMs`
 * before now and must never pass the clock (ingest refuses readings from the future, and a bench may not
 * stamp them anyway): a stamp later than a second ago throws rather than be sent.
 */
export function stamps(ids: string[], backMs: number) {
  const ms = 1 + Math.floor(Math.random() * 998);
  const from = Math.floor((Date.now() - backMs) / 1000) * 1000 + ms;
  let k = 0;
  return {
    from,
    ms,
    /** Readings sent so far. */
    get sent() {
      return k;
    },
    /** The latest stamp handed out. */
    get last() {
      return from + 1000 * Math.floor(Math.max(0, k - 1) / ids.length);
    },
    next(): { deviceId: string; ts: number } {
      const ts = from + 1000 * Math.floor(k / ids.length);
      if (ts > Date.now() - 1_000)
        throw new Error(
          `load bench: reading ${k} would be stamped ${new Date(ts).toISOString()}, not in the past: ${ids.length} devices give ` +
            `${ids.length} readings a second of a timeline starting ${Math.round(backMs / 60_000)} min back; start further back`,
        );
      return { deviceId: ids[k++ % ids.length], ts };
    },
  };
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
async function startFleet(
  url: string,
  token: string,
  total: number,
  processes: number,
): Promise<{ pids: number[]; connect(): Promise<number>; report(): Promise<{ clients: ClientReport[]; loopP99Ms: number[] }> }> {
  const children = Array.from({ length: processes }, () =>
    fork(fileURLToPath(new URL('./loadClients.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }),
  );
  const next = <T>(child: ChildProcess, type: string) =>
    new Promise<T>((resolve, reject) => {
      child.on('message', (m: { type: string }) => m.type === type && resolve(m as T));
      child.once('exit', (code) => reject(new Error(`load clients exited (${code})`)));
    });
  await Promise.all(children.map((c) => next(c, 'up')));
  return {
    pids: children.map((c) => c.pid!),
    async connect() {
      const ready = children.map((c, i) => {
        const r = next<{ connected: number }>(c, 'ready');
        c.send({ type: 'start', url, token, compoundId: Y, clients: Math.floor(total / processes) + (i < total % processes ? 1 : 0) });
        return r;
      });
      return (await Promise.all(ready)).reduce((s, r) => s + r.connected, 0);
    },
    async report() {
      const out = children.map((c) => {
        const r = next<{ clients: ClientReport[]; loopP99Ms: number }>(c, 'report');
        c.send({ type: 'report' });
        return r;
      });
      const all = await Promise.all(out);
      return { clients: all.flatMap((r) => r.clients), loopP99Ms: all.map((r) => r.loopP99Ms) };
    },
  };
}

/**
 * `socket_clients_held`: N Socket.IO clients (held in child processes, off the server's event loop) on one
 * compound while ingest runs at `rate` readings/s; a client counts as held when it stayed connected, got
 * reading batches and got every alarm within 1 s. Also `lost_readings` (sent but not stored), `missed_alarms`
 * and `load_alarm_latency_p99_ms`, each line with what bounded it: the CPU the server process (with the bench's
 * ingest driver) and the client processes used, and their event-loop delays.
 */
export async function socketLoadBench(
  srv: TestServer,
  opts: { clients: number; rate: number; seconds: number; alarms: number; processes?: number },
): Promise<void> {
  const processes = opts.processes ?? 1;
  const ids = meters(srv);
  // Detectors without an active alarm, so each bench alarm is a new alarm:raised.
  const twin = srv.app.twins.get(Y)!;
  const smoke = twin.entry.doc.devices
    .filter((d) => d.type === 'smoke_detector' && twin.live.states.get(d.id)?.status !== 'alarm')
    .map((d) => d.id)
    .slice(-opts.alarms);
  // Meter readings of the last minutes (inside the meters' offline windows), so the only alarms the clients get
  // during the run are the bench's own, not offline churn that backdated readings would cause; one reading per
  // meter first, before any client is there, brings every meter online.
  const at = stamps(ids, 20 * 60_000);
  for (let i = 0; i < ids.length; i += 1_000)
    await postUntilStored(
      srv,
      ids.slice(i, i + 1_000).map((deviceId) => ({ deviceId, metric: 'energy_kwh', ts: at.from - 1_000, value: 0.01 })),
    );
  await sleep(200);

  const { token } = await srv.login('wall');
  const fleet = await startFleet(srv.url, token, opts.clients, processes);
  const names = { self: 'server process (with the bench driving ingest)', children: 'client processes' };
  const connectSpan = processSpan(fleet.pids, names);
  const t0 = performance.now();
  const connected = await fleet.connect();
  const connectS = (performance.now() - t0) / 1000;
  const connectUsage = connectSpan.end();

  // The server's own event-loop delay tells a slow server from slow clients.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const span = processSpan(fleet.pids, names);
  const perTick = Math.round(opts.rate / 10);
  const ticks = opts.seconds * 10;
  const alarmEvery = Math.max(1, Math.floor(ticks / opts.alarms));
  const alarmSent = new Map<string, number>();
  const posts: Promise<number>[] = [];
  const start = performance.now();
  for (let tick = 0; tick < ticks; tick++) {
    const readings = Array.from({ length: perTick }, () => ({ ...at.next(), metric: 'energy_kwh', value: 0.01 }));
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
  await sleep(1_000);
  const usage = span.end();
  loop.disable();
  const serverLoopP99Ms = Math.round(loop.percentile(99) / 1e6);
  const { clients, loopP99Ms: clientLoopP99Ms } = await fleet.report();

  const lat: number[] = [];
  let missed = 0;
  let late = 0;
  let held = 0;
  let silent = 0;
  for (const c of clients) {
    let ok = c.held;
    if (c.readings === 0) {
      silent++;
      ok = false;
    }
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
  const stored = await storedBetween(srv, ids, at.from, at.last, at.ms);
  const loops = { serverLoopP99Ms, clientLoopP99Ms };
  // CPU per message delivered to one socket (the run's events over all clients): what fan-out costs either side
  // (the server's share includes the bench's own ingest posts), which holds when the machine is shared, and how
  // many clients one free core would serve at this run's messages per client per second of its schedule.
  const deliveries = clients.reduce((s, c) => s + c.events, 0);
  const perClientPerS = deliveries / Math.max(1, clients.length) / opts.seconds;
  const us = (cpuS: number) => Math.round((cpuS * 1e6) / Math.max(1, deliveries));
  const fanout = {
    deliveries,
    deliveriesPerClientPerS: Math.round(perClientPerS * 10) / 10,
    serverCpuUsPerDelivery: us(usage.cpu.self_cpu_s),
    clientCpuUsPerDelivery: us(usage.cpu.children_cpu_s ?? 0),
    clientsPerFreeServerCore: Math.round(1e6 / Math.max(1, us(usage.cpu.self_cpu_s)) / Math.max(0.1, perClientPerS)),
  };
  report('socket_clients_held', held, 'clients', {
    clients: opts.clients,
    processes,
    connected,
    connectS: Math.round(connectS * 10) / 10,
    connect: connectUsage,
    rate: opts.rate,
    seconds: opts.seconds,
    alarms: alarmSent.size,
    lateAlarms: late,
    withoutReadings: silent,
    ...loops,
    ...fanout,
    ...usage,
  });
  report('load_alarm_latency_p99_ms', percentile(lat, 99), 'ms', {
    clients: opts.clients,
    alarms: alarmSent.size,
    deliveries: lat.length,
    p50: percentile(lat, 50),
    ...loops,
    limit: usage.limit,
  });
  report('lost_readings', at.sent - stored, 'readings', { sent: at.sent, stored });
  report('missed_alarms', missed, 'alarms', { deliveriesExpected: opts.clients * alarmSent.size, delivered: lat.length, bench: 'load' });
}

/**
 * `load_ingest_sustained_readings_per_s`: gateways posting back to back for `seconds`, retrying 503/429; every
 * reading must be stored, and one refused batch stops the run with the server's reason. The readings are stamped
 * per meter, a second apart, on a timeline starting 20 days back (the meters' history; 499 meters give 43 M
 * readings before it could reach the clock).
 */
export async function sustainedIngestBench(srv: TestServer, opts: { seconds: number; gateways: number; batch: number }): Promise<void> {
  const ids = meters(srv);
  const at = stamps(ids, 20 * 86_400_000);
  const until = performance.now() + opts.seconds * 1000;
  const start = performance.now();
  const span = processSpan([], { self: 'node (the gateways and the server with its database in one process)', children: '' });
  let failed = false;
  const gateway = async () => {
    while (!failed && performance.now() < until) {
      const readings = Array.from({ length: opts.batch }, () => ({ ...at.next(), metric: 'energy_kwh', value: 0.02 }));
      await postUntilStored(srv, readings).catch((err: unknown) => {
        failed = true;
        throw err;
      });
    }
  };
  await Promise.all(Array.from({ length: opts.gateways }, gateway));
  const elapsed = (performance.now() - start) / 1000;
  const usage = span.end();
  const stored = await storedBetween(srv, ids, at.from, at.last, at.ms);
  report('load_ingest_sustained_readings_per_s', stored / elapsed, 'readings/s', {
    seconds: Math.round(elapsed),
    gateways: opts.gateways,
    batch: opts.batch,
    sent: at.sent,
    stored,
    timeline: `${new Date(at.from).toISOString()} to ${new Date(at.last).toISOString()}, ${ids.length} meters`,
    ...usage,
  });
  report('load_ingest_lost_readings', at.sent - stored, 'readings', { sent: at.sent, stored });
}
