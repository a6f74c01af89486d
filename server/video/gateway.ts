// Talking to a stream gateway (MediaMTX, go2rtc, a GB/T 28181 platform): bounded waits, answers streamed
// through without buffering, only media types passed on, HLS playlists rewritten so the browser names
// gateway files by opaque tokens (server/video/hlsFiles.ts) and never learns the gateway's address.
import type { Request, Response } from 'express';
import type { VideoUnavailable } from '../../models/video';
import { HttpError } from '../http/errors';

/** An answer about a camera with the reason the console shows (`{error, reason}`; 503s carry Retry-After). */
export function videoError(status: number, reason: VideoUnavailable, message: string): HttpError {
  return new HttpError(status, message, { reason, ...(status === 503 ? { retryAfterS: reason === 'busy' ? 5 : 10 } : {}) });
}

const UNAVAILABLE_STATUS: Record<VideoUnavailable, number> = { no_stream: 404, no_ffmpeg: 404, camera_offline: 503, gateway_unreachable: 502, busy: 503 };

export function unavailableError(deviceId: string, reason: VideoUnavailable): HttpError {
  const why: Record<VideoUnavailable, string> = {
    no_stream: 'has no stream (no `stream` on the camera and no `video.gateway` on its compound)',
    no_ffmpeg: 'has no video: the demo source needs ffmpeg, which this server does not have',
    camera_offline: 'is offline',
    gateway_unreachable: 'cannot be reached at its gateway',
    busy: 'cannot be played now: too many cameras are being watched',
  };
  return videoError(UNAVAILABLE_STATUS[reason], reason, `camera "${deviceId.slice(0, 80)}" ${why[reason]}`);
}

/**
 * The only types a gateway's answer is passed on as (our origin serves them: an HTML page or a script from a
 * gateway would run as ours). Playlists are always re-typed by us; anything else is a 502.
 */
export const MEDIA_TYPES: ReadonlySet<string> = new Set([
  'video/mp2t',
  'video/mp4',
  'video/iso.segment',
  'audio/aac',
  'audio/mp4',
  'audio/mpeg',
  'audio/mp2t',
  'application/vnd.apple.mpegurl',
  'application/x-mpegurl',
  'application/sdp',
  'multipart/x-mixed-replace',
  'image/jpeg',
]);

/** The media type of a Content-Type (lower case, no parameters), or '' when none. */
export const baseType = (contentType: string | null): string => (contentType ?? '').split(';')[0].trim().toLowerCase();

/** Whether a gateway's Content-Type may be served from our origin (any audio/* too). */
export const isMediaType = (contentType: string | null): boolean => {
  const t = baseType(contentType);
  return MEDIA_TYPES.has(t) || /^audio\/[a-z0-9.+-]+$/.test(t);
};

/** The 502 for an answer of another type. */
export const wrongTypeError = (deviceId: string, contentType: string | null, wanted: string): HttpError =>
  videoError(
    502,
    'gateway_unreachable',
    `the stream gateway of camera "${deviceId.slice(0, 80)}" answered ${baseType(contentType) || 'no type'}, not ${wanted}`,
  );

/**
 * Headers of every answer of the camera routes: nothing in it runs (CSP), its type is not guessed (nosniff),
 * and it is not cached (`segment`: an HLS segment never changes, the browser may keep it privately a little).
 */
export function videoHeaders(res: Response, cache: 'no-store' | 'segment' = 'no-store'): void {
  res.setHeader('Content-Security-Policy', "default-src 'none'");
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', cache === 'segment' ? 'private, max-age=60' : 'no-store');
}

/** Whether the browser has already gone (the socket closed, maybe before our handler ran). */
export const browserGone = (req: Request, res: Response): boolean => res.destroyed || !req.socket || req.socket.destroyed;

/**
 * Calls `fn` once the browser leaves or the answer is done: at once when it has already gone ('close' fired
 * before the handler ran: a listener added now would never run). Returns whether it had gone.
 */
export function onLeave(req: Request, res: Response, fn: () => void): boolean {
  if (browserGone(req, res)) {
    fn();
    return true;
  }
  res.once('close', fn);
  return false;
}

export interface UpstreamOptions {
  /** Until the gateway's answer headers arrive. */
  firstByteMs: number;
  /** Aborts the request, its body included (the browser left, a deadline passed, the server closes). */
  signal: AbortSignal;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
}

/** The host of a gateway URL, for messages (never its path, query or user: they may carry a token). */
const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return 'the gateway';
  }
};

/** A URL's user:password as Basic authorization (fetch refuses URLs with credentials), and the URL without them. */
export function splitCredentials(url: string): { url: string; authorization?: string } {
  const u = new URL(url);
  if (!u.username && !u.password) return { url };
  const authorization = 'Basic ' + Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64');
  u.username = '';
  u.password = '';
  return { url: u.href, authorization };
}

/**
 * Fetches from the gateway: a 502 gateway_unreachable when it cannot be reached or its headers do not come
 * within `firstByteMs`. `signal` stays tied to the answer: aborting it later ends the body's read too.
 */
export async function fetchUpstream(deviceId: string, url: string, o: UpstreamOptions): Promise<globalThis.Response> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), o.firstByteMs);
  const { url: bare, authorization } = splitCredentials(url);
  try {
    return await fetch(bare, {
      method: o.method ?? 'GET',
      body: o.body,
      headers: { ...o.headers, ...(authorization ? { authorization } : {}) },
      signal: AbortSignal.any([o.signal, timeout.signal]),
      redirect: 'manual',
    });
  } catch (e) {
    const timedOut = !o.signal.aborted && timeout.signal.aborted;
    const cause = (e as Error).cause as Error | undefined;
    throw videoError(
      502,
      'gateway_unreachable',
      `the stream gateway of camera "${deviceId.slice(0, 80)}" (${hostOf(url)}) ${timedOut ? `did not answer within ${o.firstByteMs} ms` : `cannot be reached (${cause ? String(cause.message ?? cause) : (e as Error).message})`}`,
    );
  } finally {
    clearTimeout(timer);
  }
}

/** A gateway's refusal as our answer: it has no such stream (not publishing) → camera_offline; anything else → gateway_unreachable. */
export function upstreamStatusError(deviceId: string, url: string, status: number): HttpError {
  if (status === 404 || status === 410)
    return videoError(503, 'camera_offline', `camera "${deviceId.slice(0, 80)}" is not publishing at its gateway (${hostOf(url)} answered ${status})`);
  return videoError(502, 'gateway_unreachable', `the stream gateway of camera "${deviceId.slice(0, 80)}" (${hostOf(url)}) answered ${status}`);
}

/**
 * Reads at most `max` bytes of a body as text; null when longer. A read cut off (the request's signal
 * aborted: a deadline, the browser left) throws.
 */
export async function readLimited(body: ReadableStream<Uint8Array> | null, max: number): Promise<string | null> {
  if (!body) return '';
  const chunks: Uint8Array[] = [];
  let n = 0;
  for await (const c of body as unknown as AsyncIterable<Uint8Array>) {
    n += c.length;
    if (n > max) {
      await body.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(c);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Streams an upstream body to the browser as it comes, dropping nothing and buffering little (waits for the
 * browser to drain); ends when either side does, or after `idleMs` without a byte from the gateway (`ac`
 * is the request's controller: aborting it ends the read).
 */
export async function pipeBody(body: ReadableStream<Uint8Array> | null, res: Response, ac: AbortController, idleMs: number): Promise<void> {
  if (!body) return void res.end();
  const reader = body.getReader();
  let idle = setTimeout(() => ac.abort(), idleMs);
  const onClose = () => ac.abort();
  res.once('close', onClose);
  try {
    while (!res.destroyed) {
      const { done, value } = await reader.read();
      if (done) break;
      clearTimeout(idle);
      idle = setTimeout(() => ac.abort(), idleMs);
      if (res.destroyed) break;
      if (!res.write(value)) {
        // a destroyed answer never drains: only wait for a live one
        if (res.destroyed) break;
        await new Promise<void>((resolve) => {
          const go = () => {
            res.off('drain', go);
            res.off('close', go);
            resolve();
          };
          res.once('drain', go);
          res.once('close', go);
        });
      }
    }
    if (!res.destroyed) res.end();
  } catch {
    // the gateway went away or stalled mid-stream, or the browser left: the answer has started, so it just ends
    res.destroy();
  } finally {
    clearTimeout(idle);
    res.off('close', onClose);
    ac.abort();
    reader.cancel().catch(() => undefined);
  }
}

/** Whether a (decoded) path segment may name a file of a camera's HLS stream (no separators, dots or empties). */
export const safeSegment = (s: string): boolean => s.length > 0 && s.length <= 200 && s !== '.' && s !== '..' && !/[/\\]/.test(s);

/**
 * Points a playlist's URIs at our routes: each URI that resolves to the gateway's origin (`origin`) becomes
 * what `name` gives for it (our URL of that file; `playlist` when the URI names a playlist: a variant
 * after #EXT-X-STREAM-INF, a rendition of #EXT-X-MEDIA, an I-frame playlist, or a `.m3u8` path); other
 * hosts' URIs are left alone (our proxy never fetches them).
 */
export function rewritePlaylist(text: string, playlistUrl: string, origin: string, name: (abs: URL, playlist: boolean) => string): string {
  const rewrite = (u: string, playlist: boolean): string => {
    let abs: URL;
    try {
      abs = new URL(u, playlistUrl);
    } catch {
      return u;
    }
    if (abs.origin !== origin) return u;
    return name(abs, playlist || /\.m3u8?$/i.test(abs.pathname));
  };
  let variantNext = false;
  return text
    .split(/(\r?\n)/)
    .map((line) => {
      const t = line.trim();
      if (!t || line === '\n' || line === '\r\n') return line;
      if (t.startsWith('#')) {
        if (t.startsWith('#EXT-X-STREAM-INF')) variantNext = true;
        const tagPlaylist = /^#EXT-X-(MEDIA|I-FRAME-STREAM-INF|RENDITION-REPORT)\b/.test(t);
        return line.replace(/URI="([^"]*)"/g, (_m, u: string) => `URI="${rewrite(u, tagPlaylist)}"`);
      }
      const out = rewrite(t, variantNext);
      variantNext = false;
      return out;
    })
    .join('');
}
