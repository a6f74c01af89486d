import type { ErrorRequestHandler } from 'express';
import { STATUS_CODES } from 'node:http';
import type { z } from 'zod';
import { describeIssues, MAX_ROW_ID } from '../../models';
import { isUnavailable } from '../db/db';

/** An error with an HTTP status and a message safe to show the caller. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** Parses `value` with `schema` or throws a 400 naming `where` and each bad field. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new HttpError(400, describeIssues(where, r.error).replace(/\n/g, '; '));
  return r.data;
}

/** A row id from a path (`/alarms/:id`): a positive int, or a 400 naming what it should have been. `what` with its article: 'an alarm'. */
export function parseRowId(raw: unknown, what: string): number {
  const s = String(raw);
  const id = /^\d{1,10}$/.test(s) ? Number(s) : NaN;
  if (!(id > 0 && id <= MAX_ROW_ID)) throw new HttpError(400, `id: "${s.slice(0, 40)}" is not ${what} id (a whole number from 1 to ${MAX_ROW_ID})`);
  return id;
}

/**
 * JSON errors: 4xx with the reason (429 with Retry-After), 503 + Retry-After when the database is away,
 * 500 otherwise. Only real faults (5xx) are logged with a stack: a client's mistake is not the server's
 * problem and would flood the log. No answer carries a server file path.
 */
export function errorHandler(log: (msg: string) => void): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    if (err instanceof HttpError) {
      if (err.status === 503 || err.status === 429) res.setHeader('Retry-After', String(err.extra?.retryAfterS ?? 5));
      res.status(err.status).json({ error: err.message, ...err.extra });
      return;
    }
    const e = err as { type?: string; status?: number; statusCode?: number; message?: string };
    if (e.type === 'entity.too.large') {
      const { length, limit } = err as { length?: number; limit?: number };
      const sizes = length && limit ? ` (${length} bytes; at most ${limit}: send fewer items a request)` : '';
      return void res.status(413).json({ error: `request body too large: ${e.message}${sizes}` });
    }
    if (e.type === 'entity.parse.failed') return void res.status(400).json({ error: `body is not valid JSON: ${e.message}` });
    const status = e.status ?? e.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) return void res.status(status).json({ error: clientMessage(status, e.message) });
    if (isUnavailable(err)) {
      res.setHeader('Retry-After', '5');
      return void res.status(503).json({ error: 'database unavailable, retry later' });
    }
    log(`[http] ${(err as Error)?.stack ?? String(err)}`);
    res.status(500).json({ error: 'internal error' });
  };
}

// An absolute file path (POSIX or Windows) inside a library's message, e.g. from a file server.
const FILE_PATH = /(?:^|[\s'"(=])(?:\/|[A-Za-z]:\\)[^\s'"]*/;

/** A library's 4xx message (body-parser, Express), unless it would show a server path: then the status text. */
function clientMessage(status: number, message: string | undefined): string {
  if (message && !FILE_PATH.test(message)) return message;
  return STATUS_CODES[status]?.toLowerCase() ?? 'bad request';
}
