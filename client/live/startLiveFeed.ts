import { io, type Socket } from 'socket.io-client';
import { TWIN_NAMESPACE, type ClientToServerEvents, type JoinRequest, type ServerToClientEvents } from '../../models/events';
import { applyDeviceStates, applyReadings, applyStatusChanges, touchLive } from '../stores/liveStore';
import { useOpsStore } from '../stores/useOpsStore';
import { api } from './api';
import { backoffDelay, type Backoff } from './backoff';
import { SeqTracker } from './seqTracker';
import type { CommandEvent } from '../../models/commands';
import { announceResynced, liveGate, throughGate } from '../stores/liveGate';

/** Who hears 'command:updated' (the broadcast tool, client/commands, adds itself when loaded). */
export const commandListeners = new Set<(e: CommandEvent) => void>();

type TwinSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface LiveFeedOptions {
  /** Origin of the server; same origin by default. */
  url?: string;
  /** How long the link may be down before the data on screen is called stale. */
  staleAfterMs?: number;
  /** Waits between the reconnects this feed makes itself and between failed joins. */
  backoff?: Backoff;
  /** Called on every successful join: the stores then hold the room's current state. */
  onLive?: () => void;
}

// generous: a big snapshot on a slow (software-rendering) page can take seconds to arrive
const JOIN_TIMEOUT_MS = 20_000;
const RETRY: Backoff = { baseMs: 1_000, maxMs: 15_000 };

/**
 * Joins the compound's room and keeps the stores in step: snapshot on join, deltas in seq order,
 * a re-join with sinceSeq on any gap or reconnect. The link comes back by itself after any disconnect,
 * a server shutting down included. Returns a function that stops the feed.
 */
export function startLiveFeed(compoundId: string, opts: LiveFeedOptions = {}): () => void {
  const staleAfterMs = opts.staleAfterMs ?? 15_000;
  const retry = opts.backoff ?? RETRY;
  // socket.io's own retries after a lost transport, jittered ±50 %: at most ~4.5 s apart, so the screens
  // are back within seconds of a restart
  const socket: TwinSocket = io(`${opts.url ?? ''}${TWIN_NAMESPACE}`, {
    transports: ['websocket', 'polling'],
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 3_000,
  });
  const seq = new SeqTracker();
  const ops = useOpsStore.getState();
  let joining = false;
  /** Bumped when the link drops: an answer to a join sent over the old link is ignored. */
  let link = 0;
  let stopped = false;
  /** Reconnects and joins that failed since the link was last live (sets the backoff). */
  let failures = 0;
  let staleTimer: ReturnType<typeof setTimeout> | null = null;
  let joinTimer: ReturnType<typeof setTimeout> | null = null;
  let connectTimer: ReturnType<typeof setTimeout> | null = null;

  const clearTimer = (t: ReturnType<typeof setTimeout> | null): null => {
    if (t) clearTimeout(t);
    return null;
  };
  const linkDown = () => {
    if (stopped) return;
    const now = useOpsStore.getState().connection;
    // every failed retry lands here: once the data is called stale it stays stale until a join succeeds
    if (now === 'live') ops.setConnection('reconnecting');
    if (!staleTimer) staleTimer = setTimeout(() => ops.setConnection('stale'), staleAfterMs);
  };
  /**
   * socket.io reconnects by itself after a lost transport, but not after the server closed the socket
   * (`io server disconnect`, e.g. a graceful shutdown) or refused the handshake: the socket is then no
   * longer `active`, and connect() is ours to call, after a growing, jittered wait.
   */
  const reconnectIfDropped = () => {
    if (stopped || socket.active || connectTimer) return;
    connectTimer = setTimeout(
      () => {
        connectTimer = null;
        if (!stopped && !socket.active) socket.connect();
      },
      backoffDelay(failures++, retry),
    );
  };

  function join(fresh = false): void {
    if (joining || stopped || !socket.connected) return;
    joining = true;
    const mine = link;
    const req: JoinRequest = seq.last === null || fresh ? { compoundId } : { compoundId, sinceSeq: seq.last };
    socket.timeout(JOIN_TIMEOUT_MS).emit('compound:join', req, (err, res) => {
      if (stopped || mine !== link) return;
      joining = false;
      if (err || !res || !res.ok) {
        const why = err ? err.message : res && !res.ok ? res.error : 'no answer';
        console.warn(`[live] join ${compoundId} failed: ${why}`);
        linkDown();
        joinTimer = clearTimer(joinTimer);
        joinTimer = setTimeout(() => join(true), backoffDelay(failures++, retry));
        return;
      }
      // The server sends the snapshot or the replayed deltas before this answer, and every later delta
      // after it, so the room's seq here is exactly where this client now stands (deltas the server
      // chose not to send this client, e.g. masked ones, are skipped rather than chased forever).
      seq.reset(res.data.seq);
      staleTimer = clearTimer(staleTimer);
      failures = 0;
      ops.setConnection('live');
      opts.onLive?.();
      // deltas not carried by the snapshot (commands) were missed while the link was down
      if (liveGate.mode === 'live') announceResynced();
    });
  }

  /** Gate for every delta: apply in order, drop repeats, re-join on a gap. */
  function inOrder(n: number): boolean {
    touchLive();
    // while a join is in flight its answer sets the seq; what arrives meanwhile is covered by it
    if (joining) return false;
    const v = seq.accept(n);
    if (v === 'apply') return true;
    if (v === 'gap' || v === 'unsynced') {
      console.info(`[live] seq ${n} after ${seq.last}: resync`);
      join(v === 'unsynced');
    }
    return false;
  }

  socket.on('connect', () => join());
  socket.on('disconnect', (reason) => {
    link++;
    joining = false;
    joinTimer = clearTimer(joinTimer);
    console.info(`[live] link down (${reason})`);
    linkDown();
    reconnectIfDropped();
  });
  socket.on('connect_error', (e) => {
    linkDown();
    // the handshake is refused when the session lapsed: the REST check then shows the login form
    if (/auth|sign|401|session/i.test(e.message)) void api.me().catch(() => undefined);
    reconnectIfDropped();
  });

  socket.on('twin:snapshot', (s) => {
    if (s.compoundId !== compoundId) return;
    seq.reset(s.seq);
    applyDeviceStates(s.devices);
    ops.setSnapshot(s.alarms, s.workOrders, s.kpis);
  });
  socket.on('reading:batch', (b) => {
    if (inOrder(b.seq)) applyReadings(b.readings);
  });
  socket.on('device:status', (e) => {
    if (inOrder(e.seq)) applyStatusChanges(e.changes);
  });
  socket.on('alarm:raised', (e) => {
    if (inOrder(e.seq)) ops.upsertAlarm(e.alarm);
  });
  socket.on('alarm:updated', (e) => {
    if (inOrder(e.seq)) ops.upsertAlarm(e.alarm);
  });
  socket.on('workorder:updated', (e) => {
    if (inOrder(e.seq)) ops.upsertWorkOrder(e.workOrder);
  });
  socket.on('kpi:update', (e) => {
    if (inOrder(e.seq)) ops.setKpis(e.kpis);
  });
  socket.on('command:updated', (e) => {
    if (e.compoundId === compoundId) throughGate(() => commandListeners.forEach((f) => f(e)));
  });

  return () => {
    stopped = true;
    staleTimer = clearTimer(staleTimer);
    joinTimer = clearTimer(joinTimer);
    connectTimer = clearTimer(connectTimer);
    socket.removeAllListeners();
    socket.disconnect();
  };
}
