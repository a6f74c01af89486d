import type { RequestHandler } from 'express';
import type { AuthService } from './auth.service';
import { credentialOf } from './principal';

/**
 * Sets req.auth / req.user when a valid credential came with the request; never refuses: each route's
 * policy decides (server/http/policy.ts). Gateways send their device key as a Bearer to /ingest:
 * that is ingest's to check, not a session.
 */
export function identify(auth: AuthService): RequestHandler {
  return (req, _res, next) => {
    // Mounted at /api.
    if (req.path === '/v1/ingest') return next();
    const secret = credentialOf(req);
    if (!secret) return next();
    auth.resolve(secret).then((p) => {
      if (p) {
        req.auth = p;
        req.user = { ...p.user, name: p.user.username };
      }
      next();
    }, next);
  };
}
