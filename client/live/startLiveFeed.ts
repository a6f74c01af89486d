import { io, type Socket } from 'socket.io-client';
import { TWIN_NAMESPACE, type ClientToServerEvents, type JoinRequest, type ServerToClientEvents } from '../../models/events';
import { applyDeviceStates, applyReadings, applyStatusChanges, touchLive } from '../stores/liveStore';
import { useOpsStore } from '../stores/useOpsStore';
import { api } from './api';
import { SeqTracker } from './seqTracker';

type TwinSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface LiveFeedOptions {
  /** Origin of the server; same origin by default. */
  url?: string;
  /** How long the link may be down before the data on screen is called stale. */
  staleAfterMs?: number;
}

// generous: a big snapshot on a slow (software-rendering) page can take seconds to arrive
const JOIN_TIMEOUT_MS = 20_000;
const RETRY_MS = 3_000;

/**
 * Joins the compound's room and keeps the stores in step: snapshot on join, deltas in seq order,
 * a re-join with sinceSeq on any gap or reconnect. Returns a function that stops the feed.
 */
export function startLiveFeed(compoundId: string, opts: LiveFeedOptions = {}): () => void {
  const staleAfterMs = opts.staleAfterMs ?? 15_000;
  const socket: TwinSocket = io(`${opts.url ?? ''}${TWIN_NAMESPACE}`, { transports: ['websocket', 'polling'] });
  const seq = new SeqTracker();
  const ops = useOpsStore.getState();
  let joining = false;
  let stopped = false;
  let staleTimer: ReturnType<typeof setTimeout> | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  const clearStale = () => {
    if (staleTimer) clearTimeout(staleTimer);
    staleTimer = null;
  };
  const linkDown = () => {
    if (stopped) return;
    const now = useOpsStore.getState().connection;
    // every failed retry lands here: once the data is called stale it stays stale until a join succeeds
    if (now === 'live') ops.setConnection('reconnecting');
    if (!staleTimer) staleTimer = setTimeout(() => ops.setConnection('stale'), staleAfterMs);
  };

  function join(fresh = false): void {
    if (joining || stopped || !socket.connected) return;
    joining = true;
    const req: JoinRequest = seq.last === null || fresh ? { compoundId } : { compoundId, sinceSeq: seq.last };
    socket.timeout(JOIN_TIMEOUT_MS).emit('compound:join', req, (err, res) => {
      joining = false;
      if (stopped) return;
      if (err || !res || !res.ok) {
        const why = err ? err.message : res && !res.ok ? res.error : 'no answer';
        console.warn(`[live] join ${compoundId} failed: ${why}`);
        linkDown();
        retryTimer = setTimeout(() => join(true), RETRY_MS);
        return;
      }
      // The server sends the snapshot or the replayed deltas before this answer, and every later delta
      // after it, so the room's seq here is exactly where this client now stands (deltas the server
      // chose not to send this client, e.g. masked ones, are skipped rather than chased forever).
      seq.reset(res.data.seq);
      clearStale();
      ops.setConnection('live');
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
  socket.on('disconnect', () => {
    joining = false;
    linkDown();
  });
  socket.on('connect_error', (e) => {
    linkDown();
    // the handshake is refused when the session lapsed: the REST check then shows the login form
    if (/auth|sign|401|session/i.test(e.message)) void api.me().catch(() => undefined);
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

  return () => {
    stopped = true;
    clearStale();
    if (retryTimer) clearTimeout(retryTimer);
    socket.removeAllListeners();
    socket.disconnect();
  };
}
