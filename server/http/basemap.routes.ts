import { z } from 'zod';
import { describeRoute } from '../openapi/describeRoute';
import { none, type PolicyDeps } from './policy';
import { secureRouter } from './secureRouter';

/** An optional raster basemap (XYZ tiles, Web Mercator) drawn under the site; off unless BASEMAP_URL is set. */
export interface BasemapConfig {
  /** Tile URL template with {z}, {x} and {y} (and optionally {s} → a, b, c), http(s). */
  url: string;
  /** Shown over the scene whenever the tiles are (OpenStreetMap and most providers require it). */
  attribution: string;
  maxZoom: number;
}

export const BasemapAnswerSchema = z.object({
  basemap: z.object({ url: z.string(), attribution: z.string(), maxZoom: z.int() }).nullable().describe('null: no basemap configured (the default)'),
});

export class BasemapConfigError extends Error {}

/**
 * Reads BASEMAP_URL, BASEMAP_ATTRIBUTION and BASEMAP_MAX_ZOOM; null when BASEMAP_URL is unset or empty.
 * A URL that is not http(s) or lacks {z}/{x}/{y}, or a zoom outside 1–22, is refused naming the variable.
 */
export function basemapFromEnv(env: Record<string, string | undefined>): BasemapConfig | null {
  const url = env.BASEMAP_URL?.trim();
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url.replace(/\{[sxyz]\}/g, '0'));
  } catch {
    throw new BasemapConfigError(`BASEMAP_URL="${url}" is not a URL (expected e.g. https://tile.example.org/{z}/{x}/{y}.png)`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new BasemapConfigError(`BASEMAP_URL="${url}" must be http or https`);
  // The origin goes into the CSP's img-src: a host name of letters, digits, dots and hyphens only (no ; ' , * that would reshape the header).
  if (!/^[a-z0-9.-]+$/i.test(parsed.hostname) || /[;,'"\s*]/.test(url))
    throw new BasemapConfigError(`BASEMAP_URL="${url}" has characters a tile URL does not need (; , ' " * or spaces, or an odd host name)`);
  for (const k of ['{z}', '{x}', '{y}']) if (!url.includes(k)) throw new BasemapConfigError(`BASEMAP_URL="${url}" lacks ${k} (expected …/{z}/{x}/{y}.png)`);
  const zRaw = env.BASEMAP_MAX_ZOOM?.trim();
  const maxZoom = zRaw ? Number(zRaw) : 19;
  if (!Number.isInteger(maxZoom) || maxZoom < 1 || maxZoom > 22) throw new BasemapConfigError(`BASEMAP_MAX_ZOOM="${zRaw}" must be a whole number from 1 to 22`);
  const attribution = (env.BASEMAP_ATTRIBUTION ?? '').trim().slice(0, 200);
  return { url, attribution, maxZoom };
}

/** The origins tiles are loaded from (for the CSP's img-src): the template's, with {s} expanded to a, b, c. */
export function basemapOrigins(b: BasemapConfig | null | undefined): string[] {
  if (!b) return [];
  const subs = b.url.includes('{s}') ? ['a', 'b', 'c'] : [''];
  return [...new Set(subs.map((s) => new URL(b.url.replace('{s}', s).replace(/\{[xyz]\}/g, '0')).origin))];
}

describeRoute('get', '/api/v1/basemap', {
  summary: 'The raster basemap the scene draws under the site, if one is configured (BASEMAP_URL)',
  tags: ['health'],
  responses: { 200: { description: 'the tile URL template, attribution and maximum zoom, or null', schema: BasemapAnswerSchema } },
});

/** `GET /basemap` → {basemap: BasemapConfig | null}, for any signed-in user (it names no compound). */
export function basemapRouter(basemap: BasemapConfig | null, deps: PolicyDeps) {
  const r = secureRouter(deps);
  r.get('/basemap', { gate: 'signed-in', compound: none(), masked: 'same' }, () => ({ basemap }));
  return r.router;
}
