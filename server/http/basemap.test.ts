import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, CONTENT_SECURITY_POLICY } from '../security/headers';
import { basemapFromEnv, basemapOrigins } from './basemap.routes';

describe('BASEMAP_URL', () => {
  it('when it is unset or empty, then there is no basemap and the CSP is the default one', () => {
    expect(basemapFromEnv({})).toBeNull();
    expect(basemapFromEnv({ BASEMAP_URL: '  ' })).toBeNull();
    expect(basemapOrigins(null)).toEqual([]);
    expect(contentSecurityPolicy([])).toBe(CONTENT_SECURITY_POLICY);
  });

  it('when it is a tile template, then it is passed on with its attribution and zoom, and its origins are allowed images only', () => {
    const b = basemapFromEnv({
      BASEMAP_URL: 'https://{s}.tile.example.org/{z}/{x}/{y}.png',
      BASEMAP_ATTRIBUTION: '© OpenStreetMap contributors',
      BASEMAP_MAX_ZOOM: '18',
    });
    expect(b).toEqual({ url: 'https://{s}.tile.example.org/{z}/{x}/{y}.png', attribution: '© OpenStreetMap contributors', maxZoom: 18 });
    expect(basemapOrigins(b)).toEqual(['https://a.tile.example.org', 'https://b.tile.example.org', 'https://c.tile.example.org']);
    const csp = contentSecurityPolicy(basemapOrigins(b));
    expect(csp).toContain("img-src 'self' data: blob: https://a.tile.example.org https://b.tile.example.org https://c.tile.example.org;");
    expect(csp).toContain("connect-src 'self' blob: data:;");
    expect(csp).toContain("default-src 'self';");
    expect(basemapFromEnv({ BASEMAP_URL: 'http://127.0.0.1:9000/{z}/{x}/{y}.png' })?.maxZoom).toBe(19);
  });

  it('when it is not usable, then start-up is refused naming the variable and what is wrong', () => {
    expect(() => basemapFromEnv({ BASEMAP_URL: 'tiles/{z}/{x}/{y}.png' })).toThrow(/BASEMAP_URL="tiles\/\{z\}\/\{x\}\/\{y\}\.png" is not a URL/);
    expect(() => basemapFromEnv({ BASEMAP_URL: 'ftp://tiles.example.org/{z}/{x}/{y}.png' })).toThrow(/BASEMAP_URL=.* must be http or https/);
    expect(() => basemapFromEnv({ BASEMAP_URL: 'https://tiles.example.org/{z}/{x}.png' })).toThrow(/lacks \{y\}/);
    expect(() => basemapFromEnv({ BASEMAP_URL: 'https://t.example.org/{z}/{x}/{y}.png', BASEMAP_MAX_ZOOM: '30' })).toThrow(
      /BASEMAP_MAX_ZOOM="30" must be a whole number from 1 to 22/,
    );
    expect(() => basemapFromEnv({ BASEMAP_URL: 'https://t.example.org/{z}/{x}/{y}.png', BASEMAP_MAX_ZOOM: 'x' })).toThrow(/BASEMAP_MAX_ZOOM/);
    // nothing that would reshape the CSP header the origin goes into
    for (const bad of [
      'https://a;sandbox/{z}/{x}/{y}.png',
      "https://a'b.org/{z}/{x}/{y}.png",
      'http://*.org/{z}/{x}/{y}.png',
      'https://t.org/{z}/{x}/{y}.png;script-src *',
    ])
      expect(() => basemapFromEnv({ BASEMAP_URL: bad }), bad).toThrow(/BASEMAP_URL=.* (has characters|is not a URL)/);
  });
});
