// Who a topic's key id is: the compound of a live device key, remembered briefly so a busy gateway
// does not cost a query per message. Revoking a key takes effect here within `ttlMs`, before the
// broker's password file is regenerated.
import { findApiKeyById } from '../db/apiKeys.repo';
import type { Queryable } from '../db/db';

export class GatewayKeys {
  private readonly known = new Map<number, { compoundId: string | null; at: number }>();

  constructor(private readonly db: Queryable, private readonly ttlMs = 10_000, private readonly max = 10_000) {}

  /** The key's compound; null when the key is unknown or revoked. Throws when the database is away. */
  async compoundOf(keyId: number, now = Date.now()): Promise<string | null> {
    const hit = this.known.get(keyId);
    if (hit && now - hit.at <= this.ttlMs) return hit.compoundId;
    const key = await findApiKeyById(this.db, keyId);
    if (this.known.size >= this.max) this.known.clear();
    this.known.set(keyId, { compoundId: key?.compoundId ?? null, at: now });
    return key?.compoundId ?? null;
  }
}
