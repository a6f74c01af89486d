import { z } from 'zod';

// Cameras and video. We integrate with a stream gateway (go2rtc, MediaMTX, a GB/T 28181 platform such as
// ZLMediaKit): a camera names where its gateway serves it; browsers never get that address, they play
// through our server's camera routes, under the same policy as the rest of the API.

/** How a gateway serves a camera to browsers: WebRTC through WHEP, HLS, or MJPEG over HTTP. */
export const STREAM_KINDS = ['whep', 'hls', 'mjpeg'] as const;
export const StreamKindSchema = z.enum(STREAM_KINDS);
export type StreamKind = z.infer<typeof StreamKindSchema>;

const HttpUrl = z
  .string()
  .max(500)
  .regex(/^https?:\/\/[^\s/?#]+(\/[^\s]*)?$/, 'an http:// or https:// URL of the stream gateway');

/** A camera's stream at its gateway (never sent to browsers). */
export const CameraStreamSchema = z.strictObject({ kind: StreamKindSchema, url: HttpUrl });
export type CameraStream = z.infer<typeof CameraStreamSchema>;

/**
 * Where a camera looks, in the compound's local metres: `at` (defaults to the device's placement), the
 * heading in degrees clockwise from north (+y), the tilt in degrees (negative looks down), the horizontal
 * field of view and the range on the ground it is useful to.
 */
export const CameraViewSchema = z.strictObject({
  at: z.tuple([z.number().finite(), z.number().finite(), z.number().finite()]).optional(),
  headingDeg: z.number().min(0).max(360),
  tiltDeg: z.number().min(-90).max(45).default(-15),
  hfovDeg: z.number().min(1).max(360),
  rangeM: z.number().min(1).max(500),
});
export type CameraView = z.infer<typeof CameraViewSchema>;

/**
 * A compound-level gateway: cameras without their own `stream` are served at `base` + `pathTemplate`
 * with `{id}` replaced by the device id (URL-encoded), e.g. MediaMTX HLS: base "http://mediamtx:8888",
 * pathTemplate "/{id}/index.m3u8".
 */
export const VideoGatewaySchema = z.strictObject({
  kind: StreamKindSchema,
  base: HttpUrl,
  pathTemplate: z
    .string()
    .max(200)
    .regex(/^\/[^\s]*$/, 'a path starting with /')
    .refine((s) => s.includes('{id}'), 'pathTemplate must contain {id}'),
});
export type VideoGateway = z.infer<typeof VideoGatewaySchema>;

export const CompoundVideoSchema = z.strictObject({ gateway: VideoGatewaySchema.optional() });

/** Why a camera has no picture now; the console says it and retries. */
export const VIDEO_UNAVAILABLE = ['no_stream', 'camera_offline', 'gateway_unreachable', 'no_ffmpeg', 'busy'] as const;
export type VideoUnavailable = (typeof VIDEO_UNAVAILABLE)[number];

/** `GET /api/v1/devices/:id/stream`: how the browser plays a camera (URLs are our server's, same origin). */
export interface CameraStreamInfo {
  deviceId: string;
  /** Where the picture comes from: the camera's own stream, the compound gateway, or the demo's local ffmpeg source. */
  source: 'device' | 'gateway' | 'demo' | null;
  kind: StreamKind | null;
  /** The player's URL on our server (MJPEG: multipart stream; HLS: playlist; WHEP: the endpoint to POST an SDP offer to). */
  url: string | null;
  /** A still JPEG of the camera for paused tiles, when the source can give one. */
  stillUrl: string | null;
  /** Set when there is no picture now: why. */
  unavailable: VideoUnavailable | null;
}

/** AI analytics events a camera (or its edge box / platform) reports; each maps to an alarm through the rules. */
export const CAMERA_EVENT_KINDS = ['thrown_object', 'loitering', 'illegal_parking', 'fire_smoke', 'fence_intrusion'] as const;
export const CameraEventKindSchema = z.enum(CAMERA_EVENT_KINDS);
export type CameraEventKind = z.infer<typeof CameraEventKindSchema>;

/** Largest snapshot image accepted with a camera event (decoded bytes). */
export const MAX_SNAPSHOT_BYTES = 512 * 1024;
export const SNAPSHOT_TYPES = ['image/jpeg', 'image/png'] as const;

/** What an alarm carries about its snapshot (the image itself: `GET /api/v1/alarms/:id/snapshot`). */
export interface AlarmSnapshotInfo {
  contentType: (typeof SNAPSHOT_TYPES)[number];
  bytes: number;
  /** When the camera took it (ms). */
  at: number;
}
