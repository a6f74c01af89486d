// OpenAPI declarations of the routes that existed before the registry (health, compounds, devices,
// alarms, ingest, rating, work orders). Their owners may move each block into the routes file it
// describes; the coverage test does not care where a declaration lives, only that it exists.
import { z } from 'zod';
import {
  AlarmActionSchema,
  AlarmShelveSchema,
  AlarmQuerySchema,
  MAX_INGEST_BATCH,
  ReadingSchema,
  SeriesQuerySchema,
  WORK_ORDER_ACTIONS,
  WorkOrderActionSchema,
  WorkOrderCommentSchema,
  WorkOrderCreateSchema,
  WorkOrderQuerySchema,
  WorkOrderUpdateSchema,
} from '../../models';
import { AlarmMetricsQuerySchema } from '../alarms/alarmMetrics.routes';
import { describeRoute } from './describeRoute';

const notFound = (what: string) => `${what} not found`;
const json = (description: string) => ({ description, contentType: 'application/json' });

describeRoute('get', '/api/health', {
  summary: 'Server and database status',
  tags: ['health'],
  responses: { 200: { description: 'up', schema: 'Health' }, 503: { description: 'the database does not answer', schema: 'Health' } },
});

describeRoute('get', '/api/v1/compounds', {
  summary: 'Compound summaries',
  tags: ['compounds'],
  responses: { 200: { description: 'one summary per loaded compound', schema: 'CompoundSummary[]' } },
});
describeRoute('get', '/api/v1/compounds/:id', {
  summary: 'The compound document: buildings, units, floors, devices',
  description: "Cameras' `stream` carries only its `kind` and `video.gateway` only its `kind`: gateway addresses and credentials stay on the server.",
  tags: ['compounds'],
  responses: { 200: { description: 'the compound', schema: 'Compound' }, 404: notFound('compound') },
});
describeRoute('get', '/api/v1/compounds/:id/twin', {
  summary: "The compound with every device's live status and latest values",
  tags: ['compounds'],
  responses: { 200: json('{compound: Compound, devices: DeviceState[]}'), 404: notFound('compound') },
});
describeRoute('get', '/api/v1/compounds/:id/kpis', {
  summary: 'Headline figures: online %, active alarms by severity, handling times, energy today vs yesterday',
  tags: ['compounds'],
  responses: { 200: { description: 'KPIs', schema: 'Kpis' }, 404: notFound('compound') },
});
describeRoute('get', '/api/v1/compounds/:id/alarm-metrics', {
  summary:
    'Alarm-system performance (ISA-18.2 / EEMUA 191): rates per 10 min, floods, stale and chattering alarms, bad actors, median acknowledge time, with targets',
  description:
    "Annunciations (raised or reactivated) over the window ending now. Masked callers get a household's devices counted under their unit's aggregate among the bad actors.",
  tags: ['alarms'],
  query: AlarmMetricsQuerySchema,
  responses: {
    200: json(
      'AlarmMetrics: {compoundId, window, from, to, periods, alarmsRaised, averageAlarmRatePer10Min, peakAlarmRatePer10Min, peakAt, floodTimePct, floodPeriods, staleAlarms, chatteringAlarms, topBadActors[], ackTimeMedianMin, targets}',
    ),
    400: 'window is not 24h, 7d or 30d',
    404: notFound('compound'),
  },
});
describeRoute('get', '/api/v1/devices/:id', {
  summary: 'A device and its live state',
  tags: ['devices'],
  responses: { 200: json('{device: Device, state: DeviceState, compoundId}'), 404: notFound('device') },
});
describeRoute('get', '/api/v1/devices/:id/series', {
  summary: "A device's history of one metric, bucketed for charts",
  description:
    "`bucket` = raw, 1m, 5m, 15m, 1h (hourly aggregate), 1d (daily aggregate); picked from the window when omitted. `from`/`to` are ISO-8601 or epoch ms; the default window is the last 24 h. `thresholds` are the threshold alarm rules on this metric that apply to the device (as the alarm engine matches them: its type, and `aggregate` rules never on a household's device); `rules` maps every applying rule to the metric it watches.",
  tags: ['devices'],
  query: SeriesQuerySchema,
  responses: { 200: { description: 'the series', schema: 'Series' }, 400: 'bad metric, window or bucket', 404: notFound('device') },
});

describeRoute('get', '/api/v1/alarms', {
  summary: 'Alarms, newest first',
  tags: ['alarms'],
  query: AlarmQuerySchema,
  responses: { 200: { description: 'alarms', schema: 'Alarm[]' }, 400: 'bad filter' },
});
describeRoute('get', '/api/v1/alarms/:id', {
  summary: 'An alarm with its audit trail',
  tags: ['alarms'],
  responses: { 200: json('Alarm with events[]'), 404: notFound('alarm') },
});
describeRoute('post', '/api/v1/alarms/:id/ack', {
  summary: 'Acknowledge an alarm (a comment is required)',
  tags: ['alarms'],
  body: AlarmActionSchema,
  responses: { 200: { description: 'the alarm', schema: 'Alarm' }, 400: 'no comment', 404: notFound('alarm'), 409: 'already acknowledged' },
});
describeRoute('post', '/api/v1/alarms/:id/clear', {
  summary: 'Clear an alarm (a comment is required; `confirm` when a linked work order is open)',
  tags: ['alarms'],
  body: AlarmActionSchema,
  responses: {
    200: { description: 'the alarm', schema: 'Alarm' },
    400: 'no comment',
    404: notFound('alarm'),
    409: 'already cleared, or a linked work order is open',
  },
});
describeRoute('post', '/api/v1/alarms/:id/shelve', {
  summary: 'Shelve an alarm point for a while (ISA-18.2)',
  description:
    'Takes the alarm and any new occurrence of the same device and rule out of attention for `minutes` (1–10080), with a reason; it comes back by itself when the time is up. Audited.',
  tags: ['alarms'],
  body: AlarmShelveSchema,
  responses: {
    200: { description: 'the alarm', schema: 'Alarm' },
    400: 'bad minutes or no comment',
    404: notFound('alarm'),
    409: 'the alarm is closed, suppressed or out of service',
  },
});
describeRoute('post', '/api/v1/alarms/:id/unshelve', {
  summary: "End an alarm point's shelving before its time (a comment is required)",
  tags: ['alarms'],
  body: AlarmActionSchema.pick({ comment: true }),
  responses: { 200: { description: 'the alarm', schema: 'Alarm' }, 400: 'no comment', 404: notFound('alarm'), 409: 'not shelved' },
});

describeRoute('post', '/api/v1/ingest', {
  summary: 'Readings from a gateway',
  description: `Up to ${MAX_INGEST_BATCH} readings a batch, as \`{"readings": [...]}\` or a bare array. Each item is checked; the answer lists every rejected item with its index and reason, and the valid ones are stored (committed before the answer). A retried batch stores nothing twice.`,
  tags: ['ingest'],
  security: ['apiKey'],
  body: z.union([z.object({ readings: z.array(ReadingSchema) }), z.array(ReadingSchema)]),
  responses: {
    200: { description: 'stored (possibly with some items rejected)', schema: 'IngestResult' },
    400: 'body is not a batch',
    401: 'missing or unknown API key',
    413: `more than ${MAX_INGEST_BATCH} readings`,
    422: { description: 'every item was rejected', schema: 'IngestResult' },
    503: 'overloaded or database unavailable: retry after Retry-After seconds',
  },
});

const RatingQuery = z.object({
  rubric: z.string().optional().describe('rubric id (default: the first loaded)'),
  format: z.enum(['json', 'csv']).optional(),
  download: z.string().optional().describe('any value: answer as an attachment'),
});
describeRoute('get', '/api/v1/rubrics', { summary: 'The rating rubrics in use', tags: ['rating'], responses: { 200: json('Rubric[]') } });
describeRoute('get', '/api/v1/compounds/:id/rating', {
  summary: 'Star-rating report of a compound: level reached, evidence, gaps to the next level',
  tags: ['rating'],
  query: RatingQuery,
  responses: {
    200: { description: 'the report (JSON, or CSV with format=csv)', contentType: 'application/json' },
    400: 'bad format or rubric',
    404: 'compound or rubric not found',
  },
});
describeRoute('get', '/api/v1/rating/district', {
  summary: "District overview: every compound's level, online % and open alarms",
  tags: ['rating'],
  query: RatingQuery.pick({ rubric: true }),
  responses: { 200: json('{rubric, compounds: DistrictRow[]}'), 404: 'rubric not found' },
});

describeRoute('post', '/api/v1/work-orders', {
  summary: 'Open a work order (from an alarm, a device or a point in the scene)',
  tags: ['work-orders'],
  body: WorkOrderCreateSchema,
  responses: { 201: json('the work order'), 400: 'bad body', 404: 'alarm, device or compound not found' },
});
describeRoute('get', '/api/v1/work-orders', {
  summary: 'Work orders, filtered',
  tags: ['work-orders'],
  query: WorkOrderQuerySchema,
  responses: { 200: json('WorkOrder[]'), 400: 'bad filter' },
});
describeRoute('get', '/api/v1/work-orders/:id', {
  summary: 'A work order with its history',
  tags: ['work-orders'],
  responses: { 200: json('WorkOrderDetail'), 404: notFound('work order') },
});
describeRoute('patch', '/api/v1/work-orders/:id', {
  summary: 'Change status, assignee, priority, category, title, description, or the upkeep cost (labourCost, partsCost in yuan)',
  tags: ['work-orders'],
  body: WorkOrderUpdateSchema,
  responses: { 200: json('the work order'), 400: 'bad body', 404: notFound('work order'), 409: 'status move not allowed' },
});
describeRoute('post', '/api/v1/work-orders/:id/comments', {
  summary: 'Comment on a work order',
  tags: ['work-orders'],
  body: WorkOrderCommentSchema,
  responses: { 201: json('the work order'), 400: 'no text', 404: notFound('work order') },
});
describeRoute('post', '/api/v1/work-orders/:id/:action', {
  summary: `Step a work order: ${Object.keys(WORK_ORDER_ACTIONS).join(', ')}`,
  tags: ['work-orders'],
  body: WorkOrderActionSchema,
  params: { action: Object.keys(WORK_ORDER_ACTIONS).join(' | ') },
  responses: { 200: json('the work order'), 404: 'work order or action not found', 409: 'status move not allowed' },
});
