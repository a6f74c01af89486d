// The routes an Express app really serves, read from its router stack (Express 5 / router 2):
// what the OpenAPI coverage test compares the document against.
import type { Express } from 'express';

interface Layer {
  rawPath?: string | string[] | RegExp;
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

export interface ServedRoute {
  method: string;
  /** Express syntax, full path: /api/v1/compounds/:id */
  path: string;
}

const join = (a: string, b: string) => (a + (b === '/' ? '' : b)).replace(/\/{2,}/g, '/') || '/';
const paths = (p: Layer['rawPath']): string[] => (p === undefined ? ['/'] : Array.isArray(p) ? p : p instanceof RegExp ? [String(p)] : [p]);

function walk(stack: Layer[], prefix: string, out: ServedRoute[]): void {
  for (const layer of stack) {
    if (layer.route) {
      for (const p of paths(layer.route.path as Layer['rawPath'])) {
        for (const [m, on] of Object.entries(layer.route.methods)) if (on && m !== '_all') out.push({ method: m, path: join(prefix, p) });
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
