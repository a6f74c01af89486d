import type { RequestHandler } from 'express';
import { HttpError } from './errors';

/*
 * The one place where text from the wire is checked before any route sees it. PostgreSQL refuses NUL
 * in text and JSON, and a lone surrogate cannot be stored as UTF-8, so either would fail deep inside a
 * query as a 500; an invalid percent escape makes decodeURIComponent throw a URIError. All of these
 * are the caller's mistake: a 400 that says where. Text is checked, not rewritten: silently changing
 * what someone typed (a title, a comment) would be worse than refusing it.
 */

/** Deeper than any real body (GeoJSON MultiPolygons are 7 levels); bounds the walk of a hostile one. */
export const MAX_BODY_DEPTH = 64;

// Runs of percent escapes, a broken last one included, so the message quotes the whole run.
const ESCAPE_RUN = /(?:%[0-9A-Fa-f]{0,2})+/g;

const isWellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

/** What is wrong with one piece of decoded text, or undefined when nothing is. */
function badText(s: string): string | undefined {
  if (s.includes('\u0000')) return 'contains a NUL character';
  if (!isWellFormed(s)) return 'contains a lone surrogate (not valid Unicode)';
  return undefined;
}

/** Decodes one percent-encoded URL part, or says what is wrong with it (an invalid escape or bad text). */
function decodeUrlPart(raw: string, plusIsSpace: boolean): { text: string } | { problem: string } {
  for (const [run] of raw.matchAll(ESCAPE_RUN)) {
    let ok = /^(?:%[0-9A-Fa-f]{2})+$/.test(run);
    if (ok) {
      try {
        decodeURIComponent(run);
      } catch {
        ok = false; // not UTF-8
      }
    }
    if (!ok) return { problem: `invalid percent-encoding at "${run}"` };
  }
  const text = decodeURIComponent(plusIsSpace ? raw.replace(/\+/g, ' ') : raw);
  const problem = badText(text);
  return problem ? { problem: problem === 'contains a NUL character' && /%00/.test(raw) ? `${problem} (%00)` : problem } : { text };
}

/** The first problem in the raw path and query string, named by where it is (`path`, `query.deviceId`). */
export function urlProblem(url: string): string | undefined {
  const q = url.indexOf('?');
  const path = decodeUrlPart(q < 0 ? url : url.slice(0, q), false);
  if ('problem' in path) return `path: ${path.problem}`;
  if (q < 0) return undefined;
  for (const pair of url.slice(q + 1).split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = decodeUrlPart(eq < 0 ? pair : pair.slice(0, eq), true);
    if ('problem' in key) return `query: parameter name ${key.problem}`;
    if (eq < 0) continue;
    const value = decodeUrlPart(pair.slice(eq + 1), true);
    if ('problem' in value) return `query.${key.text}: ${value.problem}`;
  }
  return undefined;
}

/** The first bad header value. Node's parser already refuses NUL and control bytes; this keeps it so behind any other front. */
export function headerProblem(headers: Record<string, string | string[] | undefined>): string | undefined {
  for (const [name, value] of Object.entries(headers)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      const problem = badText(v);
      if (problem) return `header ${name}: ${problem}`;
    }
  }
  return undefined;
}

const step = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;

/**
 * The first bad string or key in a parsed JSON value, in document order (an object's keys before its
 * values), named by its path (`body.title`, `body.items[2].name`). Ingest runs it over every batch: the
 * walk allocates nothing until it finds a problem, and its depth is bounded, so recursion is safe.
 */
export function jsonProblem(value: unknown, root = 'body'): string | undefined {
  const found = problemIn(value, 0);
  return found && `${root}${found.path}: ${found.problem}`;
}

/** The problem below `v` with its path relative to `v`, built only on the way back from a find. */
function problemIn(v: unknown, depth: number): { path: string; problem: string } | undefined {
  if (typeof v === 'string') {
    const problem = badText(v);
    return problem ? { path: '', problem } : undefined;
  }
  if (v === null || typeof v !== 'object') return undefined;
  if (depth >= MAX_BODY_DEPTH) return { path: '', problem: `nested deeper than ${MAX_BODY_DEPTH} levels` };
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const found = problemIn(v[i], depth + 1);
      if (found) return { path: step('', i) + found.path, problem: found.problem };
    }
    return undefined;
  }
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    const problem = badText(k);
    if (problem) return { path: step('', k), problem: `key ${problem}` };
  }
  for (const k of Object.keys(o)) {
    const found = problemIn(o[k], depth + 1);
    if (found) return { path: step('', k) + found.path, problem: found.problem };
  }
  return undefined;
}

/** Mounted first, for every request: bad path, query or header text is a 400 before any route runs. */
export function rejectBadUrl(): RequestHandler {
  return (req, _res, next) => {
    const problem = urlProblem(req.originalUrl) ?? headerProblem(req.headers);
    next(problem ? new HttpError(400, problem) : undefined);
  };
}

/** Mounted right after each JSON body parser: a bad string or key anywhere in the body is a 400. */
export function rejectBadBody(): RequestHandler {
  return (req, _res, next) => {
    const problem = req.body === undefined ? undefined : jsonProblem(req.body);
    next(problem ? new HttpError(400, problem) : undefined);
  };
}
