import { VIDEO_UNAVAILABLE, type CameraStreamInfo, type VideoUnavailable } from '../../models/video';
import { useSessionStore } from '../stores/useSessionStore';

/** Why a tile has no picture: the server's reason, not allowed (403/404 without a reason), or a failure we could not name. */
export type VideoWhy = VideoUnavailable | 'forbidden' | 'failed';

export type StreamAnswer = { ok: true; info: CameraStreamInfo } | { ok: false; why: VideoWhy; retryAfterMs: number | null; info?: CameraStreamInfo };

const enc = encodeURIComponent;

export const streamInfoPath = (deviceId: string) => `/api/v1/devices/${enc(deviceId)}/stream`;

function reasonOf(body: unknown): VideoUnavailable | null {
  const r = body && typeof body === 'object' && 'reason' in body ? body.reason : null;
  return typeof r === 'string' && (VIDEO_UNAVAILABLE as readonly string[]).includes(r) ? (r as VideoUnavailable) : null;
}

/** Seconds of a Retry-After header as ms (the HTTP-date form is not used by our server). */
function retryAfter(res: Response): number | null {
  const v = res.headers.get('retry-after');
  return v && /^\d{1,5}$/.test(v) ? Number(v) * 1000 : null;
}

/**
 * How the browser plays a camera now (`GET /api/v1/devices/:id/stream`). Never throws but for an abort: a
 * refusal or failure comes back as its reason (502 gateway_unreachable, 503 camera_offline/busy, 404 no_stream;
 * 403 or a 404 without a reason: not this user's camera).
 */
export async function fetchStreamInfo(deviceId: string, signal?: AbortSignal): Promise<StreamAnswer> {
  let res: Response;
  try {
    res = await fetch(streamInfoPath(deviceId), { headers: { accept: 'application/json' }, signal });
  } catch (err) {
    if (signal?.aborted) throw err;
    return { ok: false, why: 'failed', retryAfterMs: null };
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
  }
  if (res.ok && body && typeof body === 'object' && 'kind' in body) {
    const info = body as CameraStreamInfo;
    if (info.unavailable || !info.url || !info.kind) return { ok: false, why: info.unavailable ?? 'no_stream', retryAfterMs: retryAfter(res), info };
    return { ok: true, info };
  }
  const why = refusalWhy(res, body);
  return { ok: false, why, retryAfterMs: why === 'forbidden' ? null : retryAfter(res) };
}

/**
 * Why the server refused a camera request (its JSON `{error, reason}`): the reason it names, else not this
 * user's camera (403, or a 404 without a reason), else a failure. A 401 signs the session out.
 */
export function refusalWhy(res: Response, body: unknown): VideoWhy {
  if (res.status === 401) useSessionStore.getState().signedOut();
  const reason = reasonOf(body);
  if (reason) return reason;
  if (res.status === 403 || res.status === 404) return 'forbidden';
  return 'failed';
}

/** The still of a camera, when the stream info names one. */
export function stillOf(answer: StreamAnswer | null): string | null {
  return answer?.info?.stillUrl ?? null;
}
