import { backoffDelay, type Backoff } from '../live/backoff';
import type { VideoWhy } from './streamApi';

export const CONSOLE_BACKOFF: Backoff = { baseMs: 2_000, maxMs: 30_000 };
/** The wall is unattended: it retries for ever, never faster than this, never slower than a minute. */
export const WALL_BACKOFF: Backoff = { baseMs: 3_000, maxMs: 60_000 };
/** A stream counts as good again (the backoff starts over) only after playing this long without a break. */
export const STABLE_PLAY_MS = 10_000;
/** Reasons no retry soon will change: the camera has no stream configured, the server has no ffmpeg. */
export const LASTING: ReadonlySet<VideoWhy> = new Set<VideoWhy>(['no_stream', 'no_ffmpeg']);

/**
 * When a tile tries its camera again. Failures double the wait (with jitter); a stream that played for
 * STABLE_PLAY_MS before it broke starts over from the shortest wait, one that keeps dropping soon after it
 * starts does not. The console does not retry by itself what will not change soon (a refusal, no stream,
 * no ffmpeg: it says why, a click retries); the unattended wall retries a refusal with the backoff (its scope
 * can change) and the lasting reasons only at the longest wait.
 */
export class StreamRetry {
  private attempt = 0;
  /** When the current stream started playing (its first frame), or null while it is not playing. */
  private since: number | null = null;

  constructor(
    private readonly wall: boolean,
    private readonly random: () => number = Math.random,
  ) {}

  /** The stream shows pictures (its first frame). */
  played(now: number): void {
    this.since = now;
  }

  /** The user asked for it (a click on play or retry): the next failure waits the shortest time again. */
  reset(): void {
    this.attempt = 0;
    this.since = null;
  }

  /** The stream failed or was refused for `why`: how long until the next try, or null for no automatic retry. */
  next(why: VideoWhy, now: number, minMs: number | null = null): number | null {
    if (this.since !== null && now - this.since >= STABLE_PLAY_MS) this.attempt = 0;
    this.since = null;
    const b = this.wall ? WALL_BACKOFF : CONSOLE_BACKOFF;
    if (!this.wall && (why === 'forbidden' || LASTING.has(why))) return null;
    if (LASTING.has(why)) return Math.max(minMs ?? 0, b.maxMs);
    return Math.max(minMs ?? 0, backoffDelay(this.attempt++, b, this.random));
  }
}
