import { MAX_REVENUE_BATCH } from '../../models';
import { HttpError } from '../http/errors';
import { none } from '../http/policy';
import type { SecureRouter } from '../http/secureRouter';
import type { IngestGate } from '../ingest/ingest.routes';
import { TokenBuckets } from '../security/tokenBuckets';
import type { RevenueService } from './revenue.service';

/**
 * `POST /ingest/revenue`, behind ingest's key check (ingestRouter's `more`): charger sessions, parking passes, space
 * rents and ad plays of the key's compound, `itemsPerS` per key (burst 5 s worth) besides the readings' rate.
 */
export function revenueIngestRoutes(svc: RevenueService, itemsPerS = 1_000) {
  const perKey = new TokenBuckets(5 * itemsPerS, itemsPerS);
  return (r: SecureRouter, gate: IngestGate): void => {
    // Public to the session layer: the gateway's key names the one compound it writes.
    r.post('/ingest/revenue', { gate: 'public', compound: none() }, async (req, res) => {
      const k = await gate.key(req);
      const body = req.body as unknown;
      const items = Array.isArray(body) ? body : body && typeof body === 'object' ? (body as { items?: unknown }).items : undefined;
      if (!Array.isArray(items))
        throw new HttpError(400, 'body: expected {"items": [{kind, id, …}]} (kinds: charge_session, parking_pass, space_rent, ad_play)');
      if (items.length > MAX_REVENUE_BATCH) throw new HttpError(413, `items: ${items.length} items; at most ${MAX_REVENUE_BATCH} a batch`);
      gate.take(k.id, items.length, perKey);
      const result = await svc.ingestItems(k.compoundId, items);
      gate.used(k.id);
      res.status(result.rejected.length && !result.accepted && !result.duplicates ? 422 : 200);
      return result;
    });
  };
}
