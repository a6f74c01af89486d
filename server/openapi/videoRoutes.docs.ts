// OpenAPI declarations of the camera video routes (server/video/video.routes.ts).
import { z } from 'zod';
import { describeRoute } from './describeRoute';

const refused = {
  401: 'not signed in',
  403: 'role may not read, or a masked caller asked for a household device',
  404: 'no such camera in your compounds, not a camera, or no stream (reason no_stream / no_ffmpeg)',
};
const failures = {
  502: 'the stream gateway cannot be reached or did not answer in time (reason gateway_unreachable)',
  503: 'the camera is offline (reason camera_offline) or too many cameras are being watched (reason busy); Retry-After',
};
const params = { id: 'the camera device id' };

describeRoute('get', '/api/v1/devices/:id/stream', {
  summary: "How the browser plays a camera: the player URL on this server, a still's URL, or why there is no picture",
  description:
    "The camera's own stream, else its compound's video.gateway, else (demo mode with ffmpeg) the local demo source. URLs are this server's (same origin): the gateway's address never reaches the browser.",
  tags: ['video'],
  params,
  responses: {
    200: { description: 'CameraStreamInfo: {deviceId, source, kind, url, stillUrl, unavailable}', contentType: 'application/json' },
    ...refused,
  },
});
describeRoute('get', '/api/v1/devices/:id/stream/mjpeg', {
  summary: 'Live MJPEG of a camera (multipart/x-mixed-replace): from its gateway, or the demo source',
  tags: ['video'],
  params,
  responses: { 200: { description: 'JPEG frames until the client leaves', contentType: 'multipart/x-mixed-replace' }, ...refused, ...failures },
});
describeRoute('get', '/api/v1/devices/:id/stream/hls/*path', {
  summary: "A camera's HLS playlist or a file its playlists named, proxied from its gateway",
  description:
    "`*path` is the camera's playlist name (from GET /devices/:id/stream) or a token a rewritten playlist gave: every gateway file a playlist names becomes `<token>-<file name>` on this route, and only those are fetched (never the query of this request, never another camera's or the gateway's other files: 404). Segments must be media types (video/mp2t, video/mp4, video/iso.segment, audio/*), else 502.",
  tags: ['video'],
  params,
  responses: {
    200: {
      description: 'playlist (application/vnd.apple.mpegurl, rewritten) or segment, as the gateway sent it',
      contentType: 'application/vnd.apple.mpegurl',
    },
    400: 'the path is not a plain file name ("..", empty parts)',
    ...refused,
    ...failures,
  },
});
describeRoute('post', '/api/v1/devices/:id/stream/whep', {
  summary: "WebRTC (WHEP): posts the browser's SDP offer to the camera's gateway and returns its SDP answer",
  tags: ['video'],
  params,
  body: z
    .string()
    .max(64 * 1024)
    .describe('an SDP offer (v=0 …)'),
  bodyTypes: ['application/sdp'],
  responses: {
    201: { description: 'the SDP answer', contentType: 'application/sdp' },
    400: 'not an SDP offer, or the gateway refused it',
    413: 'offer over 64 kB',
    415: 'not Content-Type: application/sdp',
    ...refused,
    ...failures,
  },
});
describeRoute('get', '/api/v1/devices/:id/still', {
  summary: 'One JPEG of a camera (paused tiles): the demo source or the first frame of its gateway MJPEG',
  tags: ['video'],
  params,
  responses: { 200: { description: 'a JPEG', contentType: 'image/jpeg' }, ...refused, ...failures },
});
