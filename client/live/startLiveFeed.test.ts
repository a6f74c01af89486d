import { afterEach, describe, expect, it, vi } from 'vitest';
import { liveStore } from '../stores/liveStore';
import { useOpsStore } from '../stores/useOpsStore';
import { api } from './api';
import { startPeer, until, type Peer } from './scriptedPeer';
import { startLiveFeed } from './startLiveFeed';

const FAST = { baseMs: 40, maxMs: 200 };
const connection = () => useOpsStore.getState().connection;
const valueOfD1 = () => liveStore.getState().devices.get('d1')?.values.v;

describe('startLiveFeed', () => {
  let stop: (() => void) | null = null;
  let peer: Peer | null = null;
  afterEach(async () => {
    stop?.();
    stop = null;
    await new Promise<void>((r) => (peer ? void peer.io.close(() => r()) : r()));
    peer = null;
    useOpsStore.getState().reset();
    vi.restoreAllMocks();
  });

  it('when joined, then the snapshot fills the stores and the link reads live', async () => {
    peer = await startPeer();
    stop = startLiveFeed('c1', { url: peer.url });
    await until(() => connection() === 'live');
    expect(valueOfD1()).toBe(1);
    expect(peer.joins[0]).toEqual({ compoundId: 'c1' });
  });

  it('when deltas arrive in order, then readings apply; when one is skipped, then it re-joins with sinceSeq', async () => {
    peer = await startPeer();
    stop = startLiveFeed('c1', { url: peer.url });
    await until(() => connection() === 'live');
    peer.emit('reading:batch', { seq: 101, readings: [['d1', 'v', 2, 7]] });
    await until(() => valueOfD1() === 7);
    peer.seq = 103;
    peer.emit('reading:batch', { seq: 103, readings: [['d1', 'v', 3, 9]] });
    await until(() => peer!.joins.length === 2);
    expect(peer.joins[1]).toEqual({ compoundId: 'c1', sinceSeq: 101 });
    // the gap's delta was not applied out of order
    expect(valueOfD1()).toBe(7);
    peer.emit('reading:batch', { seq: 104, readings: [['d1', 'v', 4, 11]] });
    await until(() => valueOfD1() === 11);
  });

  it('when the server goes away, then the link reads reconnecting, then stale, and it stays stale while retries fail', async () => {
    peer = await startPeer();
    stop = startLiveFeed('c1', { url: peer.url, staleAfterMs: 300 });
    await until(() => connection() === 'live');
    void peer.io.close();
    await until(() => connection() === 'reconnecting');
    await until(() => connection() === 'stale', 3000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(connection()).toBe('stale');
    peer = null;
  });

  it('when the server closes the socket itself (io server disconnect), then the feed connects again by itself and re-joins with sinceSeq', async () => {
    peer = await startPeer();
    stop = startLiveFeed('c1', { url: peer.url, backoff: FAST });
    await until(() => connection() === 'live');
    peer.emit('reading:batch', { seq: 101, readings: [['d1', 'v', 2, 7]] });
    await until(() => valueOfD1() === 7);
    peer.seq = 101;
    peer.io.of('/twin').disconnectSockets(true);
    await until(() => connection() === 'reconnecting');
    await until(() => peer!.joins.length === 2 && connection() === 'live');
    expect(peer.joins[1]).toEqual({ compoundId: 'c1', sinceSeq: 101 });
    expect(peer.handshakes).toBe(2);
    // and deltas flow again
    peer.emit('reading:batch', { seq: 102, readings: [['d1', 'v', 3, 8]] });
    await until(() => valueOfD1() === 8);
  });

  it('when the server shuts down gracefully and starts again on the same port, then the feed comes back without help and takes the new server`s snapshot and deltas', async () => {
    peer = await startPeer();
    stop = startLiveFeed('c1', { url: peer.url, backoff: FAST, staleAfterMs: 400 });
    await until(() => connection() === 'live');
    const port = peer.port;
    await peer.shutdown();
    peer = null;
    await until(() => connection() === 'stale', 2000);
    // nobody answers for a while: the feed keeps trying (socket.io's own reconnects after our connect())
    await new Promise((r) => setTimeout(r, 1200));
    peer = await startPeer({ port, seq: 5_000, value: 42, replay: false });
    await until(() => connection() === 'live', 10_000);
    expect(peer.joins[0]).toEqual({ compoundId: 'c1', sinceSeq: 100 });
    expect(valueOfD1()).toBe(42);
    peer.emit('reading:batch', { seq: 5_001, readings: [['d1', 'v', 9, 43]] });
    await until(() => valueOfD1() === 43);
  });

  it('when the handshake is refused, then it tries again after a growing wait and gets in once the server lets it', async () => {
    peer = await startPeer();
    peer.refuse = 3;
    stop = startLiveFeed('c1', { url: peer.url, backoff: FAST });
    await until(() => connection() === 'live', 5000);
    expect(peer.handshakes).toBe(4);
    expect(peer.joins).toEqual([{ compoundId: 'c1' }]);
  });

  it('when the handshake is refused because the session lapsed, then the sign-in check runs (it shows the login form on 401)', async () => {
    const me = vi.spyOn(api, 'me').mockRejectedValue(new Error('HTTP 401'));
    peer = await startPeer();
    peer.refuse = 1;
    peer.refuseWith = 'unauthorized: sign in (session cookie), or pass auth: {token}';
    stop = startLiveFeed('c1', { url: peer.url, backoff: FAST });
    await until(() => connection() === 'live', 5000);
    expect(me).toHaveBeenCalledTimes(1);
  });

  it('when stopped, then it neither reconnects nor touches the link state again', async () => {
    peer = await startPeer();
    stop = startLiveFeed('c1', { url: peer.url, backoff: FAST, staleAfterMs: 100 });
    await until(() => connection() === 'live');
    stop();
    stop = null;
    peer.io.of('/twin').disconnectSockets(true);
    await new Promise((r) => setTimeout(r, 400));
    expect(peer.handshakes).toBe(1);
    expect(connection()).toBe('live');
  });
});
