import type { RequestHandler } from 'express';

/**
 * The app's own scripts only; workers and textures may come from blob:/data: (three.js loaders,
 * WebGL textures); sockets and fetches to this origin; never framed by anyone.
 * 'wasm-unsafe-eval' lets the glTF decoders (Draco, meshopt) compile their WebAssembly; it allows no
 * JavaScript eval and no script from anywhere but this origin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "font-src 'self' data:",
  // Inline style attributes are set by React and the 3D overlays; no inline script is allowed.
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The policy with extra origins images may come from (a configured basemap's tile server); none: the default policy. */
export function contentSecurityPolicy(imgOrigins: readonly string[] = []): string {
  if (!imgOrigins.length) return CONTENT_SECURITY_POLICY;
  return CONTENT_SECURITY_POLICY.replace("img-src 'self' data: blob:", `img-src 'self' data: blob: ${imgOrigins.join(' ')}`);
}

/** Security headers on every answer; API answers are never cached. `imgOrigins`: basemap tile servers the CSP lets images come from. */
export function securityHeaders(opts: { hsts: boolean; imgOrigins?: readonly string[] }): RequestHandler {
  const csp = contentSecurityPolicy(opts.imgOrigins);
  return (req, res, next) => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    // The wall URL carries its token: never leak it in a Referer.
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    if (opts.hsts) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    if (req.path.startsWith('/api/')) res.setHeader('Cache-Control', 'no-store');
    next();
  };
}
