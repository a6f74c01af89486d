// OpenAPI descriptions of the repair routes (registered on import, like coreRoutes.docs.ts): residents' repair
// requests from /repair (public, rate-limited) and what officers read of them.
import { MAX_REPAIR_PHOTO_BYTES, REPAIR_CATEGORIES, REPAIR_LIMITS } from '../../models';
import { REPAIR_PHOTO_MAX_AGE_S } from '../repair/repair.routes';
import { RepairListQuerySchema, RepairPlacesQuerySchema, RepairRatingSchema, RepairRequestCreateSchema } from '../repair/repair.schema';
import { describeRoute } from './describeRoute';

const tags = ['repair'];
const STATUS_DOC =
  'RepairRequestStatus: {id, workOrderId, compoundName, buildingNumber, unitNumber, room, category, description, createdAt, ' +
  'status (accepted 已受理 | in_progress 处理中 | done 已完成 | closed 已关闭, from the work order), timeline [{at, status}], mayRate, rating, ratingComment, ratedAt}';

describeRoute('get', '/api/v1/repair/places', {
  summary: "The residents' repair form's places: a compound's name and its residential buildings and units",
  description: 'Public (no sign-in): ids, numbers and names only — no households, residents or devices.',
  tags,
  query: RepairPlacesQuerySchema,
  responses: {
    200: { description: 'RepairPlaces: {compoundId, name, nameEn, buildings: [{id, number, name, units: [{id, number}]}]}', contentType: 'application/json' },
    400: 'compound missing or an unknown parameter',
    404: 'compound not found',
  },
});

describeRoute('post', '/api/v1/repair-requests', {
  summary: "A resident's repair request (/repair): opens a work order pinned at the unit's entrance",
  description:
    'Public, no sign-in, no captcha (a demo flow). In one transaction: the request and a work order (category repair, source resident, priority normal, ' +
    "located at the unit's entrance at ground level; its description shows the phone masked as 138****1234), published to the console at once. " +
    `\`category\`: ${REPAIR_CATEGORIES.join(', ')}; \`description\` 5–1000 characters; \`phone\`: a mainland mobile number (1[3-9] + 9 digits); ` +
    `\`photo\`: optional {contentType: image/jpeg | image/png | image/webp, data: base64 of at most ${MAX_REPAIR_PHOTO_BYTES} bytes, checked by its first bytes}. ` +
    `Limits, counted from stored requests: ${REPAIR_LIMITS.perPhonePerDay} a day per phone, ${REPAIR_LIMITS.perAddressPerDay} a day per building unit, ` +
    `${REPAIR_LIMITS.perIpPerHour} an hour per client address (429 with Retry-After). The answer's \`token\` is the resident's only way back to the request; only its hash is stored. ` +
    'The page sends its own `token` (32 random bytes, base64url): a retry with the same token answers 200 with the first request and writes nothing (the same token with another phone: 409).',
  tags,
  body: RepairRequestCreateSchema,
  responses: {
    200: { description: 'a retry: the request this token already made (RepairCreated)', contentType: 'application/json' },
    201: { description: 'RepairCreated: {id, token, workOrderId, status}', contentType: 'application/json' },
    400: 'bad body: the field is named',
    409: 'the token was already used with another phone',
    413: `photo over ${MAX_REPAIR_PHOTO_BYTES} bytes decoded (or a body over 4 MB)`,
    422: 'unknown compound, building or unit, or photo bytes that are not the image type given',
    429: 'a limit was reached (phone, unit, client address): retry after Retry-After seconds',
  },
});

describeRoute('get', '/api/v1/repair-requests/:token', {
  summary: "A repair request's status, for the resident holding its token",
  description: 'Public: the token (43 characters, base64url) is the credential. No staff names, no phone.',
  tags,
  params: { token: 'the secret returned when the request was made' },
  responses: { 200: { description: STATUS_DOC, contentType: 'application/json' }, 404: 'no request with this token' },
});

describeRoute('post', '/api/v1/repair-requests/:token/rating', {
  summary: "The resident's rating of the repair (回访评价), once, after it was resolved or closed",
  description: "Stored on the work order (residentRating, ratingComment, rated_at) with a 'rated' event; the console gets the change live.",
  tags,
  params: { token: 'the secret returned when the request was made' },
  body: RepairRatingSchema,
  responses: {
    200: { description: STATUS_DOC, contentType: 'application/json' },
    400: 'rating not a whole number 1–5, or comment over 500 characters',
    404: 'no request with this token',
    409: 'the work is not resolved or closed yet, or it was already rated',
  },
});

describeRoute('get', '/api/v1/repair-requests', {
  summary: "Residents' repair requests with the full phone to call back (officers)",
  description:
    'workorder:manage, within your compounds (another compound: 403). Newest first; `satisfaction30d` {requests, ratedCount, averageRating} when `compound` is given. ' +
    "Masked callers (evaluator, wall) are refused: the phone and text are one household's.",
  tags,
  query: RepairListQuerySchema,
  responses: {
    200: { description: '{requests: RepairRequestRow[], satisfaction30d}', contentType: 'application/json' },
    400: 'bad query',
    403: 'not allowed for this compound, or a masked caller',
    404: 'compound not found',
  },
});

describeRoute('get', '/api/v1/work-orders/:id/photo', {
  summary: "The resident's photo of a work order from a repair request",
  description: `workorder:manage; served with \`X-Content-Type-Options: nosniff\`, \`Content-Security-Policy: default-src 'none'\`, \`Cache-Control: private, max-age=${REPAIR_PHOTO_MAX_AGE_S}\`.`,
  tags: ['work-orders'],
  responses: {
    200: { description: 'the image (image/jpeg, image/png or image/webp)', contentType: 'image/*' },
    400: 'the id is malformed',
    404: 'work order not found (or outside your compounds), or it has no photo',
  },
});
