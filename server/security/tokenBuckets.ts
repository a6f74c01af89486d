/**
 * In-memory token buckets keyed by caller (IP, key id, socket id): `capacity` tokens, refilled at
 * `perSecond`. Bounded: past `maxKeys` the oldest keys are forgotten (they start full again).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly capacity: number,
    readonly perSecond: number,
    private readonly maxKeys = 50_000,
  ) {}

  /** Takes `n` tokens; 0 when allowed, else the milliseconds until they would be there. */
  take(key: string, n = 1, now = Date.now()): number {
    return this.draw(key, n, now, true);
  }

  /** Like take() but consumes nothing. */
  peek(key: string, n = 1, now = Date.now()): number {
    return this.draw(key, n, now, false);
  }

  private draw(key: string, n: number, now: number, consume: boolean): number {
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
      b = { tokens: this.capacity, at: now };
      this.buckets.set(key, b);
    } else {
      b.tokens = Math.min(this.capacity, b.tokens + ((now - b.at) / 1000) * this.perSecond);
      b.at = now;
    }
    if (b.tokens >= n) {
      if (consume) b.tokens -= n;
      return 0;
    }
    return n > this.capacity ? Infinity : Math.ceil(((n - b.tokens) / this.perSecond) * 1000);
  }

  forget(key: string): void {
    this.buckets.delete(key);
  }
}
