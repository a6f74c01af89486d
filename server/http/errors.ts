import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { z } from 'zod';
import { describeIssues } from '../../models';
import { isUnavailable } from '../db/db';

/** An error with an HTTP status and a message safe to show the caller. */
export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly extra?: Record<string, unknown>) {
    super(message);
  }
}

/** Parses `value` with `schema` or throws a 400 naming `where` and each bad field. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new HttpError(400, describeIssues(where, r.error).replace(/\n/g, '; '));
  return r.data;
}

/** Wraps an async handler so rejections reach the error middleware. */
export const route = (fn: (...a: Parameters<RequestHandler>) => Promise<unknown>): RequestHandler => (req, res, next) => {
  fn(req, res, next).catch(next);
};

/** JSON errors: 4xx with the reason (429 with Retry-After), 503 + Retry-After when the database is away, 500 otherwise (logged). */
export function errorHandler(log: (msg: string) => void): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    if (err instanceof HttpError) {
      if (err.status === 503 || err.status === 429) res.setHeader('Retry-After', String(err.extra?.retryAfterS ?? 5));
      res.status(err.status).json({ error: err.message, ...err.extra });
      return;
    }
    const e = err as { type?: string; status?: number; message?: string };
    if (e.type === 'entity.too.large') return void res.status(413).json({ error: `request body too large: ${e.message}` });
    if (e.type === 'entity.parse.failed') return void res.status(400).json({ error: `body is not valid JSON: ${e.message}` });
    if (e.status && e.status >= 400 && e.status < 500) return void res.status(e.status).json({ error: e.message ?? 'bad request' });
    if (isUnavailable(err)) {
      res.setHeader('Retry-After', '5');
      return void res.status(503).json({ error: 'database unavailable, retry later' });
    }
    log(`[http] ${(err as Error)?.stack ?? String(err)}`);
    res.status(500).json({ error: 'internal error' });
  };
}
