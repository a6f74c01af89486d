import { TokenBuckets } from './tokenBuckets';

/**
 * Slows password guessing. Per (username, IP): after `freeFailures` misses each further miss doubles
 * the wait (1 s, 2 s, 4 s … up to `maxDelayMs`); a success clears it. Per IP: a token bucket caps
 * failed attempts across usernames (spraying one password over many accounts).
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { n: number; until: number }>();
  private readonly perIp: TokenBuckets;

  constructor(private readonly opts = { freeFailures: 3, maxDelayMs: 15 * 60_000, ipBurst: 20, ipPerMinute: 10 }) {
    this.perIp = new TokenBuckets(opts.ipBurst, opts.ipPerMinute / 60);
  }

  /** Milliseconds the caller must wait before trying again (0: go ahead). */
  check(username: string, ip: string, now = Date.now()): number {
    const f = this.failures.get(key(username, ip));
    if (f && f.until > now) return f.until - now;
    return this.perIp.peek(ip, 1, now);
  }

  /** Records a miss; returns the wait it imposes. Only misses count against the IP. */
  failed(username: string, ip: string, now = Date.now()): number {
    this.perIp.take(ip, 1, now);
    const k = key(username, ip);
    const f = this.failures.get(k) ?? { n: 0, until: 0 };
    f.n++;
    const over = f.n - this.opts.freeFailures;
    f.until = over > 0 ? now + Math.min(this.opts.maxDelayMs, 1000 * 2 ** (over - 1)) : 0;
    if (this.failures.size > 50_000) this.failures.clear();
    this.failures.set(k, f);
    return Math.max(0, f.until - now);
  }

  succeeded(username: string, ip: string): void {
    this.failures.delete(key(username, ip));
  }
}

const key = (username: string, ip: string): string => username.toLowerCase() + '\u0000' + ip;
