// The routes an Express app really serves, read from its router stack (Express 5 / router 2): what the
// OpenAPI coverage test compares the document against, and where each route's declared policy is found.
import type { Express, RequestHandler } from 'express';
import { POLICY, type Policy } from '../http/policy';

interface Layer {
  rawPath?: string | string[] | RegExp;
  route?: { path: string | string[]; methods: Record<string, boolean>; stack: Layer[] };
  handle: RequestHandler & { stack?: Layer[]; [POLICY]?: Policy };
}

export interface ServedRoute {
  method: string;
  /** Express syntax, full path: /api/v1/compounds/:id */
  path: string;
  /** The policy its first handler enforces; undefined: none declared. */
  policy?: Policy;
  /** The route's own handler stack (to put a refusal in front of an undeclared one). */
  stack: Layer[];
}

const join = (a: string, b: string) => (a + (b === '/' ? '' : b)).replace(/\/{2,}/g, '/') || '/';
const paths = (p: Layer['rawPath']): string[] => (p === undefined ? ['/'] : Array.isArray(p) ? p : p instanceof RegExp ? [String(p)] : [p]);

function walk(stack: Layer[], prefix: string, out: ServedRoute[]): void {
  for (const layer of stack) {
    if (layer.route) {
      const policy = layer.route.stack[0]?.handle[POLICY];
      for (const p of paths(layer.route.path)) {
        for (const [m, on] of Object.entries(layer.route.methods))
          if (on && m !== '_all') out.push({ method: m, path: join(prefix, p), policy, stack: layer.route.stack });
      }
    } else if (Array.isArray(layer.handle.stack)) {
      for (const p of paths(layer.rawPath)) walk(layer.handle.stack, join(prefix, p), out);
    }
  }
}

/** Every (method, path) the app routes, sorted; `under` keeps only paths below a prefix (e.g. /api). */
export function servedRoutes(app: Express, under = '/'): ServedRoute[] {
  const out: ServedRoute[] = [];
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '', out);
  const seen = new Set<string>();
  return out
    .filter((r) => r.path === under || r.path.startsWith(under.endsWith('/') ? under : under + '/'))
    .filter((r) => !seen.has(r.method + r.path) && seen.add(r.method + r.path))
    .sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
