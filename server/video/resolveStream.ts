// Where a camera's picture comes from (pure): its own `stream`, else the compound's gateway, else (demo mode
// with ffmpeg) the local demo source, else nothing, with the reason the console shows. Browsers never see the
// gateway's address: the info they get names our own routes (same origin, same policy as the API).
import type { CameraStreamInfo, StreamKind, VideoGateway, VideoUnavailable } from '../../models/video';
import type { Device, DeviceStatus } from '../../models';

export interface StreamContext {
  /** The compound's gateway (`video.gateway`), if any. */
  gateway?: VideoGateway;
  /** The server runs in demo mode (the demo source may stand in for a gateway). */
  demo: boolean;
  /** ffmpeg is available to this server (the demo source needs it). */
  ffmpeg: boolean;
  /** The camera's status in the live twin; 'offline' answers camera_offline. */
  status: DeviceStatus | undefined;
}

/** What the server plays for a camera: an upstream URL at a gateway, the demo source, or nothing and why. */
export type ResolvedStream =
  | { source: 'device' | 'gateway'; kind: StreamKind; upstream: string; unavailable: null }
  | { source: 'demo'; kind: 'mjpeg'; upstream: null; unavailable: null }
  | { source: 'device' | 'gateway' | 'demo' | null; kind: StreamKind | null; upstream: string | null; unavailable: VideoUnavailable };

/** The gateway URL of one camera: base + pathTemplate with `{id}` replaced by the URL-encoded device id. */
export function gatewayUrl(g: VideoGateway, deviceId: string): string {
  const base = g.base.replace(/\/+$/, '');
  return base + g.pathTemplate.split('{id}').join(encodeURIComponent(deviceId));
}

/** Resolves a camera's stream; the caller has checked it is a camera. */
export function resolveStream(device: Pick<Device, 'id' | 'stream'>, ctx: StreamContext): ResolvedStream {
  const configured: { source: 'device' | 'gateway'; kind: StreamKind; upstream: string } | null = device.stream
    ? { source: 'device', kind: device.stream.kind, upstream: device.stream.url }
    : ctx.gateway
      ? { source: 'gateway', kind: ctx.gateway.kind, upstream: gatewayUrl(ctx.gateway, device.id) }
      : null;
  const demo = !configured && ctx.demo;
  if (ctx.status === 'offline') {
    return configured
      ? { ...configured, unavailable: 'camera_offline' }
      : { source: demo ? 'demo' : null, kind: demo ? 'mjpeg' : null, upstream: null, unavailable: 'camera_offline' };
  }
  if (configured) return { ...configured, unavailable: null };
  if (demo)
    return ctx.ffmpeg
      ? { source: 'demo', kind: 'mjpeg', upstream: null, unavailable: null }
      : { source: 'demo', kind: null, upstream: null, unavailable: 'no_ffmpeg' };
  return { source: null, kind: null, upstream: null, unavailable: 'no_stream' };
}

/** The path of a camera's routes on our server. */
export const cameraPath = (deviceId: string): string => `/api/v1/devices/${encodeURIComponent(deviceId)}`;

/** The last path segment of a URL's path (an HLS playlist's file name; its query, which may hold a gateway token, stays with us). */
function playlistName(upstream: string): string {
  const u = new URL(upstream);
  // the URL parser keeps the path percent-encoded: the name goes into our path as it is
  return u.pathname.slice(u.pathname.lastIndexOf('/') + 1) || 'index.m3u8';
}

/** What `GET /devices/:id/stream` answers: how the browser plays the camera through our routes. */
export function streamInfo(deviceId: string, r: ResolvedStream): CameraStreamInfo {
  const base = cameraPath(deviceId);
  if (r.unavailable) return { deviceId, source: r.source, kind: r.kind, url: null, stillUrl: null, unavailable: r.unavailable };
  const url = r.kind === 'mjpeg' ? `${base}/stream/mjpeg` : r.kind === 'hls' ? `${base}/stream/hls/${playlistName(r.upstream)}` : `${base}/stream/whep`;
  // A still comes from MJPEG (the demo source or a gateway's MJPEG); HLS and WHEP give none without decoding video.
  const stillUrl = r.kind === 'mjpeg' ? `${base}/still` : null;
  return { deviceId, source: r.source, kind: r.kind, url, stillUrl, unavailable: null };
}
