// Child process for the load bench: holds N Socket.IO clients on the second core and reports what
// each one received. Messages: in {type:'start', url, token, compoundId, clients} / {type:'report'};
// out {type:'up'} once loaded, {type:'ready', connected} / {type:'report', clients: ClientReport[], loopP99Ms}: loopP99Ms is this process's
// event-loop delay after ready, which tells late deliveries caused by busy clients from those caused by the server.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';

export interface ClientReport {
  /** Still connected at the end, never dropped in between. */
  held: boolean;
  /** deviceId → epoch ms the alarm:raised arrived. */
  alarms: Record<string, number>;
  readings: number;
  /** Events received after this process's clients were all connected (the run's deliveries). */
  events: number;
}

type Start = { type: 'start'; url: string; token: string; compoundId: string; clients: number };

const sockets: { s: Socket; report: ClientReport }[] = [];
const loop = monitorEventLoopDelay({ resolution: 10 });

async function start(m: Start): Promise<number> {
  const one = (): Promise<void> =>
    new Promise((resolve) => {
      const s = io(`${m.url}/twin`, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token: m.token } });
      const report: ClientReport = { held: false, alarms: {}, readings: 0, events: 0 };
      s.onAny(() => report.events++);
      s.on('alarm:raised', (e: { alarm: { deviceId: string } }) => {
        report.alarms[e.alarm.deviceId] ??= Date.now();
      });
      s.on('reading:batch', (b: { readings: unknown[] }) => {
        report.readings += b.readings.length;
      });
      s.once('connect', () => {
        s.timeout(30_000).emit('compound:join', { compoundId: m.compoundId }, (err: Error | null, r: { ok: boolean }) => {
          report.held = !err && r?.ok === true;
          sockets.push({ s, report });
          resolve();
        });
      });
      s.once('disconnect', () => (report.held = false));
      s.once('connect_error', () => resolve());
    });
  // Connect in waves so the handshakes do not all queue at once.
  for (let i = 0; i < m.clients; i += 50) await Promise.all(Array.from({ length: Math.min(50, m.clients - i) }, one));
  return sockets.filter((x) => x.report.held).length;
}

process.send!({ type: 'up' });
process.on('message', (m: Start | { type: 'report' }) => {
  if (m.type === 'start') {
    void start(m).then((connected) => {
      for (const { report } of sockets) report.events = 0;
      loop.enable();
      process.send!({ type: 'ready', connected });
    });
  } else if (m.type === 'report') {
    const clients = sockets.map(({ s, report }) => ({ ...report, held: report.held && s.connected }));
    for (const { s } of sockets) s.close();
    loop.disable();
    process.send!({ type: 'report', clients, loopP99Ms: Math.round(loop.percentile(99) / 1e6) }, () => process.exit(0));
  }
});
