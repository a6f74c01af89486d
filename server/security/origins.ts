import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { HttpError } from '../http/errors';

/**
 * Same origin by default: a browser request whose Origin is another site is refused unless listed
 * in `allowed` (ALLOWED_ORIGINS). Requests without Origin (curl, gateways, same-origin GETs) pass.
 */
export function originAllowed(req: Pick<IncomingMessage, 'headers'>, allowed: ReadonlySet<string>): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowed.has(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** Strict CORS for /api: listed origins get credentials-enabled CORS, other foreign origins a 403. */
export function strictCors(allowed: ReadonlySet<string>): RequestHandler {
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (!originAllowed(req, allowed)) return next(new HttpError(403, `origin ${String(origin).slice(0, 100)} is not allowed (set ALLOWED_ORIGINS)`));
    if (origin && allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Vary', 'Origin');
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE');
        res.setHeader('Access-Control-Allow-Headers', 'content-type, authorization, x-api-key');
        res.setHeader('Access-Control-Max-Age', '600');
        return void res.status(204).end();
      }
    }
    next();
  };
}
