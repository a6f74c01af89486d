// Live video of cameras, through our server under the API's policy: the browser never learns the gateway's
// address. A camera plays from its own `stream`, its compound's gateway, or (demo mode) the local ffmpeg
// source (server/video/demoSource.ts); every failure is an answer with a reason, never a hang.
import express, { type Request, type Response } from 'express';
import type { Device } from '../../models';
import type { CameraStreamInfo } from '../../models/video';
import type { CompoundRegistry } from '../compounds/registry';
import type { Twins } from '../live/twins';
import { HttpError } from '../http/errors';
import { deviceCompound, type PolicyDeps } from '../http/policy';
import { secureRouter } from '../http/secureRouter';
import { BusyError, DEFAULT_DEMO_OPTIONS, DemoSources, findFfmpeg, type DemoCamera } from './demoSource';
import { JpegSplitter } from './jpegFrames';
import {
  baseType,
  browserGone,
  fetchUpstream,
  isMediaType,
  onLeave,
  pipeBody,
  readLimited,
  rewritePlaylist,
  safeSegment,
  unavailableError,
  upstreamStatusError,
  videoError,
  videoHeaders,
  wrongTypeError,
} from './gateway';
import { HlsFiles } from './hlsFiles';
import { cameraPath, resolveStream, streamInfo, type ResolvedStream } from './resolveStream';

export interface VideoOptions {
  /** The ffmpeg executable (VIDEO_FFMPEG); undefined: `ffmpeg` on PATH; null: none. */
  ffmpeg?: string | null;
  /** Most demo ffmpeg children at once (VIDEO_DEMO_MAX_SOURCES, default 6). */
  maxSources?: number;
  /** How long a demo source runs on after its last viewer (default 4 s). */
  idleStopMs?: number;
  /** Until a gateway's answer headers arrive (default 5 s); a playlist, WHEP answer or still must be whole within twice this. */
  firstByteMs?: number;
  /** A gateway stream (MJPEG, a segment) that sends nothing this long is ended (default 10 s). */
  idleMs?: number;
}

/** Largest SDP offer accepted (a browser's offer is a few kB). */
export const MAX_SDP_BYTES = 64 * 1024;
/** Largest HLS playlist rewritten (a live window is a few kB). */
const MAX_PLAYLIST_BYTES = 1024 * 1024;
const BOUNDARY = 'twinframe';
/** How long a still may wait for a demo source's first frame. */
const STILL_START_MS = 8_000;

/** A camera's playlists are learned again (a token this process has not seen) at most this often. */
const RELEARN_MS = 1_000;
/** Most playlists fetched when learning a camera's files again (its main playlist and its variants). */
const RELEARN_PLAYLISTS = 5;

/** One gateway request of a route: aborted when the browser leaves, its deadline passes or the server closes. */
export interface GatewayCall {
  ac: AbortController;
  /** The browser had gone before the request started: nothing to do. */
  gone: boolean;
  /** The deadline passed (the abort was ours). */
  expired: () => boolean;
  done: () => void;
}

export class VideoService {
  readonly demo: DemoSources;
  readonly firstByteMs: number;
  readonly idleMs: number;
  /** A playlist, WHEP answer or still must be whole within this (headers within firstByteMs). */
  readonly readMs: number;
  /** The HLS files each camera's playlists named: the only ones served. */
  readonly hls = new HlsFiles();
  /** Requests to gateways in flight: aborted on close, so no streamed answer keeps the server open. */
  private readonly inFlight = new Set<AbortController>();
  private readonly relearned = new Map<string, { at: number; p: Promise<void> }>();

  constructor(
    private readonly registry: CompoundRegistry,
    private readonly twins: Twins,
    private readonly demoMode: boolean,
    opts: VideoOptions,
    log: (msg: string) => void,
  ) {
    const ffmpeg = opts.ffmpeg === null ? null : findFfmpeg(opts.ffmpeg);
    if (opts.ffmpeg && !ffmpeg) log(`[video] VIDEO_FFMPEG="${opts.ffmpeg}" is not an executable ffmpeg`);
    this.demo = new DemoSources({
      ffmpeg,
      maxSources: opts.maxSources ?? DEFAULT_DEMO_OPTIONS.maxSources,
      idleStopMs: opts.idleStopMs ?? DEFAULT_DEMO_OPTIONS.idleStopMs,
      fps: DEFAULT_DEMO_OPTIONS.fps,
      log,
    });
    this.firstByteMs = opts.firstByteMs ?? 5_000;
    this.idleMs = opts.idleMs ?? 10_000;
    this.readMs = this.firstByteMs * 2;
    if (demoMode && !ffmpeg) log('[video] ffmpeg not found (VIDEO_FFMPEG or PATH): the demo cameras have no video');
  }

  /** The camera a path names (its policy passed): 404 for any other device. */
  camera(id: string): Device {
    const d = this.registry.device(id);
    if (!d) throw new HttpError(404, `device "${id.slice(0, 80)}" not found`);
    if (d.type !== 'camera') throw new HttpError(404, `device "${id.slice(0, 80)}" is not a camera (it is a ${d.type})`);
    return d;
  }

  resolve(d: Device): ResolvedStream {
    const compoundId = this.registry.compoundOfDevice(d.id);
    const gateway = compoundId ? this.registry.get(compoundId)?.doc.video?.gateway : undefined;
    const status = this.twins.ofDevice(d.id)?.live.states.get(d.id)?.status;
    return resolveStream(d, { gateway, demo: this.demoMode, ffmpeg: this.demo.available, status });
  }

  /** What the demo source burns into a camera's picture: its id, name and the compound's local time. */
  demoCamera(d: Device): DemoCamera {
    const compoundId = this.registry.compoundOfDevice(d.id);
    return { id: d.id, name: d.name, timeZone: compoundId ? this.registry.get(compoundId)?.doc.timeZone : undefined };
  }

  info(id: string): CameraStreamInfo {
    return streamInfo(id, this.resolve(this.camera(id)));
  }

  /** A playable stream of the kind a route serves, or the answer saying why not. */
  playable(id: string, kind: 'mjpeg' | 'hls' | 'whep'): { device: Device; r: ResolvedStream } {
    const device = this.camera(id);
    const r = this.resolve(device);
    if (r.unavailable) throw unavailableError(id, r.unavailable);
    if (r.kind !== kind) {
      const url = streamInfo(id, r).url;
      throw videoError(404, 'no_stream', `camera "${id.slice(0, 80)}" is served as ${r.kind}, not ${kind}: play ${url}`);
    }
    return { device, r };
  }

  /**
   * Starts a gateway request for a browser's request: its controller is aborted when the browser leaves
   * (at once when it left before our handler ran), after `deadlineMs` if given, or when the server closes.
   */
  call(req: Request | null, res: Response | null, deadlineMs?: number): GatewayCall {
    const ac = new AbortController();
    this.inFlight.add(ac);
    let expired = false;
    const timer = deadlineMs
      ? setTimeout(() => {
          expired = true;
          ac.abort();
        }, deadlineMs)
      : null;
    const gone = req && res ? onLeave(req, res, () => ac.abort()) : false;
    return {
      ac,
      gone,
      expired: () => expired,
      done: () => {
        if (timer) clearTimeout(timer);
        this.inFlight.delete(ac);
      },
    };
  }

  /**
   * Fetches one playlist of a camera's HLS stream (`main`: its configured playlist) and rewrites it: every
   * gateway file it names becomes a token of ours, remembered as one the browser may ask for.
   */
  async playlist(id: string, main: string, href: string, c: GatewayCall, children?: string[]): Promise<string> {
    const up = await fetchUpstream(id, href, { firstByteMs: this.firstByteMs, signal: c.ac.signal });
    if (!up.ok) {
      void up.body?.cancel().catch(() => undefined);
      if (href !== main && up.status === 404) throw new HttpError(404, `camera "${id.slice(0, 80)}"'s playlist is gone at its gateway (expired?)`);
      throw upstreamStatusError(id, href, up.status);
    }
    return this.rewriteAnswer(id, main, href, up, c, children);
  }

  /** A playlist answer of the gateway, read within the call's deadline and rewritten (`children`: the playlists it names). */
  async rewriteAnswer(id: string, main: string, href: string, up: globalThis.Response, c: GatewayCall, children?: string[]): Promise<string> {
    const text = await readLimited(up.body, MAX_PLAYLIST_BYTES).catch(() => {
      throw videoError(
        502,
        'gateway_unreachable',
        c.expired()
          ? `the stream gateway of camera "${id.slice(0, 80)}" did not send its whole playlist within ${this.readMs} ms`
          : `the stream gateway of camera "${id.slice(0, 80)}" broke off its playlist`,
      );
    });
    if (text === null) throw videoError(502, 'gateway_unreachable', `the playlist of camera "${id.slice(0, 80)}" is over ${MAX_PLAYLIST_BYTES} bytes`);
    const body = text.replace(/^\uFEFF/, '');
    if (!body.startsWith('#EXTM3U')) throw wrongTypeError(id, up.headers.get('content-type'), 'an HLS playlist (#EXTM3U)');
    const ours = `${cameraPath(id)}/stream/hls/`;
    return rewritePlaylist(body, href, new URL(main).origin, (abs, playlist) => {
      if (abs.href === main) return ours + ownName(main);
      if (playlist) children?.push(abs.href);
      return ours + this.hls.add(id, main, { href: abs.href, playlist });
    });
  }

  /**
   * Learns a camera's files again from its playlists (this process has not rewritten them yet: another one
   * of a cluster did, or it restarted), at most once a second per camera.
   */
  relearn(id: string, main: string): Promise<void> {
    const key = `${id}\n${main}`;
    const last = this.relearned.get(key);
    if (last && Date.now() - last.at < RELEARN_MS) return last.p;
    if (this.relearned.size > 10_000) this.relearned.clear();
    const p = (async () => {
      const c = this.call(null, null, this.readMs);
      try {
        const queue = [main];
        for (let n = 0; n < RELEARN_PLAYLISTS && queue.length; n++) await this.playlist(id, main, queue.shift()!, c, queue);
      } catch {
        // the gateway fails now: the file stays unknown (404); the playlist's own request says why
      } finally {
        c.done();
      }
    })();
    this.relearned.set(key, { at: Date.now(), p });
    return p;
  }

  close(): void {
    for (const ac of this.inFlight) ac.abort();
    this.inFlight.clear();
    this.demo.close();
  }
}

const safeDecode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** The name of a camera's main playlist on our route (decoded, as Express gives path parameters). */
const ownName = (main: string): string => new URL(main).pathname.split('/').pop() || 'index.m3u8';
const ownNameDecoded = (main: string): string => safeDecode(ownName(main));

/** The id in the path, as Express decoded it. */
const idOf = (req: Request): string => String(req.params.id);

/**
 * Answers `multipart/x-mixed-replace` MJPEG from the demo source until the browser leaves. HEAD: headers
 * only, no ffmpeg. A browser that left while the policy was checked starts nothing.
 */
function serveDemoMjpeg(svc: VideoService, device: Device, req: Request, res: Response): void {
  const headers = () => {
    res.status(200);
    res.setHeader('Content-Type', `multipart/x-mixed-replace; boundary=${BOUNDARY}`);
    res.setHeader('X-Accel-Buffering', 'no');
  };
  if (req.method === 'HEAD') {
    headers();
    return void res.end();
  }
  // its 'close' has fired already: a listener added now would never run, and the source would keep a viewer for good
  if (browserGone(req, res)) return;
  let leave: () => void = () => undefined;
  let waiting = false;
  try {
    leave = svc.demo.watch(
      svc.demoCamera(device),
      (jpeg) => {
        // a slow browser misses frames rather than piling them up
        if (waiting || res.writableEnded || res.destroyed) return;
        res.write(`--${BOUNDARY}\r\nContent-Type: image/jpeg\r\nContent-Length: ${jpeg.length}\r\n\r\n`);
        waiting = !res.write(Buffer.concat([jpeg, CRLF]));
      },
      () => {
        leave();
        if (!res.writableEnded) res.end();
      },
    );
  } catch (e) {
    if (e instanceof BusyError) throw videoError(503, 'busy', e.message);
    throw e;
  }
  // synchronously after watch(): no 'close' can come in between
  res.once('close', leave);
  headers();
  res.on('drain', () => (waiting = false));
  res.flushHeaders();
}
const CRLF = Buffer.from('\r\n');

/** Proxies an upstream answer (its type already checked) with its length, and streams its body. */
async function streamUpstream(svc: VideoService, upstream: globalThis.Response, res: Response, ac: AbortController, req: Request): Promise<void> {
  res.setHeader('Content-Type', upstream.headers.get('content-type')!);
  const length = upstream.headers.get('content-length');
  if (length && /^\d+$/.test(length)) res.setHeader('Content-Length', length);
  res.setHeader('X-Accel-Buffering', 'no');
  res.status(upstream.status);
  if (req.method === 'HEAD') {
    ac.abort();
    return void res.end();
  }
  res.flushHeaders();
  await pipeBody(upstream.body, res, ac, svc.idleMs);
}

export function videoRouter(svc: VideoService, deps: PolicyDeps) {
  const r = secureRouter(deps);
  // Walls must see video: masked callers are allowed (the policy already refuses them household devices).
  const policy = { gate: 'read', compound: deviceCompound('id'), masked: 'same' } as const;

  r.get('/devices/:id/stream', policy, (req) => svc.info(idOf(req)));

  r.get('/devices/:id/stream/mjpeg', policy, async (req, res) => {
    videoHeaders(res);
    const id = idOf(req);
    const { device, r: s } = svc.playable(id, 'mjpeg');
    if (s.source === 'demo') return void serveDemoMjpeg(svc, device, req, res);
    const c = svc.call(req, res);
    try {
      if (c.gone) return;
      const up = await fetchUpstream(id, s.upstream!, { firstByteMs: svc.firstByteMs, signal: c.ac.signal });
      if (!up.ok) {
        void up.body?.cancel().catch(() => undefined);
        throw upstreamStatusError(id, s.upstream!, up.status);
      }
      if (baseType(up.headers.get('content-type')) !== 'multipart/x-mixed-replace') {
        void up.body?.cancel().catch(() => undefined);
        throw wrongTypeError(id, up.headers.get('content-type'), 'MJPEG (multipart/x-mixed-replace)');
      }
      await streamUpstream(svc, up, res, c.ac, req);
    } finally {
      c.done();
    }
  });

  // Only the camera's own playlist and the files its playlists named (by our tokens); the browser's query is never passed on.
  r.get('/devices/:id/stream/hls/*path', policy, async (req, res) => {
    videoHeaders(res);
    const id = idOf(req);
    const { r: s } = svc.playable(id, 'hls');
    const segs = ([] as string[]).concat(req.params.path as unknown as string[]);
    if (segs.some((x, i) => !safeSegment(x) && !(x === '' && i === segs.length - 1)) || segs.length > 8)
      throw new HttpError(400, `path: "${segs.join('/').slice(0, 120)}" is not a file of the camera's stream (no "..", ".", empty or over-long parts)`);
    const main = s.upstream!;
    const name = segs[0];
    const noFile = () =>
      new HttpError(404, `no such file of camera "${id.slice(0, 80)}"'s stream: ${segs.join('/').slice(0, 120)} (its playlists do not name it, or no longer)`);
    if (segs.length !== 1) throw noFile();
    const isMain = name === ownNameDecoded(main);
    let file = isMain ? { href: main, playlist: true } : svc.hls.get(id, main, name);
    if (!file) {
      await svc.relearn(id, main);
      file = svc.hls.get(id, main, name);
    }
    if (!file) throw noFile();
    const c = svc.call(req, res, file.playlist ? svc.readMs : undefined);
    try {
      if (c.gone) return;
      if (file.playlist) {
        const text = await svc.playlist(id, main, file.href, c);
        return void res.status(200).type('application/vnd.apple.mpegurl').send(text);
      }
      const up = await fetchUpstream(id, file.href, { firstByteMs: svc.firstByteMs, signal: c.ac.signal });
      const type = up.headers.get('content-type');
      // a file named as a segment that is a playlist after all: rewritten, and known as one from now on
      if (up.ok && /mpegurl/.test(baseType(type))) {
        svc.hls.add(id, main, { href: file.href, playlist: true });
        const timer = setTimeout(() => c.ac.abort(), svc.readMs);
        try {
          return void res
            .status(200)
            .type('application/vnd.apple.mpegurl')
            .send(await svc.rewriteAnswer(id, main, file.href, up, c));
        } finally {
          clearTimeout(timer);
        }
      }
      if (!up.ok || !isMediaType(type)) void up.body?.cancel().catch(() => undefined);
      if (!up.ok) {
        if (up.status === 404)
          throw new HttpError(404, `no such file of camera "${id.slice(0, 80)}"'s stream at its gateway: ${name.slice(0, 120)} (expired segment?)`);
        throw upstreamStatusError(id, file.href, up.status);
      }
      if (!isMediaType(type)) throw wrongTypeError(id, type, 'a media segment');
      videoHeaders(res, 'segment');
      await streamUpstream(svc, up, res, c.ac, req);
    } finally {
      c.done();
    }
  });

  const sdp = express.text({ type: 'application/sdp', limit: MAX_SDP_BYTES });
  r.post(
    '/devices/:id/stream/whep',
    policy,
    async (req, res) => {
      videoHeaders(res);
      const id = idOf(req);
      const { r: s } = svc.playable(id, 'whep');
      if (typeof req.body !== 'string' || !req.is('application/sdp'))
        throw new HttpError(415, 'body: send the WebRTC SDP offer as Content-Type: application/sdp');
      if (!req.body.startsWith('v=0')) throw new HttpError(400, 'body: not an SDP offer (it must start with "v=0")');
      const c = svc.call(req, res, svc.readMs);
      try {
        if (c.gone) return;
        const up = await fetchUpstream(id, s.upstream!, {
          firstByteMs: svc.firstByteMs,
          signal: c.ac.signal,
          method: 'POST',
          body: req.body,
          headers: { 'content-type': 'application/sdp' },
        });
        const text = await readLimited(up.body, MAX_SDP_BYTES).catch(() => {
          if (!c.expired()) return null;
          throw videoError(
            502,
            'gateway_unreachable',
            `the stream gateway of camera "${id.slice(0, 80)}" did not send its whole SDP answer within ${svc.readMs} ms`,
          );
        });
        if (up.status === 400 || up.status === 422 || up.status === 415)
          throw new HttpError(400, `the stream gateway refused the SDP offer of camera "${id}" (${up.status}): ${(text ?? '').slice(0, 200)}`);
        if (!up.ok) throw upstreamStatusError(id, s.upstream!, up.status);
        if (baseType(up.headers.get('content-type')) !== 'application/sdp') throw wrongTypeError(id, up.headers.get('content-type'), 'an SDP answer');
        if (text === null || !text.startsWith('v=0'))
          throw videoError(502, 'gateway_unreachable', `the stream gateway of camera "${id.slice(0, 80)}" sent no usable SDP answer`);
        // The answer's Location (the WHEP session at the gateway) is not passed on: the browser talks only to us.
        res.status(up.status).type('application/sdp').send(text);
      } finally {
        c.done();
      }
    },
    sdp,
  );

  r.get('/devices/:id/still', policy, async (req, res) => {
    videoHeaders(res);
    const id = idOf(req);
    const device = svc.camera(id);
    const s = svc.resolve(device);
    if (s.unavailable) throw unavailableError(id, s.unavailable);
    if (s.kind !== 'mjpeg') throw videoError(404, 'no_stream', `camera "${id}" is served as ${s.kind}: no still (only MJPEG streams give one)`);
    let jpeg: Buffer;
    if (s.source === 'demo') {
      try {
        // a cold start of ffmpeg takes a moment (longer on a loaded machine)
        jpeg = await svc.demo.still(svc.demoCamera(device), Math.max(svc.firstByteMs, STILL_START_MS));
      } catch (e) {
        if (e instanceof BusyError) throw videoError(503, 'busy', e.message);
        throw videoError(503, 'busy', `camera "${id}": ${(e as Error).message}`);
      }
    } else {
      const frame = await firstGatewayFrame(svc, id, s.upstream, req, res);
      if (!frame) return;
      jpeg = frame;
    }
    res.status(200).type('image/jpeg').send(jpeg);
  });

  return r.router;
}

/** The first JPEG of a gateway's MJPEG stream (then the request is dropped); null when the browser has gone. */
async function firstGatewayFrame(svc: VideoService, id: string, url: string, req: Request, res: Response): Promise<Buffer | null> {
  const c = svc.call(req, res, svc.readMs);
  try {
    if (c.gone) return null;
    const up = await fetchUpstream(id, url, { firstByteMs: svc.firstByteMs, signal: c.ac.signal });
    if (!up.ok) {
      void up.body?.cancel().catch(() => undefined);
      throw upstreamStatusError(id, url, up.status);
    }
    const type = baseType(up.headers.get('content-type'));
    if (type !== 'multipart/x-mixed-replace' && type !== 'image/jpeg') {
      void up.body?.cancel().catch(() => undefined);
      throw wrongTypeError(id, up.headers.get('content-type'), 'MJPEG');
    }
    const got: { frame: Buffer | null } = { frame: null };
    const splitter = new JpegSplitter((j) => (got.frame ??= j));
    try {
      for await (const chunk of up.body as unknown as AsyncIterable<Uint8Array>) {
        splitter.push(Buffer.from(chunk));
        if (got.frame) break;
      }
    } catch {
      // aborted (the deadline, the browser left) or the gateway broke off: no frame
    }
    const frame = got.frame;
    if (!frame) throw videoError(502, 'gateway_unreachable', `the stream gateway of camera "${id}" sent no frame within ${svc.readMs} ms`);
    return frame;
  } finally {
    c.ac.abort();
    c.done();
  }
}
