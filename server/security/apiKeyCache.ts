/** A device key as ingest needs it. */
export interface CachedKey {
  id: number;
  compoundId: string;
  at: number;
}

/**
 * Ingest's memory of recently seen device keys (saves a query per batch). Revoking a key removes it
 * here at once, so a revoked key stops working with its next batch, not after the cache's lifetime.
 */
export class ApiKeyCache {
  private readonly byKey = new Map<string, CachedKey>();

  constructor(readonly ttlMs = 30_000, private readonly max = 10_000) {}

  get(key: string, now = Date.now()): CachedKey | undefined {
    const k = this.byKey.get(key);
    if (k && now - k.at > this.ttlMs) {
      this.byKey.delete(key);
      return undefined;
    }
    return k;
  }

  set(key: string, k: Omit<CachedKey, 'at'>, now = Date.now()): CachedKey {
    if (this.byKey.size >= this.max) this.byKey.clear();
    const v = { ...k, at: now };
    this.byKey.set(key, v);
    return v;
  }

  delete(key: string): void {
    this.byKey.delete(key);
  }

  /** Forgets key `id` (revoked). */
  revoke(id: number): void {
    for (const [key, v] of this.byKey) if (v.id === id) this.byKey.delete(key);
  }
}
