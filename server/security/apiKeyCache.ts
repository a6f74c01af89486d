/** A device key as ingest needs it. */
export interface CachedKey {
  id: number;
  compoundId: string;
  at: number;
}

/**
 * Ingest's memory of recently seen device keys (saves a query per batch): by the secret an HTTP gateway
 * sends, and by the id an MQTT gateway signs in as. Revoking a key removes it here at once, so a revoked
 * key stops working with its next batch or message, not after the cache's lifetime.
 */
export class ApiKeyCache {
  private readonly byKey = new Map<string, CachedKey>();
  /** Key id → its compound; null: no live key has that id (remembered too, so a flood of made-up ids costs no queries). */
  private readonly byId = new Map<number, { compoundId: string | null; at: number }>();

  constructor(
    readonly ttlMs = 30_000,
    private readonly max = 10_000,
  ) {}

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

  /** The compound of key `id`; null when no live key has it; undefined when not remembered. */
  compoundOfId(id: number, now = Date.now()): string | null | undefined {
    const k = this.byId.get(id);
    if (k && now - k.at > this.ttlMs) {
      this.byId.delete(id);
      return undefined;
    }
    return k?.compoundId;
  }

  setId(id: number, compoundId: string | null, now = Date.now()): void {
    if (this.byId.size >= this.max) this.byId.clear();
    this.byId.set(id, { compoundId, at: now });
  }

  /** Cluster mode: tells the other processes (set by server/cluster/clusterMode.ts). */
  onRevoke: ((id: number) => void) | null = null;

  /** Forgets key `id` (revoked); `announce`: tell the other processes too (not when they told us). */
  revoke(id: number, announce = true): void {
    for (const [key, v] of this.byKey) if (v.id === id) this.byKey.delete(key);
    this.byId.delete(id);
    if (announce) this.onRevoke?.(id);
  }
}
