// OpenAPI descriptions of the revenue routes (registered on import, like coreRoutes.docs.ts).
import {
  MAX_PARKED_MINUTES,
  MAX_PARKING_FEE,
  MAX_PLAY_PRICE,
  MAX_PLAYS,
  MAX_REVENUE_BATCH,
  MAX_SESSION_FEE,
  MAX_SESSION_KWH,
  RevenueBatchSchema,
} from '../../models';
import { describeRoute } from './describeRoute';

describeRoute('post', '/api/v1/ingest/revenue', {
  summary: 'Revenue events: e-bike charging sessions, parking passes, space rents and ad plays',
  description:
    `Up to ${MAX_REVENUE_BATCH} items a batch as \`{"items": [...]}\` (or a bare array), authenticated like \`POST /api/v1/ingest\` (an API key of one compound). ` +
    "Each item has `kind` and `id` (1–80 characters of A–Z a–z 0–9 _ . : -); times are ISO-8601 with an offset or epoch ms, inside the readings' window " +
    '(at most 366 days old, 5 minutes ahead); money is yuan, stored rounded to fen. Kinds: ' +
    `\`charge_session\` {deviceId (an ebike_charger), port? (1..the compound's chargerPorts, default 10), start, end (after start, at most 24 h later), kwh (0..${MAX_SESSION_KWH}), fee (0..${MAX_SESSION_FEE})}; ` +
    `\`parking_pass\` {deviceId (a parking_gate), at, direction entry|exit, vehicle temporary|rented|shared, minutes? and fee? (exits only; ≤ ${MAX_PARKED_MINUTES} min, ≤ ¥${MAX_PARKING_FEE}), occupied? (0..the compound's parking spaces)}; ` +
    '`space_rent` {at, deviceId? (a parking_gate), spaces 1..1000, months 1..36, fee}; ' +
    `\`ad_play\` {deviceId (an info_screen, access_gate or parking_gate), at, slot (1–40 characters), plays 1..${MAX_PLAYS}, price (yuan per play, 0..${MAX_PLAY_PRICE})}: the amount is plays × price. ` +
    "The same (kind, id, moment: a session's end, the others' `at`) again is a duplicate, in the batch or stored before. Every rejected item is listed with its index and " +
    '`field: reason`; the valid ones are stored in one transaction. The same items can come over MQTT on `gateway/<keyId>/compound/<compoundId>/revenue`.',
  tags: ['ingest'],
  security: ['apiKey'],
  body: RevenueBatchSchema,
  responses: {
    200: { description: 'stored (possibly with some items rejected)', schema: 'IngestResult' },
    400: 'body is not a batch, or not JSON',
    401: 'missing or unknown API key',
    413: `more than ${MAX_REVENUE_BATCH} items, or a body over 4 MB`,
    422: { description: 'every item was rejected', schema: 'IngestResult' },
    429: 'too many items for this key, or too many bad keys: retry after Retry-After seconds',
    503: 'the database is away or ingest is overloaded: retry after Retry-After seconds',
  },
});
