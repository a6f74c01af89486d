import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { TWIN_NAMESPACE } from '../../models/events';
import { liveStore } from '../stores/liveStore';
import { useOpsStore } from '../stores/useOpsStore';
import { startLiveFeed } from './startLiveFeed';

// A scripted Socket.IO peer standing in for the server's /twin namespace: the test drives exactly
// which seqs arrive, so gap handling and reconnection can be checked without timing luck.
interface Peer {
  url: string;
  io: Server;
  http: HttpServer;
  joins: { compoundId: string; sinceSeq?: number }[];
  seq: number;
}

async function startPeer(): Promise<Peer> {
  const http = createServer();
  const io = new Server(http);
  const peer: Peer = { url: '', io, http, joins: [], seq: 100 };
  io.of(TWIN_NAMESPACE).on('connection', (socket) => {
    socket.on('compound:join', (req, ack) => {
      peer.joins.push(req);
      socket.join('room');
      if (req.sinceSeq === undefined) {
        socket.emit('twin:snapshot', { compoundId: req.compoundId, seq: peer.seq, at: Date.now(), devices: [{ deviceId: 'd1', status: 'online', lastSeen: 1, values: { v: 1 } }], alarms: [], workOrders: [], kpis: null });
        ack({ ok: true, data: { compoundId: req.compoundId, seq: peer.seq, mode: 'snapshot', replayed: 0 } });
      } else ack({ ok: true, data: { compoundId: req.compoundId, seq: peer.seq, mode: 'replay', replayed: 0 } });
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  peer.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return peer;
}

const until = async (cond: () => boolean, ms = 3000) => {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('startLiveFeed', () => {
  let stop: (() => void) | null = null;
  let peer: Peer | null = null;
  afterEach(async () => {
    stop?.();
    await new Promise<void>((r) => (peer ? peer.io.close(() => r()) : r()));
    useOpsStore.getState().reset();
  });

  it('when joined, then the snapshot fills the stores and the link reads live', async () => {
    peer = await startPeer();
    stop = startLiveFeed('c1', { url: peer.url });
    await until(() => useOpsStore.getState().connection === 'live');
    expect(liveStore.getState().devices.get('d1')?.values.v).toBe(1);
    expect(peer.joins[0]).toEqual({ compoundId: 'c1' });
  });

  it('when deltas arrive in order, then readings apply; when one is skipped, then it re-joins with sinceSeq', async () => {
    peer = await startPeer();
    stop = startLiveFeed('c1', { url: peer.url });
    await until(() => useOpsStore.getState().connection === 'live');
    const nsp = peer.io.of(TWIN_NAMESPACE).to('room');
    nsp.emit('reading:batch', { seq: 101, readings: [['d1', 'v', 2, 7]] });
    await until(() => liveStore.getState().devices.get('d1')?.values.v === 7);
    peer.seq = 103;
    nsp.emit('reading:batch', { seq: 103, readings: [['d1', 'v', 3, 9]] });
    await until(() => peer!.joins.length === 2);
    expect(peer.joins[1]).toEqual({ compoundId: 'c1', sinceSeq: 101 });
    // the gap's delta was not applied out of order
    expect(liveStore.getState().devices.get('d1')?.values.v).toBe(7);
    nsp.emit('reading:batch', { seq: 104, readings: [['d1', 'v', 4, 11]] });
    await until(() => liveStore.getState().devices.get('d1')?.values.v === 11);
  });

  it('when the server goes away, then the link reads reconnecting, then stale, and it stays stale while retries fail', async () => {
    peer = await startPeer();
    stop = startLiveFeed('c1', { url: peer.url, staleAfterMs: 300 });
    await until(() => useOpsStore.getState().connection === 'live');
    peer.io.close();
    await until(() => useOpsStore.getState().connection === 'reconnecting');
    await until(() => useOpsStore.getState().connection === 'stale', 3000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(useOpsStore.getState().connection).toBe('stale');
    peer = null;
  });
});
