// OpenAPI declarations of the camera AI event routes (server/cameraEvents): ingest of events with snapshots,
// and the snapshot stored with an alarm.
import { CAMERA_EVENT_KINDS, MAX_SNAPSHOT_BYTES } from '../../models';
import { CameraEventBatchSchema, MAX_CAMERA_EVENT_BATCH } from '../cameraEvents/cameraEvents.service';
import { SNAPSHOT_MAX_AGE_S, SnapshotQuerySchema } from '../cameraEvents/cameraEvents.routes';
import { describeRoute } from './describeRoute';

describeRoute('post', '/api/v1/ingest/camera-events', {
  summary: 'AI analytics events from cameras (or their edge box / platform), with an optional snapshot',
  description:
    `Up to ${MAX_CAMERA_EVENT_BATCH} events a batch as \`{"events": [{deviceId, kind, at, confidence?, snapshot?: {contentType, data}}]}\`, ` +
    `authenticated like \`POST /api/v1/ingest\` (an API key of one compound). \`kind\`: ${CAMERA_EVENT_KINDS.join(', ')}; \`at\`: ISO-8601 with an offset or epoch ms; ` +
    `\`confidence\`: 0..1; \`snapshot.data\`: base64 of a JPEG or PNG (checked by its first bytes, must match \`contentType\`), at most ${MAX_SNAPSHOT_BYTES} bytes decoded. ` +
    'The whole body must fit in 4 MB (else 413): send large snapshots a few at a time. Each event maps to an alarm through the `camera_event` rules; ' +
    'the same (deviceId, kind, at) again is a duplicate, not a second alarm. Every rejected item is listed with its index and reason; the valid ones are stored.',
  tags: ['ingest'],
  security: ['apiKey'],
  body: CameraEventBatchSchema,
  responses: {
    200: { description: 'stored (possibly with some items rejected)', schema: 'IngestResult' },
    400: 'body is not a batch',
    401: 'missing or unknown API key',
    413: `more than ${MAX_CAMERA_EVENT_BATCH} events, or a body over 4 MB`,
    422: { description: 'every item was rejected', schema: 'IngestResult' },
    429: 'too many events for this key, or too many bad keys: retry after Retry-After seconds',
  },
});

describeRoute('get', '/api/v1/alarms/:id/snapshot', {
  summary: "The camera snapshot stored with an alarm (the image; the alarm's `snapshot` says its type, size and time)",
  description:
    "Without `at`: the alarm's latest image. With `?at=<epoch ms or ISO-8601>`: the newest taken at or before that moment (what the replay shows; " +
    "an alarm keeps the images of its first and its latest event, closed alarms' images are dropped after 90 days). " +
    `Served with the alarm's policy, \`X-Content-Type-Options: nosniff\`, \`Content-Security-Policy: default-src 'none'\` and \`Cache-Control: private, max-age=${SNAPSHOT_MAX_AGE_S}\`.`,
  tags: ['alarms'],
  query: SnapshotQuerySchema,
  responses: {
    200: { description: 'the image (image/jpeg or image/png)', contentType: 'image/*' },
    400: 'the id or `at` is malformed, or an unknown query parameter',
    404: 'alarm not found (or outside your compounds), or it has no snapshot (taken at or before `at`)',
  },
});
