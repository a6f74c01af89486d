// OpenAPI descriptions of acting from the twin (registered on import, like coreRoutes.docs.ts): broadcasts to a place
// on the model, single device commands, what screens show, and the gateways' HTTP poll and ack.
import { BroadcastCreateSchema, COMMAND_LIMITS, CommandAckSchema, CommandCreateSchema } from '../../models';
import { BroadcastListQuerySchema, BroadcastPreviewSchema, CommandListQuerySchema, GatewayPollQuerySchema } from '../commands/commands.routes';
import { REDELIVER_AFTER_MS } from '../commands/commands.service';
import { describeRoute } from './describeRoute';

const tags = ['commands'];
const COMMAND_DOC =
  'DeviceCommand: {id, compoundId, deviceId, type, params, issuer, reason, broadcastId, retryOf, createdAt, notBefore, deadline, ' +
  'state (queued → sent → acknowledged | failed | expired), stateAt, sentAt, sentVia (mqtt | http | simulator), deliveries, ackedAt, failure, result}';
const BROADCAST_DOC =
  'Broadcast: {id, compoundId, issuer, createdAt, at, place, channels, level, templateId, message {title, text}, audio {preset, volumeDb, repeat}, ' +
  "kind (notice | stop), stopOf, counts {total, queued, sent, acknowledged, failed, expired} (each device's latest command)}";
const DETAIL_DOC = `BroadcastDetail: the ${BROADCAST_DOC} with commands: DeviceCommand[]`;
const OPERATE = 'Officers of the compound and admins (`operate`); evaluators and walls: 403; another compound in the path: 403.';
const ROW = "The row's own compound: another compound's id answers 404, like a missing one.";

describeRoute('get', '/api/v1/broadcast-templates', {
  summary: 'Message templates for notices (停水通知, 消防演练, 疏散 …) and the audio presets a speaker can play',
  description: 'Any signed-in reader. The console fills the broadcast form with a template; the officer may edit the text before sending.',
  tags,
  responses: { 200: { description: '{templates: MessageTemplate[], presets: AudioPreset[]}', contentType: 'application/json' } },
});

describeRoute('post', '/api/v1/compounds/:id/broadcasts/preview', {
  summary: 'The devices a place resolves to for the chosen channels, with their live status (shown on the model before sending)',
  description: `${OPERATE} Resolves exactly as POST …/broadcasts does (models/commands.ts resolvePlace). Writes nothing.`,
  tags,
  params: { id: 'compound id' },
  body: BroadcastPreviewSchema,
  responses: {
    200: { description: '{devices: [{deviceId, type, name, status (online | offline | alarm)}], speakers, screens, offline}', contentType: 'application/json' },
    400: 'bad place or channels (the field is named), an unknown building, a unit of another building, an alarm of another compound',
    403: 'not an officer of this compound or an admin',
    404: 'unknown compound',
  },
});

describeRoute('post', '/api/v1/compounds/:id/broadcasts', {
  summary: 'Send a notice to a place: one command per speaker (broadcast_play) and screen (screen_show) there',
  description:
    `${OPERATE} The place (buildings/units/floors, a lasso polygon, near a point or an alarm, named devices) resolves to the devices of the channels; ` +
    `the broadcast and all its commands are written in one transaction (none when the request is refused). At most ${COMMAND_LIMITS.maxDevices} devices. ` +
    'Texts are plain (no markup, links or control characters); title ≤ 40 (zh) / 80 (en) characters, text ≤ 300 / 600. ' +
    '`at` schedules it up to 7 days ahead; `deadlineS` (5–3600, default 60) is how long devices have to answer. ' +
    'A device offline when it is due fails at once ("offline (last seen …)"). `requestId`: a retry with the same one answers 200 with the first broadcast. Audited.',
  tags,
  params: { id: 'compound id' },
  body: BroadcastCreateSchema,
  responses: {
    200: { description: `the broadcast this requestId already made (${DETAIL_DOC})`, contentType: 'application/json' },
    201: { description: DETAIL_DOC, contentType: 'application/json' },
    400: 'bad input, the field named; the place resolves to no device of the channels or to more than 500',
    403: 'not an officer of this compound or an admin',
    404: 'unknown compound',
  },
});

describeRoute('get', '/api/v1/compounds/:id/broadcasts', {
  summary: "A compound's broadcasts, newest first, with delivery counts",
  description: 'Readers of the compound; masked callers (evaluator, wall) get them without `issuer`.',
  tags,
  params: { id: 'compound id' },
  query: BroadcastListQuerySchema,
  responses: {
    200: { description: `{broadcasts: Broadcast[]} (${BROADCAST_DOC})`, contentType: 'application/json' },
    400: 'bad query',
    403: 'another compound',
  },
});

describeRoute('get', '/api/v1/broadcasts/:id', {
  summary: 'One broadcast with its commands (the delivery state of each device)',
  description: `${ROW} Masked callers get no issuer and no reasons.`,
  tags,
  params: { id: 'broadcast id' },
  responses: { 200: { description: DETAIL_DOC, contentType: 'application/json' }, 400: 'bad id', 404: 'no such broadcast in your compounds' },
});

describeRoute('post', '/api/v1/broadcasts/:id/retry', {
  summary: 'Retry the devices whose latest command of this broadcast failed or expired',
  description: `${OPERATE} ${ROW} One new command (retryOf) per such device; a second click finds them queued and creates nothing. Audited.`,
  tags,
  params: { id: 'broadcast id' },
  responses: { 200: { description: DETAIL_DOC, contentType: 'application/json' }, 403: 'may not operate', 404: 'no such broadcast in your compounds' },
});

describeRoute('post', '/api/v1/broadcasts/:id/stop', {
  summary: 'Stop a broadcast: broadcast_stop / screen_clear to the same devices (a new broadcast of kind stop)',
  description: `${OPERATE} ${ROW} Its commands not yet sent are withdrawn (failed "stopped before it was sent"). Audited.`,
  tags,
  params: { id: 'broadcast id' },
  responses: {
    201: { description: `the stop: ${DETAIL_DOC}`, contentType: 'application/json' },
    400: 'the broadcast is itself a stop',
    403: 'may not operate',
    404: 'no such broadcast in your compounds',
  },
});

describeRoute('post', '/api/v1/compounds/:id/commands', {
  summary: 'One command to one device (gate_open, charger_stop, or one speaker or screen)',
  description:
    `${OPERATE} The device must be this compound's (else 404) and of a type the command goes to (else 400); params are checked per type (strict). ` +
    `gate_open and charger_stop need a reason (${COMMAND_LIMITS.reason.min}–${COMMAND_LIMITS.reason.max} characters). gate_open is limited to ` +
    `${COMMAND_LIMITS.gateOpenPerGatePerMin} per gate per minute and ${COMMAND_LIMITS.gateOpenPerIssuerPer10Min} per issuer per 10 minutes, counted in the database (429 + Retry-After). ` +
    '`requestId`: a retry with the same one answers 200 with the first command. Audited.',
  tags,
  params: { id: 'compound id' },
  body: CommandCreateSchema,
  responses: {
    200: { description: `the command this requestId already made (${COMMAND_DOC})`, contentType: 'application/json' },
    201: { description: COMMAND_DOC, contentType: 'application/json' },
    400: 'bad input, the field named: params, a device type the command does not go to, a missing reason',
    403: 'not an officer of this compound or an admin',
    404: 'no such device in this compound',
    429: 'gate_open over its limit: retry after Retry-After seconds',
  },
});

describeRoute('get', '/api/v1/compounds/:id/commands', {
  summary: "A compound's device commands, newest first",
  description: 'Readers of the compound; masked callers (evaluator, wall) are refused (issuers and reasons).',
  tags,
  params: { id: 'compound id' },
  query: CommandListQuerySchema,
  responses: {
    200: { description: `{commands: DeviceCommand[]} (${COMMAND_DOC})`, contentType: 'application/json' },
    400: 'bad query',
    403: 'another compound, or masked',
  },
});

describeRoute('get', '/api/v1/commands/:id', {
  summary: 'One device command',
  description: `${ROW} Masked callers are refused.`,
  tags,
  params: { id: 'command id' },
  responses: { 200: { description: COMMAND_DOC, contentType: 'application/json' }, 403: 'masked', 404: 'no such command in your compounds' },
});

describeRoute('post', '/api/v1/commands/:id/retry', {
  summary: 'Retry a failed or expired command (a new command with retryOf; a device runs each id once)',
  description: `${OPERATE} ${ROW} Once per command; gate_open's limits apply again. Audited.`,
  tags,
  params: { id: 'command id' },
  responses: {
    201: { description: COMMAND_DOC, contentType: 'application/json' },
    403: 'may not operate',
    404: 'no such command in your compounds',
    409: 'not failed or expired, or already retried',
    429: 'gate_open over its limit',
  },
});

describeRoute('get', '/api/v1/compounds/:id/screens', {
  summary: 'What each information screen of the compound shows now',
  description:
    'The last acknowledged screen_show of each screen not followed by an acknowledged screen_clear and not past its `until`. Masked callers see the same.',
  tags,
  params: { id: 'compound id' },
  responses: {
    200: { description: '{screens: [{deviceId, commandId, title, body, level, since, until}]}', contentType: 'application/json' },
    403: 'another compound',
  },
});

describeRoute('get', '/api/v1/gateway/commands', {
  summary: "A gateway's poll: its compound's due commands (for gateways that cannot hold an MQTT connection)",
  description:
    'The device API key (X-Api-Key or Bearer) names the one compound. Due commands not final, oldest first: queued ones become sent (sentVia http); a sent one is handed out again ' +
    `after ${REDELIVER_AFTER_MS / 1000} s without an answer (deliveries + 1). A device runs a command once by its id.`,
  tags: ['ingest'],
  security: ['apiKey'],
  query: GatewayPollQuerySchema,
  responses: {
    200: { description: '{commands: [{id, deviceId, type, params, notBefore, deadline}]}', contentType: 'application/json' },
    400: 'bad query',
    401: 'missing or unknown API key',
    429: 'polling too often',
  },
});

describeRoute('post', '/api/v1/gateway/commands/:id/ack', {
  summary: "A device's answer to a command, through its gateway",
  description:
    "ok → acknowledged; not ok → failed with the device's error. A command already final answers duplicate: true and changes nothing. " +
    "Another compound's command (or a missing one) is 404.",
  tags: ['ingest'],
  security: ['apiKey'],
  params: { id: 'command id' },
  body: CommandAckSchema,
  responses: {
    200: { description: '{id, state, duplicate}', contentType: 'application/json' },
    400: 'bad body (commandId not the path id)',
    401: 'missing or unknown API key',
    404: "no such command in the key's compound",
  },
});
