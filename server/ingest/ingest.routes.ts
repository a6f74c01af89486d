import { Router, type Request } from 'express';
import { MAX_INGEST_BATCH } from '../../models';
import type { Db } from '../db/db';
import { findApiKey } from '../db/apiKeys.repo';
import { HttpError, route } from '../http/errors';
import type { IngestService } from './ingest.service';

function keyOf(req: Request): string | null {
  const h = req.header('x-api-key');
  if (h) return h.trim();
  const auth = req.header('authorization');
  const m = auth?.match(/^Bearer\s+(\S+)$/i);
  return m ? m[1] : null;
}

/** `POST /ingest`: a gateway's batch, authenticated by an API key scoped to one compound. */
export function ingestRouter(db: Db, ingest: IngestService, usedKeys: Set<number>): Router {
  const r = Router();
  const cache = new Map<string, { id: number; compoundId: string; at: number }>();
  r.post(
    '/ingest',
    route(async (req, res) => {
      const key = keyOf(req);
      if (!key) throw new HttpError(401, 'missing API key: send it as X-Api-Key or Authorization: Bearer');
      let k = cache.get(key);
      if (!k || Date.now() - k.at > 30_000) {
        const found = await findApiKey(db, key);
        if (!found) {
          cache.delete(key);
          throw new HttpError(401, 'unknown or revoked API key');
        }
        cache.set(key, (k = { ...found, at: Date.now() }));
        if (cache.size > 10_000) cache.clear();
      }
      const body = req.body as unknown;
      const items = Array.isArray(body) ? body : body && typeof body === 'object' ? (body as { readings?: unknown }).readings : undefined;
      if (!Array.isArray(items)) throw new HttpError(400, 'body: expected {"readings": [...]} or an array of readings');
      if (items.length > MAX_INGEST_BATCH) throw new HttpError(413, `readings: ${items.length} items; at most ${MAX_INGEST_BATCH} a batch`);
      const result = await ingest.ingest(k.compoundId, items);
      usedKeys.add(k.id);
      res.status(result.rejected.length && !result.accepted && !result.duplicates ? 422 : 200).json(result);
    }),
  );
  return r;
}
