import { z } from 'zod';
import { ApiKeyCreateSchema } from '../../models';
import type { Db } from '../db/db';
import { createApiKey, listApiKeys, revokeApiKey } from '../db/apiKeys.repo';
import { listAudit } from '../db/audit.repo';
import { HttpError, parseOr400 } from '../http/errors';
import { ADMIN_ONLY, type PolicyDeps } from '../http/policy';
import { secureRouter } from '../http/secureRouter';
import type { ApiKeyCache } from '../security/apiKeyCache';
import type { AuditLog } from '../security/auditLog';
import { idParam } from './adminUsers.routes';
import { ipOf } from './principal';

const KeyQuerySchema = z.strictObject({ compoundId: z.string().max(64).optional() });
const AuditQuerySchema = z.strictObject({
  actor: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  since: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** Admin API for gateways' device keys (scoped to a compound, hashed, revocable) and the audit log. */
export function adminKeysRouter(
  db: Db,
  keyCache: ApiKeyCache,
  audit: AuditLog,
  knownCompound: (id: string) => boolean,
  /** Writes pending last-used times so the list shows them. */
  flushKeyUse: () => Promise<void>,
  deps: PolicyDeps,
) {
  const r = secureRouter(deps);
  r.get('/admin/keys', ADMIN_ONLY, async (req, res) => {
    const q = parseOr400(KeyQuerySchema, req.query, 'query');
    await flushKeyUse();
    res.json(await listApiKeys(db, q.compoundId));
  });
  r.post('/admin/keys', ADMIN_ONLY, async (req, res) => {
    const body = parseOr400(ApiKeyCreateSchema, req.body ?? {}, 'body');
    if (!knownCompound(body.compoundId)) throw new HttpError(400, `compoundId: unknown compound "${body.compoundId}"`);
    const k = await createApiKey(db, body.compoundId, body.name);
    audit.record({ actor: req.user!.name, action: 'api_key.create', target: String(k.id), detail: body, ip: ipOf(req) });
    // The key is shown this once; only its hash is kept.
    res.status(201).json({ id: k.id, key: k.key, compoundId: body.compoundId, name: body.name });
  });
  r.delete('/admin/keys/:id', ADMIN_ONLY, async (req, res) => {
    const id = idParam(req, 'a key');
    if (!(await revokeApiKey(db, id))) throw new HttpError(404, `key ${id} not found or already revoked`);
    keyCache.revoke(id);
    audit.record({ actor: req.user!.name, action: 'api_key.revoke', target: String(id), ip: ipOf(req) });
    res.status(204).end();
  });
  r.get('/admin/audit', ADMIN_ONLY, async (req, res) => {
    const q = parseOr400(AuditQuerySchema, req.query, 'query');
    await audit.idle();
    res.json(await listAudit(db, q));
  });
  return r.router;
}
