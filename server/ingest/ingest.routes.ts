import type { Request } from 'express';
import { MAX_INGEST_BATCH } from '../../models';
import type { Db } from '../db/db';
import { findApiKey } from '../db/apiKeys.repo';
import { HttpError } from '../http/errors';
import { none, type PolicyDeps } from '../http/policy';
import { secureRouter, type SecureRouter } from '../http/secureRouter';
import type { IngestService } from './ingest.service';
import { ApiKeyCache } from '../security/apiKeyCache';
import { TokenBuckets } from '../security/tokenBuckets';

function keyOf(req: Request): string | null {
  const h = req.header('x-api-key');
  if (h) return h.trim();
  const auth = req.header('authorization');
  const m = auth?.match(/^Bearer\s+(\S+)$/i);
  return m ? m[1] : null;
}

export interface IngestLimits {
  /** Keys seen recently; revoking a key drops it here at once. */
  cache?: ApiKeyCache;
  /** Readings per second per key (token bucket; burst = 5 s worth). */
  readingsPerS?: number;
  /** Requests with a missing or bad key, per IP per second (burst 20). */
  badKeyPerS?: number;
}

/** A gateway's API key, checked as ingest checks it: bad keys throttled per IP, the key's compound, a rate per key. */
export interface IngestGate {
  /** The caller's key (cached), or 401 / 429. */
  key(req: Request): Promise<{ id: number; compoundId: string }>;
  /** Takes `n` from the key's bucket, or 429. */
  take(keyId: number, n: number, bucket?: TokenBuckets): void;
  /** Marks the key used (its last-use stamp is flushed every 30 s). */
  used(keyId: number): void;
}

/** The ingest routes' shared key check: one throttle of bad keys, one cache, one rate per key for every ingest route. */
export function ingestGate(db: Db, usedKeys: Set<number>, limits: IngestLimits = {}): IngestGate {
  const cache = limits.cache ?? new ApiKeyCache();
  const perKey = new TokenBuckets(5 * (limits.readingsPerS ?? 50_000), limits.readingsPerS ?? 50_000);
  const badKeys = new TokenBuckets(20, limits.badKeyPerS ?? 2);
  return {
    async key(req) {
      const ip = req.ip ?? 'unknown';
      const wait = badKeys.peek(ip);
      if (wait > 0) throw tooMany(wait, 'too many requests with bad API keys');
      const key = keyOf(req);
      if (!key) {
        badKeys.take(ip);
        throw new HttpError(401, 'missing API key: send it as X-Api-Key or Authorization: Bearer');
      }
      let k = cache.get(key);
      if (!k) {
        const found = await findApiKey(db, key);
        if (!found) {
          badKeys.take(ip);
          throw new HttpError(401, 'unknown or revoked API key');
        }
        k = cache.set(key, found);
      }
      return k;
    },
    take(keyId, n, bucket = perKey) {
      const over = bucket.take(String(keyId), n);
      if (over > 0) throw tooMany(over, `API key ${keyId} is over its rate`);
    },
    used: (keyId) => void usedKeys.add(keyId),
  };
}

const tooMany = (ms: number, what: string) =>
  new HttpError(429, `${what}: slow down, retry in ${Math.ceil(ms / 1000)} s`, { retryAfterS: Math.ceil(ms / 1000) });

/**
 * `POST /ingest`: a gateway's batch, authenticated by an API key scoped to one compound. `more` adds routes behind
 * the same key check (camera AI events: server/cameraEvents).
 */
export function ingestRouter(
  db: Db,
  ingest: IngestService,
  usedKeys: Set<number>,
  deps: PolicyDeps,
  limits: IngestLimits = {},
  ...more: ((r: SecureRouter, gate: IngestGate) => void)[]
) {
  const r = secureRouter(deps);
  const gate = ingestGate(db, usedKeys, limits);
  // Public to the session layer: a gateway proves itself with its device key, and the key's compound is the only one it writes.
  r.post('/ingest', { gate: 'public', compound: none() }, async (req, res) => {
    const k = await gate.key(req);
    const body = req.body as unknown;
    const items = Array.isArray(body) ? body : body && typeof body === 'object' ? (body as { readings?: unknown }).readings : undefined;
    if (!Array.isArray(items)) throw new HttpError(400, 'body: expected {"readings": [...]} or an array of readings');
    if (items.length > MAX_INGEST_BATCH) throw new HttpError(413, `readings: ${items.length} items; at most ${MAX_INGEST_BATCH} a batch`);
    gate.take(k.id, items.length);
    const result = await ingest.ingest(k.compoundId, items);
    gate.used(k.id);
    res.status(result.rejected.length && !result.accepted && !result.duplicates ? 422 : 200);
    return result;
  });
  for (const m of more) m(r, gate);
  return r.router;
}
