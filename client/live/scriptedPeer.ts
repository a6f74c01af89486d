// Test helper: a scripted Socket.IO peer standing in for the server's /twin namespace. The test drives
// exactly which seqs arrive, when the handshake is refused and when the server goes away, so gap
// handling and reconnection can be checked without timing luck.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { TWIN_NAMESPACE } from '../../models/events';

export interface PeerOptions {
  /** Listen here (a restart on the same port); any free port by default. */
  port?: number;
  /** The room's seq now (a restarted server starts at another one). */
  seq?: number;
  /** The value of d1's `v` in the snapshot. */
  value?: number;
  /** Whether a re-join with sinceSeq gets the missed deltas (none here) or, like a restarted server, a snapshot. */
  replay?: boolean;
}

export interface Peer {
  url: string;
  port: number;
  io: Server;
  http: HttpServer;
  joins: { compoundId: string; sinceSeq?: number }[];
  /** Handshakes tried, refused ones included. */
  handshakes: number;
  /** The next this many handshakes are refused with `refuseWith`. */
  refuse: number;
  refuseWith: string;
  seq: number;
  /** Sends a delta to every joined socket. */
  emit(event: string, body: Record<string, unknown>): void;
  /** A graceful shutdown as the app does it: sockets disconnected by the server, then everything closed. */
  shutdown(): Promise<void>;
}

export async function startPeer(opts: PeerOptions = {}): Promise<Peer> {
  const http = createServer();
  const io = new Server(http);
  const nsp = io.of(TWIN_NAMESPACE);
  const peer: Peer = {
    url: '',
    port: 0,
    io,
    http,
    joins: [],
    handshakes: 0,
    refuse: 0,
    refuseWith: 'unavailable: cannot check credentials now',
    seq: opts.seq ?? 100,
    emit: (event, body) => void nsp.to('room').emit(event, body),
    async shutdown() {
      nsp.disconnectSockets(true);
      await new Promise<void>((r) => void io.close(() => r()));
    },
  };
  nsp.use((_socket, next) => {
    peer.handshakes++;
    if (peer.refuse > 0) {
      peer.refuse--;
      return next(new Error(peer.refuseWith));
    }
    next();
  });
  nsp.on('connection', (socket) => {
    socket.on('compound:join', (req: { compoundId: string; sinceSeq?: number }, ack: (r: unknown) => void) => {
      peer.joins.push(req);
      void socket.join('room');
      if (req.sinceSeq === undefined || opts.replay === false) {
        const devices = [{ deviceId: 'd1', status: 'online', lastSeen: 1, values: { v: opts.value ?? 1 } }];
        socket.emit('twin:snapshot', { compoundId: req.compoundId, seq: peer.seq, at: Date.now(), devices, alarms: [], workOrders: [], kpis: null });
        ack({ ok: true, data: { compoundId: req.compoundId, seq: peer.seq, mode: 'snapshot', replayed: 0 } });
      } else ack({ ok: true, data: { compoundId: req.compoundId, seq: peer.seq, mode: 'replay', replayed: 0 } });
    });
  });
  await new Promise<void>((r) => http.listen(opts.port ?? 0, '127.0.0.1', r));
  peer.port = (http.address() as AddressInfo).port;
  peer.url = `http://127.0.0.1:${peer.port}`;
  return peer;
}

/** Polls until `cond` holds, or fails after `ms`. */
export async function until(cond: () => boolean, ms = 3000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
