// Acting from the twin: device commands (broadcast speakers, information screens, gates, chargers) and
// broadcasts — one request that targets a place on the model and becomes one command per device.
// Shared by the server (validation, resolution) and the console (the preview resolves the same devices).
import { z } from 'zod';
import { Point2Schema, pointInRing, type Point2 } from './geo';
import type { Compound, Device } from './compound';
import type { DeviceType } from './deviceTypes';

export const COMMAND_TYPES = ['broadcast_play', 'broadcast_stop', 'screen_show', 'screen_clear', 'gate_open', 'charger_stop'] as const;
export const CommandTypeSchema = z.enum(COMMAND_TYPES);
export type CommandType = z.infer<typeof CommandTypeSchema>;

/** The device types each command can go to; any other target is refused (400). */
export const COMMAND_TARGETS: Record<CommandType, readonly DeviceType[]> = {
  broadcast_play: ['broadcast_speaker'],
  broadcast_stop: ['broadcast_speaker'],
  screen_show: ['info_screen'],
  screen_clear: ['info_screen'],
  gate_open: ['access_gate', 'parking_gate'],
  charger_stop: ['ebike_charger'],
};

/** Commands whose issuer must give a reason (recorded with the command and in the audit log). */
export const REASON_REQUIRED: ReadonlySet<CommandType> = new Set(['gate_open', 'charger_stop']);

/**
 * queued (created; scheduled ones wait for their time) → sent (handed to the broker with PUBACK, taken by a
 * gateway's poll, or by the simulator) → acknowledged (the device answered ok) | failed (it answered an error, or
 * was offline when due) | expired (no answer before the deadline).
 */
export const COMMAND_STATES = ['queued', 'sent', 'acknowledged', 'failed', 'expired'] as const;
export type CommandState = (typeof COMMAND_STATES)[number];
export const FINAL_COMMAND_STATES: ReadonlySet<CommandState> = new Set(['acknowledged', 'failed', 'expired']);

export const COMMAND_LIMITS = {
  /** Seconds from due to deadline. */
  deadlineS: { min: 5, max: 3600, default: 60 },
  /** How far ahead a broadcast may be scheduled. */
  scheduleMaxMs: 7 * 24 * 3_600_000,
  /** Devices one broadcast may reach. */
  maxDevices: 500,
  /** gate_open: per issuer per 10 minutes, per gate per minute (counted in the database). */
  gateOpenPerIssuerPer10Min: 20,
  gateOpenPerGatePerMin: 3,
  titleZh: 40,
  titleEn: 80,
  textZh: 300,
  textEn: 600,
  reason: { min: 4, max: 200 },
} as const;

/** Plain text only: no control characters (but newlines), no bidirectional or zero-width tricks, no markup or links. */
export function plainTextProblem(s: string): string | null {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/.test(s)) return 'must not hold control characters or line separators other than a newline';
  if (/[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/.test(s))
    return 'must not hold invisible, zero-width or text-direction characters';
  if (/<\s*\/?\s*[a-z!]/i.test(s)) return 'must be plain text, not markup';
  if (/\b(?:https?|ftp|javascript|data|vbscript|file)\s*:|www\.|\b[a-z0-9-]+\.[a-z]{2,24}\/\S/i.test(s)) return 'must not hold links';
  if (/\b[a-z0-9-]+\.(?:com|cn|net|org|io|gov|edu|info|top|xyz|cc|me|app|dev|link|site|shop|vip|example|ru|tk)\b/i.test(s))
    return 'must not hold web addresses';
  return null;
}

/** A time in ms that Date can hold (a larger one is no time at all). */
const TimeMsSchema = z.number().int().positive().max(8.64e15, 'must be a time Date can hold (ms since 1970, ≤ 8.64e15)');

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .superRefine((s, ctx) => {
      const p = plainTextProblem(s);
      if (p) ctx.addIssue({ code: 'custom', message: p });
    });

export const BilingualTextSchema = (zhMax: number, enMax: number) => z.strictObject({ zh: text(zhMax), en: text(enMax).optional() });
export type BilingualText = { zh: string; en?: string };

/** Recorded sound or text-to-speech of the message's text; there is no way to send a URL or a file to a speaker. */
export const AUDIO_PRESETS = ['evacuation', 'fire_alarm', 'fire_drill', 'water_cut', 'power_cut', 'gas_leak', 'all_clear', 'chime_tts'] as const;
export const AudioPresetSchema = z.enum(AUDIO_PRESETS);
export type AudioPreset = z.infer<typeof AudioPresetSchema>;

export const NOTICE_LEVELS = ['info', 'warning', 'emergency'] as const;
export const NoticeLevelSchema = z.enum(NOTICE_LEVELS);
export type NoticeLevel = z.infer<typeof NoticeLevelSchema>;

export const BroadcastPlayParamsSchema = z.strictObject({
  preset: AudioPresetSchema,
  /** Read out after the preset (text to speech); the Chinese is read first. */
  text: BilingualTextSchema(COMMAND_LIMITS.textZh, COMMAND_LIMITS.textEn).optional(),
  volumeDb: z.int().min(50).max(100).default(85),
  repeat: z.int().min(1).max(10).default(3),
  level: NoticeLevelSchema.default('info'),
});
export const ScreenShowParamsSchema = z.strictObject({
  title: BilingualTextSchema(COMMAND_LIMITS.titleZh, COMMAND_LIMITS.titleEn),
  body: BilingualTextSchema(COMMAND_LIMITS.textZh, COMMAND_LIMITS.textEn),
  level: NoticeLevelSchema.default('info'),
  /** Shown until then (ms); none: until cleared. */
  until: TimeMsSchema.optional(),
});
export const GateOpenParamsSchema = z.strictObject({ holdS: z.int().min(3).max(120).default(10) });
/** broadcast_stop / screen_clear: `of` = the command they end (a device ignores a stop of something it no longer plays or shows). */
const StopParams = z.strictObject({ of: z.int().positive().optional() });

/** Parameters by command type (strict: unknown fields are refused). */
export const COMMAND_PARAMS = {
  broadcast_play: BroadcastPlayParamsSchema,
  broadcast_stop: StopParams,
  screen_show: ScreenShowParamsSchema,
  screen_clear: StopParams,
  gate_open: GateOpenParamsSchema,
  charger_stop: z.strictObject({}),
} as const satisfies Record<CommandType, z.ZodType>;
export type CommandParams = {
  broadcast_play: z.infer<typeof BroadcastPlayParamsSchema>;
  broadcast_stop: { of?: number };
  screen_show: z.infer<typeof ScreenShowParamsSchema>;
  screen_clear: { of?: number };
  gate_open: z.infer<typeof GateOpenParamsSchema>;
  charger_stop: Record<string, never>;
};

const DeviceIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}$/, 'device ids are 1–80 letters, digits, _ . : or -');
const PlaceIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'ids are 1–64 lowercase letters, digits, - or _');

/** POST /compounds/:id/commands: one command to one device (a gate, a charger, one speaker or screen). */
export const CommandCreateSchema = z.strictObject({
  deviceId: DeviceIdSchema,
  type: CommandTypeSchema,
  params: z.record(z.string(), z.unknown()).default({}),
  reason: z.string().trim().min(COMMAND_LIMITS.reason.min).max(COMMAND_LIMITS.reason.max).optional(),
  deadlineS: z.int().min(COMMAND_LIMITS.deadlineS.min).max(COMMAND_LIMITS.deadlineS.max).optional(),
  /** The client's id for this request: a retry with the same one returns the first answer, not a second command. */
  requestId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, 'requestId is 8–64 letters, digits, _ or -')
    .optional(),
});
export type CommandCreate = z.infer<typeof CommandCreateSchema>;

/**
 * A place on the model. `buildings`: whole buildings, or some of their units, optionally a floor range (devices
 * without a floor — on the ground — are then left out); `polygon`: a lasso on the ground (local metres);
 * `near`: within radiusM of a point or of an alarm's device; `devices`: named devices (a retry, a single target).
 */
export const PlaceSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('buildings'),
    buildingIds: z.array(PlaceIdSchema).min(1).max(200),
    unitIds: z.array(PlaceIdSchema).min(1).max(500).optional(),
    floors: z
      .strictObject({ from: z.int().min(0).max(200), to: z.int().min(0).max(200) })
      .refine((f) => f.from <= f.to, 'floors: from must be ≤ to')
      .optional(),
  }),
  z.strictObject({ kind: z.literal('polygon'), ring: z.array(Point2Schema).min(3).max(500) }),
  z
    .strictObject({
      kind: z.literal('near'),
      alarmId: z.int().positive().optional(),
      at: Point2Schema.optional(),
      radiusM: z.number().min(1).max(2000),
    })
    .refine((p) => (p.alarmId === undefined) !== (p.at === undefined), 'near: give either alarmId or at'),
  z.strictObject({ kind: z.literal('devices'), deviceIds: z.array(DeviceIdSchema).min(1).max(COMMAND_LIMITS.maxDevices) }),
]);
export type Place = z.infer<typeof PlaceSchema>;

export const BROADCAST_CHANNELS = ['speaker', 'screen'] as const;
export type BroadcastChannel = (typeof BROADCAST_CHANNELS)[number];
/** The device type and command each channel uses. */
export const CHANNEL_COMMAND: Record<BroadcastChannel, { type: DeviceType; play: CommandType; stop: CommandType }> = {
  speaker: { type: 'broadcast_speaker', play: 'broadcast_play', stop: 'broadcast_stop' },
  screen: { type: 'info_screen', play: 'screen_show', stop: 'screen_clear' },
};

/** POST /compounds/:id/broadcasts. */
export const BroadcastCreateSchema = z.strictObject({
  place: PlaceSchema,
  channels: z.array(z.enum(BROADCAST_CHANNELS)).min(1).max(2),
  /** A template of GET /broadcast-templates the message started from (recorded; the text sent is `message`). */
  templateId: z
    .string()
    .regex(/^[a-z0-9_]{1,40}$/)
    .optional(),
  level: NoticeLevelSchema.default('info'),
  message: z.strictObject({
    title: BilingualTextSchema(COMMAND_LIMITS.titleZh, COMMAND_LIMITS.titleEn),
    text: BilingualTextSchema(COMMAND_LIMITS.textZh, COMMAND_LIMITS.textEn),
  }),
  audio: z
    .strictObject({ preset: AudioPresetSchema, volumeDb: z.int().min(50).max(100).default(85), repeat: z.int().min(1).max(10).default(3) })
    .default({ preset: 'chime_tts', volumeDb: 85, repeat: 3 }),
  /** Screens show the notice until then (ms); none: until cleared. */
  showUntil: TimeMsSchema.optional(),
  /** Send at (ms, ≤ 7 days ahead); none: now. */
  at: TimeMsSchema.optional(),
  deadlineS: z.int().min(COMMAND_LIMITS.deadlineS.min).max(COMMAND_LIMITS.deadlineS.max).optional(),
  requestId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, 'requestId is 8–64 letters, digits, _ or -')
    .optional(),
});
export type BroadcastCreate = z.input<typeof BroadcastCreateSchema>;

export interface DeviceCommand {
  id: number;
  compoundId: string;
  deviceId: string;
  type: CommandType;
  params: Record<string, unknown>;
  issuer: string;
  reason: string | null;
  broadcastId: number | null;
  /** The failed or expired command this one retries. */
  retryOf: number | null;
  createdAt: number;
  /** Not delivered before (a scheduled broadcast). */
  notBefore: number;
  deadline: number;
  state: CommandState;
  stateAt: number;
  sentAt: number | null;
  sentVia: 'mqtt' | 'http' | 'simulator' | null;
  /** Times handed out (a gateway's poll after no answer, a redelivery by the broker): the device runs it once. */
  deliveries: number;
  ackedAt: number | null;
  /** Why it failed or expired, in words ("offline since 14:02", "no answer before the deadline", the device's error). */
  failure: string | null;
  /** What the device answered with its acknowledgement (bounded JSON). */
  result: unknown;
}

export interface CommandCounts {
  total: number;
  queued: number;
  sent: number;
  acknowledged: number;
  failed: number;
  expired: number;
}

export interface Broadcast {
  id: number;
  compoundId: string;
  issuer: string;
  createdAt: number;
  /** When it is (or was) due. */
  at: number;
  place: Place;
  channels: BroadcastChannel[];
  level: NoticeLevel;
  templateId: string | null;
  message: { title: BilingualText; text: BilingualText };
  audio: { preset: AudioPreset; volumeDb: number; repeat: number };
  /** `notice`: play/show; `stop`: the stop/clear sent for an earlier one (`stopOf`). */
  kind: 'notice' | 'stop';
  stopOf: number | null;
  counts: CommandCounts;
}
export interface BroadcastDetail extends Broadcast {
  commands: DeviceCommand[];
}

/** The socket delta of one command's state (also what the console's delivery layer keeps per device). */
export interface CommandDelta {
  id: number;
  broadcastId: number | null;
  deviceId: string;
  type: CommandType;
  state: CommandState;
  at: number;
  failure: string | null;
}
export interface CommandEvent {
  compoundId: string;
  commands: CommandDelta[];
  /** Broadcasts whose counts changed, with their new counts. */
  broadcasts: { id: number; counts: CommandCounts }[];
}

/** What a screen shows now (GET /compounds/:id/screens; the simulator's screens and real ones that acknowledged). */
export interface ScreenContent {
  deviceId: string;
  commandId: number;
  title: BilingualText;
  body: BilingualText;
  level: NoticeLevel;
  since: number;
  until: number | null;
}

/** Ack a device (MQTT `…/command/ack`) or a gateway (`POST /gateway/commands/:id/ack`) sends. */
export const CommandAckSchema = z.strictObject({
  commandId: z.int().positive().optional(),
  ok: z.boolean(),
  error: z.string().trim().min(1).max(200).optional(),
  result: z.record(z.string(), z.unknown()).optional(),
});
export type CommandAck = z.infer<typeof CommandAckSchema>;

// ---------------------------------------------------------------------------------------------------------
// Resolving a place to devices (the server does it to create commands; the console to preview the same set).

const inFloors = (d: Device, floors?: { from: number; to: number }) =>
  !floors || (d.placement.kind === 'building' && d.placement.floor !== undefined && d.placement.floor >= floors.from && d.placement.floor <= floors.to);

/** Problems with a place in this compound (unknown building, unit of another building, unknown device), or null. */
export function placeProblem(doc: Compound, place: Place): string | null {
  if (place.kind === 'buildings') {
    const buildings = new Map(doc.buildings.map((b) => [b.id, b]));
    for (const id of place.buildingIds) if (!buildings.has(id)) return `place.buildingIds: "${id}" is not a building of this compound`;
    for (const u of place.unitIds ?? [])
      if (!place.buildingIds.some((b) => buildings.get(b)!.units.some((x) => x.id === u))) return `place.unitIds: "${u}" is not a unit of the buildings named`;
  }
  if (place.kind === 'devices') {
    const known = new Set(doc.devices.map((d) => d.id));
    for (const id of place.deviceIds) if (!known.has(id)) return `place.deviceIds: "${id}" is not a device of this compound`;
  }
  return null;
}

/**
 * The devices of `types` in a place, in the compound file's order. `near` with an alarm needs `alarmAt` (the
 * alarm's device position, or undefined when the alarm is not this compound's: then nothing matches).
 */
export function resolvePlace(doc: Compound, place: Place, types: readonly DeviceType[], alarmAt?: (alarmId: number) => Point2 | undefined): Device[] {
  const want = new Set(types);
  const of = doc.devices.filter((d) => want.has(d.type));
  switch (place.kind) {
    case 'buildings': {
      const b = new Set(place.buildingIds);
      const u = place.unitIds ? new Set(place.unitIds) : null;
      return of.filter(
        (d) =>
          d.placement.kind === 'building' &&
          b.has(d.placement.buildingId) &&
          (!u || (d.placement.unitId !== undefined && u.has(d.placement.unitId))) &&
          inFloors(d, place.floors),
      );
    }
    case 'polygon':
      return of.filter((d) => pointInRing([d.placement.at[0], d.placement.at[1]], place.ring));
    case 'near': {
      const c = place.at ?? (place.alarmId !== undefined ? alarmAt?.(place.alarmId) : undefined);
      if (!c) return [];
      const r2 = place.radiusM * place.radiusM;
      return of.filter((d) => {
        const dx = d.placement.at[0] - c[0];
        const dy = d.placement.at[1] - c[1];
        return dx * dx + dy * dy <= r2;
      });
    }
    case 'devices': {
      const ids = new Set(place.deviceIds);
      return of.filter((d) => ids.has(d.id));
    }
  }
}

/** A message template (停水通知, 消防演练, 疏散 …): the console fills the form with it; the officer may edit. */
export interface MessageTemplate {
  id: string;
  name: BilingualText & { en: string };
  level: NoticeLevel;
  channels: BroadcastChannel[];
  audioPreset: AudioPreset;
  title: BilingualText;
  text: BilingualText;
}

export const MESSAGE_TEMPLATES: readonly MessageTemplate[] = [
  {
    id: 'evacuation',
    name: { zh: '紧急疏散', en: 'Evacuation' },
    level: 'emergency',
    channels: ['speaker', 'screen'],
    audioPreset: 'evacuation',
    title: { zh: '紧急疏散', en: 'Evacuate now' },
    text: {
      zh: '请立即沿楼梯有序撤离至小区广场，不要乘坐电梯，照顾好老人和儿童。',
      en: 'Leave the building now by the stairs and gather in the square. Do not use the lifts. Help the elderly and children.',
    },
  },
  {
    id: 'fire_drill',
    name: { zh: '消防演练', en: 'Fire drill' },
    level: 'warning',
    channels: ['speaker', 'screen'],
    audioPreset: 'fire_drill',
    title: { zh: '消防演练通知', en: 'Fire drill' },
    text: {
      zh: '本小区今天将进行消防演练，听到警报后请按指示有序撤离，这是演练，请勿惊慌。',
      en: 'A fire drill takes place today. When the alarm sounds, follow the instructions and leave calmly. This is a drill.',
    },
  },
  {
    id: 'water_cut',
    name: { zh: '停水通知', en: 'Water cut' },
    level: 'info',
    channels: ['screen'],
    audioPreset: 'water_cut',
    title: { zh: '停水通知', en: 'Water supply interruption' },
    text: {
      zh: '因供水管道检修，本楼将于明日 9:00–17:00 停水，请提前储水，给您带来不便敬请谅解。',
      en: 'Water will be off tomorrow 9:00–17:00 for pipe repairs. Please store water in advance. We apologise for the inconvenience.',
    },
  },
  {
    id: 'power_cut',
    name: { zh: '停电通知', en: 'Power cut' },
    level: 'info',
    channels: ['screen'],
    audioPreset: 'power_cut',
    title: { zh: '停电通知', en: 'Power interruption' },
    text: {
      zh: '因电力线路检修，本楼将于明日 8:30–12:00 停电，电梯暂停使用。',
      en: 'Power will be off tomorrow 8:30–12:00 for line maintenance; the lifts will not run.',
    },
  },
  {
    id: 'gas_leak',
    name: { zh: '燃气泄漏', en: 'Gas leak' },
    level: 'emergency',
    channels: ['speaker', 'screen'],
    audioPreset: 'gas_leak',
    title: { zh: '燃气泄漏警报', en: 'Gas leak' },
    text: {
      zh: '发现燃气泄漏，请勿使用明火和电器开关，打开门窗，立即离开本楼。',
      en: 'Gas leak reported. Do not use flames or switches, open the windows and leave the building now.',
    },
  },
  {
    id: 'all_clear',
    name: { zh: '解除警报', en: 'All clear' },
    level: 'info',
    channels: ['speaker', 'screen'],
    audioPreset: 'all_clear',
    title: { zh: '警报解除', en: 'All clear' },
    text: { zh: '险情已排除，居民可以返回家中，感谢配合。', en: 'The danger is over; residents may return home. Thank you.' },
  },
];
