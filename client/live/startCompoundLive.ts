import { CompoundSchema, type Compound } from '../../models/compound';
import { describeIssues } from '../../models/validation';
import { useOpsStore } from '../stores/useOpsStore';
import { useTwinStore } from '../stores/useTwinStore';
import { EMPTY_SELECTION, useUiStore } from '../stores/useUiStore';
import { api, ApiError } from './api';
import { backoffDelay, type Backoff } from './backoff';
import { startLiveFeed, type LiveFeedOptions } from './startLiveFeed';

export interface CompoundLiveOptions extends Omit<LiveFeedOptions, 'onLive'> {
  /**
   * What a refusal (403, 404, a document that does not parse) does: 'show' ends the load on the error
   * screen (the console); 'retry' keeps asking like any other failure (a wall never gives up).
   */
  refusal: 'show' | 'retry';
  /** Fetches the compound document (tests pass their own). */
  load?: (compoundId: string, signal: AbortSignal) => Promise<unknown>;
  /** Waits between failed loads of the document. */
  loadBackoff?: Backoff;
  /** How long a loaded document waits for the feed's snapshot before the scene is built without it. */
  revealAfterMs?: number;
}

const LOAD_RETRY: Backoff = { baseMs: 1_000, maxMs: 30_000 };
const REVEAL_AFTER_MS = 1_500;

/** A failure that asking again will not mend. */
class RefusedError extends Error {}

/** 4xx but a lapsed session (the sign-in check takes that), a timeout or a rate limit: the server said no to this compound. */
export function isRefusal(err: unknown): boolean {
  if (err instanceof RefusedError) return true;
  return err instanceof ApiError && err.status >= 400 && err.status < 500 && ![401, 408, 429].includes(err.status);
}

/**
 * One compound's life on screen, the same for the console and the wall: its static document once over
 * REST (retried with backoff until the server answers) and the live feed, which brings device states,
 * alarms, work orders and KPIs in its snapshot and keeps them current across any disconnect.
 * Returns a function that stops it.
 */
export function startCompoundLive(compoundId: string, opts: CompoundLiveOptions): () => void {
  const load = opts.load ?? api.compound;
  const revealAfterMs = opts.revealAfterMs ?? REVEAL_AFTER_MS;
  const ctrl = new AbortController();
  let stopped = false;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let revealTimer: ReturnType<typeof setTimeout> | null = null;
  let doc: Compound | null = null;
  let synced = false;

  const twin = useTwinStore.getState();
  const fresh = twin.compound?.id !== compoundId || twin.error !== null;
  if (fresh) {
    twin.setLoading(compoundId);
    useOpsStore.getState().reset();
    useUiStore.setState({ selection: EMPTY_SELECTION, hover: null, explode: false, translucent: false });
  } else {
    // the same compound again (the session came back): what is on screen stays until the snapshot replaces it
    useOpsStore.getState().setConnection('connecting');
  }

  // The scene is built once the device states are in, so its first frame shows every device's real
  // status, not all of them offline: the feed starts alongside the document (its snapshot usually lands
  // first), and a feed slower than `revealAfterMs` after the document does not hold the scene back.
  const reveal = () => {
    if (stopped || !doc || useTwinStore.getState().compound === doc) return;
    if (revealTimer) clearTimeout(revealTimer);
    useTwinStore.getState().setCompound(doc);
  };
  const stopFeed = startLiveFeed(compoundId, {
    ...opts,
    onLive: () => {
      synced = true;
      reveal();
    },
  });

  const attempt = () => {
    load(compoundId, ctrl.signal)
      .then((body) => {
        if (stopped) return;
        // the compound document crosses a trust boundary: parse it with the shared schema
        const parsed = CompoundSchema.safeParse(body);
        if (!parsed.success) throw new RefusedError(describeIssues(`compound ${compoundId}`, parsed.error, 5));
        doc = parsed.data;
        if (synced) reveal();
        else revealTimer = setTimeout(reveal, revealAfterMs);
      })
      .catch((err: unknown) => {
        if (stopped) return;
        const msg = err instanceof Error ? err.message : String(err);
        if (opts.refusal === 'show' && isRefusal(err)) {
          stopFeed();
          return useTwinStore.getState().setError(msg);
        }
        const wait = backoffDelay(failures++, opts.loadBackoff ?? LOAD_RETRY);
        console.warn(`[live] loading ${compoundId} failed, retrying in ${(wait / 1000).toFixed(1)} s: ${msg}`);
        retryTimer = setTimeout(attempt, wait);
      });
  };
  if (fresh) attempt();

  return () => {
    stopped = true;
    ctrl.abort();
    if (retryTimer) clearTimeout(retryTimer);
    if (revealTimer) clearTimeout(revealTimer);
    stopFeed();
  };
}
