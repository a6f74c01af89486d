import { afterEach, describe, expect, it } from 'vitest';
import { makeStressCompound } from '../../server/tools/stressCompound';
import { liveStore } from '../stores/liveStore';
import { useOpsStore } from '../stores/useOpsStore';
import { useTwinStore } from '../stores/useTwinStore';
import { ApiError } from './api';
import { startPeer, until, type Peer } from './scriptedPeer';
import { isRefusal, startCompoundLive } from './startCompoundLive';

const DOC = makeStressCompound({ buildings: 2, devices: 4, id: 'c1' });
const FAST = { baseMs: 20, maxMs: 80 };
const connectedSockets = (p: Peer) => p.io.of('/twin').sockets.size;

/** A document fetch that fails with each of `failures` in turn, then answers. */
function scriptedLoad(failures: Error[], doc: unknown = DOC) {
  const calls: string[] = [];
  const load = (id: string) => {
    calls.push(id);
    const f = failures.shift();
    return f !== undefined ? Promise.reject(f) : Promise.resolve(structuredClone(doc));
  };
  return { load, calls };
}

describe('startCompoundLive', () => {
  let stop: (() => void) | null = null;
  let peer: Peer | null = null;
  afterEach(async () => {
    stop?.();
    stop = null;
    await new Promise<void>((r) => (peer ? void peer.io.close(() => r()) : r()));
    peer = null;
    useTwinStore.setState({ compoundId: '', compound: null, index: null, loading: false, error: null });
    useOpsStore.getState().reset();
  });

  it('when the server is unreachable at first, then the document is asked for again with backoff, and once it answers the compound shows and the feed goes live', async () => {
    peer = await startPeer();
    const { load, calls } = scriptedLoad([new TypeError('fetch failed'), new ApiError(503, 'HTTP 503')]);
    stop = startCompoundLive('c1', { refusal: 'show', load, loadBackoff: FAST, url: peer.url });
    expect(useTwinStore.getState().loading).toBe(true);
    await until(() => useTwinStore.getState().compound !== null);
    expect(calls).toEqual(['c1', 'c1', 'c1']);
    expect(useTwinStore.getState()).toMatchObject({ loading: false, error: null, compound: { id: 'c1' } });
    // device states come with the snapshot, not with the document
    expect(liveStore.getState().devices.get('d1')?.status).toBe('online');
    // the feed did not wait for the document, nor start twice
    expect(peer.joins).toEqual([{ compoundId: 'c1' }]);
  });

  it('when the console is refused (404), then the error screen shows, nothing is asked again and the feed stops', async () => {
    peer = await startPeer();
    const { load, calls } = scriptedLoad([new ApiError(404, 'compound "c1" not found')]);
    stop = startCompoundLive('c1', { refusal: 'show', load, loadBackoff: FAST, url: peer.url });
    await until(() => useTwinStore.getState().error !== null);
    await new Promise((r) => setTimeout(r, 300));
    expect(useTwinStore.getState().error).toBe('compound "c1" not found');
    expect(calls).toHaveLength(1);
    expect(connectedSockets(peer)).toBe(0);
  });

  it('when the wall is refused (403), then it keeps asking like after any other failure', async () => {
    peer = await startPeer();
    const { load, calls } = scriptedLoad([new ApiError(403, 'no'), new ApiError(403, 'no')]);
    stop = startCompoundLive('c1', { refusal: 'retry', load, loadBackoff: FAST, url: peer.url });
    await until(() => useTwinStore.getState().compound !== null);
    expect(calls).toHaveLength(3);
    expect(useTwinStore.getState().error).toBeNull();
  });

  it('when the document does not parse, then the console says why', async () => {
    const { load } = scriptedLoad([], { id: 'c1', buildings: 'no' });
    stop = startCompoundLive('c1', { refusal: 'show', load, loadBackoff: FAST, url: 'http://127.0.0.1:9' });
    await until(() => useTwinStore.getState().error !== null);
    expect(useTwinStore.getState().error).toMatch(/^compound c1: /);
  });

  it('when the same compound starts again (the session came back), then the document is not fetched again and the figures stay until the snapshot', async () => {
    peer = await startPeer({ value: 5 });
    const first = scriptedLoad([]);
    stop = startCompoundLive('c1', { refusal: 'show', load: first.load, url: peer.url });
    await until(() => useOpsStore.getState().connection === 'live');
    stop();
    const again = scriptedLoad([]);
    const index = useTwinStore.getState().index;
    stop = startCompoundLive('c1', { refusal: 'show', load: again.load, url: peer.url });
    expect(useOpsStore.getState().connection).toBe('connecting');
    expect(liveStore.getState().devices.get('d1')?.values.v).toBe(5);
    await until(() => useOpsStore.getState().connection === 'live');
    expect(again.calls).toHaveLength(0);
    // the scene is not rebuilt
    expect(useTwinStore.getState().index).toBe(index);
    expect(peer.joins).toHaveLength(2);
  });

  it('when the feed answers before the document, then the device states are in the stores before the scene is built', async () => {
    peer = await startPeer({ value: 3 });
    let answer: (v: unknown) => void = () => undefined;
    stop = startCompoundLive('c1', { refusal: 'show', load: () => new Promise((r) => (answer = r)), url: peer.url });
    await until(() => useOpsStore.getState().connection === 'live');
    expect(useTwinStore.getState().compound).toBeNull();
    expect(liveStore.getState().devices.get('d1')?.values.v).toBe(3);
    answer(structuredClone(DOC));
    await until(() => useTwinStore.getState().compound !== null);
    expect(liveStore.getState().devices.get('d1')?.values.v).toBe(3);
  });

  it('when the document comes first, then the scene waits for the snapshot, so its first frame has every device`s status', async () => {
    peer = await startPeer({ value: 4 });
    peer.refuse = 3;
    const seen: (number | undefined)[] = [];
    const unsub = useTwinStore.subscribe((st, prev) => st.compound !== prev.compound && seen.push(liveStore.getState().devices.get('d1')?.values.v));
    const { load } = scriptedLoad([]);
    stop = startCompoundLive('c1', { refusal: 'show', load, url: peer.url, backoff: { baseMs: 60, maxMs: 60 }, revealAfterMs: 5_000 });
    await until(() => useTwinStore.getState().compound !== null);
    unsub();
    expect(seen).toEqual([4]);
    expect(useOpsStore.getState().connection).toBe('live');
  });

  it('when the feed does not come, then the scene is built anyway after revealAfterMs (devices offline until it does)', async () => {
    peer = await startPeer();
    peer.refuse = 1_000;
    const { load } = scriptedLoad([]);
    const t0 = Date.now();
    stop = startCompoundLive('c1', { refusal: 'show', load, url: peer.url, backoff: FAST, revealAfterMs: 300 });
    await until(() => useTwinStore.getState().compound !== null);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(useTwinStore.getState().loading).toBe(false);
    expect(useOpsStore.getState().connection).not.toBe('live');
  });

  it('when stopped while the document is still loading, then nothing starts afterwards', async () => {
    peer = await startPeer();
    let answer: (v: unknown) => void = () => undefined;
    stop = startCompoundLive('c1', { refusal: 'show', load: () => new Promise((r) => (answer = r)), url: peer.url });
    stop();
    stop = null;
    answer(structuredClone(DOC));
    await new Promise((r) => setTimeout(r, 300));
    expect(connectedSockets(peer)).toBe(0);
    expect(useTwinStore.getState().compound).toBeNull();
  });
});

describe('isRefusal', () => {
  it('when the server says no to this compound, then it is a refusal; a lapsed session, a timeout, a rate limit, a 5xx or no answer are not', () => {
    expect([403, 404, 400].map((s) => isRefusal(new ApiError(s, 'x')))).toEqual([true, true, true]);
    expect([401, 408, 429, 500, 503].map((s) => isRefusal(new ApiError(s, 'x')))).toEqual([false, false, false, false, false]);
    expect(isRefusal(new TypeError('fetch failed'))).toBe(false);
  });
});
