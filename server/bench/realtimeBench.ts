import type { TestServer } from '../testing/startTestServer';
import { TwinClient } from '../testing/twinClient';
import { processSpan } from './cpuProbe';
import { percentile, report, sleep } from './report';

const Y = 'yaguang-xincun';

/** Ingest at `rate` readings/s while `clients` sockets listen; measures reading and alarm delivery latency. */
export async function realtimeBench(srv: TestServer, opts: { clients: number; rate: number; seconds: number; alarms: number }): Promise<void> {
  const twin = srv.app.twins.get(Y)!;
  const keys: [string, string][] = [];
  for (const d of twin.entry.doc.devices) {
    if (d.type === 'electric_meter' || d.type === 'public_meter') keys.push([d.id, 'power_kw']);
    if (d.type === 'water_meter') keys.push([d.id, 'water_m3']);
  }
  const smoke = twin.entry.doc.devices.filter((d) => d.type === 'smoke_detector').map((d) => d.id);
  // Wall displays of a command centre whose token shows households: the plain feed, every device's deltas
  // (a masked wall gets flats' meters and detectors only as aggregates, which this bench does not match).
  const admin = await srv.login('admin');
  const issued = await fetch(`${srv.url}/api/v1/admin/wall-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...admin.headers },
    body: JSON.stringify({ name: 'bench wall', compounds: [Y], showHouseholds: true }),
  });
  const wallToken = ((await issued.json()) as { token: string }).token;
  const signedIn = await fetch(`${srv.url}/api/v1/auth/wall`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: wallToken }),
  });
  const token = (signedIn.headers.get('set-cookie') ?? '').match(/ct_session=([^;]+)/)?.[1];
  if (!token) throw new Error(`realtime bench: the wall token did not sign in (${signedIn.status})`);
  const clients = await Promise.all(Array.from({ length: opts.clients }, () => new TwinClient(srv.url, { token }).connect()));
  await Promise.all(clients.map((c) => c.join(Y)));

  // Half an hour back: history, yet inside every offline rule's window (meters: 4 × 15 min), so the bench's own
  // backdated readings do not make its meters offline and measure alarm delivery behind that churn.
  const base = Date.now() - 1_800_000;
  const sentAt: number[] = [];
  const readingLat: number[] = [];
  const alarmSent = new Map<string, number>();
  const alarmLat: number[] = [];
  for (const c of clients) {
    c.socket.on('reading:batch', (b) => {
      const now = performance.now();
      for (const t of b.readings) {
        // Timestamps of the bench's own readings carry the index of their send time (values must stay in the metrics' ranges).
        if (t[1] === 'power_kw' || t[1] === 'water_m3') {
          const s = sentAt[t[2] - base];
          if (s !== undefined) readingLat.push(now - s);
        }
      }
    });
    c.socket.on('alarm:raised', (e) => {
      const s = alarmSent.get(e.alarm.deviceId);
      if (s !== undefined) alarmLat.push(performance.now() - s);
    });
  }

  const post = (readings: unknown[]) =>
    fetch(`${srv.url}/api/v1/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': srv.key(Y) },
      body: JSON.stringify({ readings }),
    });
  // Steady state first: one reading from every meter, so the alarms earlier phases left (meters offline since
  // the ingest bench's old readings) return to normal before anything is timed, not during it.
  const warm = keys.map(([deviceId, metric], i) => ({ deviceId, metric, ts: base - keys.length + i, value: 1 }));
  for (let i = 0; i < warm.length; i += 1_000) await post(warm.slice(i, i + 1_000));
  await sleep(1_000);

  const perTick = Math.round(opts.rate / 10);
  const ticks = opts.seconds * 10;
  const alarmEvery = Math.max(1, Math.floor(ticks / opts.alarms));
  let k = 0;
  let alarmsSent = 0;
  const span = processSpan([], { self: 'node (the server, the bench posting readings and its clients, one process)', children: '' });
  const start = performance.now();
  const inflight: Promise<unknown>[] = [];
  for (let tick = 0; tick < ticks; tick++) {
    const readings = [];
    const now = performance.now();
    for (let i = 0; i < perTick; i++, k++) {
      const [deviceId, metric] = keys[k % keys.length];
      sentAt[k] = now;
      readings.push({ deviceId, metric, ts: base + k, value: k % 100 });
    }
    inflight.push(post(readings));
    if (tick % alarmEvery === 0 && alarmsSent < opts.alarms) {
      const deviceId = smoke[alarmsSent++ % smoke.length];
      alarmSent.set(deviceId, performance.now());
      inflight.push(post([{ deviceId, metric: 'smoke', ts: Date.now() - 1000, value: 1 }]));
    }
    const wait = start + (tick + 1) * 100 - performance.now();
    if (wait > 0) await sleep(wait);
  }
  await Promise.all(inflight);
  // The last batches flush; late alarms still count as late, not missed (up to 10 s on a busy machine).
  await sleep(1_000);
  for (const until = performance.now() + 9_000; alarmLat.length < alarmsSent * opts.clients && performance.now() < until;) await sleep(100);
  const usage = span.end();
  for (const c of clients) c.close();
  const expectedAlarmDeliveries = alarmsSent * opts.clients;
  report('e2e_reading_latency_p50_ms', percentile(readingLat, 50), 'ms', { clients: opts.clients, rate: opts.rate, samples: readingLat.length });
  report('e2e_reading_latency_p99_ms', percentile(readingLat, 99), 'ms', { clients: opts.clients, rate: opts.rate, seconds: opts.seconds, ...usage });
  report('e2e_alarm_latency_p99_ms', percentile(alarmLat, 99), 'ms', { alarms: alarmsSent, deliveries: alarmLat.length, limit: usage.limit });
  report('missed_alarms', expectedAlarmDeliveries - alarmLat.length, 'alarms');
}
