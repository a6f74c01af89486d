import type { Namespace, Server, Socket } from 'socket.io';
import { z } from 'zod';
import {
  compoundRoom,
  describeIssues,
  TWIN_NAMESPACE,
  type ClientToServerEvents,
  type JoinResult,
  type ReadingTuple,
  type ServerToClientEvents,
  type TwinSnapshot,
} from '../../models';
import { RoomFeed, type FeedEvent } from './roomFeed';
import { declareSocketEvent } from './socketPolicies';

// The events a client may send, with their policies (SocketGuard refuses any other). compound:join: readers of
// the compound its payload names (a masked principal joins the masked room); compound:leave: any reader, any room.
declareSocketEvent('compound:join', { gate: 'read', compound: 'payload' });
declareSocketEvent('compound:leave', { gate: 'read', compound: 'none' });

const JoinSchema = z.strictObject({
  compoundId: z.string().min(1).max(64),
  sinceSeq: z.number().int().nonnegative().optional(),
});
const LeaveSchema = z.strictObject({ compoundId: z.string().min(1).max(64) });

export interface HubDeps {
  /** Builds the compound's snapshot synchronously from memory, or null for an unknown compound. */
  snapshot(compoundId: string, seq: number): TwinSnapshot | null;
  /** May this socket read this compound? (roles come with auth) */
  canRead?(socket: Socket, compoundId: string): boolean;
  /** Does this socket get the masked view (personal data aggregated)? It then joins the compound's masked room. */
  masked?(socket: Socket): boolean;
  /** The masked form of a delta or snapshot; null drops a delta. */
  mask?: (compoundId: string, event: keyof ServerToClientEvents | 'twin:snapshot', payload: Record<string, unknown>) => Record<string, unknown> | null;
}

/** The room of sockets that get a compound's masked view. */
const maskedRoom = (compoundId: string): string => compoundRoom(compoundId) + ':masked';

type TwinNamespace = Namespace<ClientToServerEvents, ServerToClientEvents>;

/** Cluster mode: events go out through the compound's stream (server/cluster/cluster.ts) and come back to deliver(). */
export interface HubBus {
  /** Publishes in call order; the seq is given by the stream. */
  publish(compoundId: string, event: string, body: Record<string, unknown>): void;
}

/** How long a join with a `sinceSeq` ahead of this process waits for its copy of the stream to catch up. */
const CATCH_UP_MS = 2_000;

/**
 * Socket.IO fan-out: one room per compound, monotonic seq, alarms at once. Readings are coalesced to the
 * latest value per device-metric and flushed `flushMs` after the first one of a burst: a lone reading waits
 * at most that long, a burst becomes one batch per window (it was a fixed 250 ms window, up to 250 ms late).
 */
export class RealtimeHub {
  readonly nsp: TwinNamespace;
  private readonly feeds = new Map<string, RoomFeed>();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private bus: HubBus | null = null;
  private readonly flushNow = () => {
    this.timer = null;
    this.flush();
  };

  constructor(
    io: Server,
    private readonly deps: HubDeps,
    private readonly flushMs = 20,
  ) {
    this.nsp = io.of(TWIN_NAMESPACE);
    this.nsp.on('connection', (socket) => this.onConnection(socket));
  }

  feed(compoundId: string): RoomFeed {
    let f = this.feeds.get(compoundId);
    if (!f) this.feeds.set(compoundId, (f = new RoomFeed(undefined, undefined, this.bus ? 0 : Date.now())));
    return f;
  }

  /** Queues readings for the next coalesced `reading:batch`. */
  readings(compoundId: string, tuples: Iterable<ReadingTuple>): void {
    const f = this.feed(compoundId);
    for (const t of tuples) f.addReading(t);
    if (!this.timer && !this.closed) {
      // A big room waits longer between batches (20 ms up to 20 clients, +1 ms per 10 more, at most 250 ms): each
      // batch costs ~30 µs of this thread per socket, and alarms must not queue behind reading batches.
      const wait = Math.min(250, this.flushMs + Math.max(0, Math.floor((this.clientCount(compoundId) - 20) / 10)));
      this.timer = setTimeout(this.flushNow, wait);
      this.timer.unref();
    }
  }

  /** Cluster mode: from now on events are published to the compound's stream and sent when they come back (deliver). */
  useBus(bus: HubBus): void {
    this.bus = bus;
  }

  /** Sends an event to the room now, with the next seq (alarms, status, work orders, KPIs); in cluster mode, through the stream. */
  emit(compoundId: string, event: keyof ServerToClientEvents, body: Record<string, unknown>): void {
    if (this.bus) return this.bus.publish(compoundId, event, body);
    this.send(compoundId, this.feed(compoundId).push(event, body));
  }

  /** Cluster mode: an event read back from the compound's stream, in seq order: into the replay buffer and to this process's sockets. */
  deliver(compoundId: string, seq: number, event: string, body: Record<string, unknown>): void {
    // a compound this process does not know (yet) gets no feed: one look at the snapshot, the first time only
    if (!this.feeds.has(compoundId) && !this.deps.snapshot(compoundId, 0)) return;
    this.send(compoundId, this.feed(compoundId).append(seq, event, body));
  }

  private send(compoundId: string, e: FeedEvent): void {
    const event = e.event as keyof ServerToClientEvents;
    // `local`: only this process's sockets; in cluster mode every process sends what it reads from the stream
    this.nsp.local.to(compoundRoom(compoundId)).emit(event as 'kpi:update', e.payload as never);
    if (this.deps.mask && this.nsp.adapter.rooms.get(maskedRoom(compoundId))?.size) {
      const m = this.deps.mask(compoundId, event, e.payload);
      if (m) this.nsp.local.to(maskedRoom(compoundId)).emit(event as 'kpi:update', m as never);
    }
  }

  flush(): void {
    for (const [id, f] of this.feeds) {
      const readings = f.takePending();
      if (readings) this.emit(id, 'reading:batch', { readings });
    }
  }

  clientCount(compoundId: string): number {
    return (this.nsp.adapter.rooms.get(compoundRoom(compoundId))?.size ?? 0) + (this.nsp.adapter.rooms.get(maskedRoom(compoundId))?.size ?? 0);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private onConnection(socket: Socket<ClientToServerEvents, ServerToClientEvents>): void {
    socket.on('compound:join', (req, ack) => {
      const reply = typeof ack === 'function' ? ack : () => undefined;
      const p = JoinSchema.safeParse(req);
      if (!p.success) return reply({ ok: false, error: describeIssues('compound:join', p.error).replace(/\n/g, '; ') });
      const { compoundId, sinceSeq } = p.data;
      if (this.deps.canRead && !this.deps.canRead(socket as Socket, compoundId))
        return reply({ ok: false, error: `not allowed to read compound "${compoundId}"` });
      // Only known compounds get a feed: a stream of made-up ids must not grow memory.
      const f = this.feeds.get(compoundId) ?? (this.deps.snapshot(compoundId, 0) ? this.feed(compoundId) : null);
      if (!f) return reply({ ok: false, error: `unknown compound "${compoundId}"` });
      const mask = this.deps.mask && this.deps.masked?.(socket as Socket) ? this.deps.mask : null;
      const room = mask ? maskedRoom(compoundId) : compoundRoom(compoundId);
      // Everything in join() is synchronous: no delta can slip between the snapshot/replay and the join.
      const join = (): void => {
        const missed = sinceSeq !== undefined ? f.since(sinceSeq) : null;
        if (missed) {
          void socket.join(room); // the in-memory adapter joins synchronously (returns void)
          for (const e of missed) {
            const payload = mask ? mask(compoundId, e.event as keyof ServerToClientEvents, e.payload) : e.payload;
            if (payload) socket.emit(e.event as 'kpi:update', payload as never);
          }
          return reply({ ok: true, data: { compoundId, seq: f.seq, mode: 'replay', replayed: missed.length } satisfies JoinResult });
        }
        const full = this.deps.snapshot(compoundId, f.seq);
        if (!full) return reply({ ok: false, error: `unknown compound "${compoundId}"` });
        const snap = mask ? (mask(compoundId, 'twin:snapshot', full as unknown as Record<string, unknown>) as unknown as TwinSnapshot) : full;
        void socket.join(room);
        socket.emit('twin:snapshot', snap);
        reply({ ok: true, data: { compoundId, seq: f.seq, mode: 'snapshot', replayed: 0 } satisfies JoinResult });
      };
      // Cluster mode: a client coming from another process may be ahead of this process's copy of the stream
      if (this.bus && sinceSeq !== undefined && sinceSeq > f.seq) {
        const until = Date.now() + CATCH_UP_MS;
        const wait = (): void => {
          if (f.seq >= sinceSeq || Date.now() >= until || socket.disconnected) return join();
          setTimeout(wait, 10);
        };
        return wait();
      }
      join();
    });
    socket.on('compound:leave', (req, ack) => {
      const reply = typeof ack === 'function' ? ack : () => undefined;
      const p = LeaveSchema.safeParse(req);
      if (!p.success) return reply({ ok: false, error: describeIssues('compound:leave', p.error) });
      void socket.leave(compoundRoom(p.data.compoundId));
      void socket.leave(maskedRoom(p.data.compoundId));
      reply({ ok: true, data: null });
    });
  }
}
