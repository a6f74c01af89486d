import {
  BroadcastCreateSchema,
  CHANNEL_COMMAND,
  COMMAND_LIMITS,
  COMMAND_PARAMS,
  COMMAND_TARGETS,
  CommandCreateSchema,
  FINAL_COMMAND_STATES,
  placeProblem,
  plainTextProblem,
  REASON_REQUIRED,
  resolvePlace,
  type Broadcast,
  type BroadcastChannel,
  type BroadcastDetail,
  type CommandCounts,
  type CommandDelta,
  type CommandState,
  type CommandType,
  type Device,
  type DeviceCommand,
  type Place,
  type Point2,
  type ScreenContent,
} from '../../models';
import { createHash } from 'node:crypto';
import type { Db, Queryable } from '../db/db';
import type { NewAuditEntry } from '../db/audit.repo';
import { HttpError, parseOr400 } from '../http/errors';
import type { Twin, Twins } from '../live/twins';
import type { RealtimeHub } from '../realtime/hub';
import type { CommandSink, CommandTransport } from './transport';

type Row = Record<string, unknown>;
const sec = (ms: number) => ms / 1000;
const ms = (v: unknown): number | null => (v === null || v === undefined ? null : Math.round(Number(v)));
const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

/** A gateway's poll hands a sent command out again after this long without an answer. */
export const REDELIVER_AFTER_MS = 15_000;
/** The most a device's result may weigh (JSON); more is stored as a note that it was cut. */
const MAX_RESULT_CHARS = 4_000;
/** Why a command failed when its broadcast was stopped before it went out (such commands are not retried). */
const WITHDRAWN = 'stopped before it was sent';

/** The SHA-256 of a request's body (as parsed): the same requestId with another body is another request. */
const requestHash = (body: unknown): string => createHash('sha256').update(JSON.stringify(body)).digest('hex');

/** A unique index refused a second retry of a command (or a second stop of a broadcast): 409 with `message`. */
const onceOnly =
  (message: string) =>
  (err: unknown): never => {
    if ((err as { code?: string }).code === '23505') throw new HttpError(409, message);
    throw err;
  };

const COLS = `c.id, c.compound_id, c.device_id, c.type, c.params, c.issuer, c.reason, c.broadcast_id, c.retry_of,
  extract(epoch from c.created_at) * 1000 as created_at, extract(epoch from c.not_before) * 1000 as not_before,
  extract(epoch from c.deadline) * 1000 as deadline, c.state, extract(epoch from c.state_at) * 1000 as state_at,
  extract(epoch from c.sent_at) * 1000 as sent_at, c.sent_via, c.deliveries, extract(epoch from c.acked_at) * 1000 as acked_at,
  c.failure, c.result`;
const B_COLS = `b.id, b.compound_id, b.issuer, extract(epoch from b.created_at) * 1000 as created_at, extract(epoch from b.due_at) * 1000 as due_at,
  b.place, b.channels, b.level, b.template_id, b.message, b.audio, b.kind, b.stop_of`;

function toCommand(x: Row): DeviceCommand {
  return {
    id: Number(x.id),
    compoundId: String(x.compound_id),
    deviceId: String(x.device_id),
    type: x.type as CommandType,
    params: json<Record<string, unknown>>(x.params),
    issuer: String(x.issuer),
    reason: (x.reason as string) ?? null,
    broadcastId: x.broadcast_id === null ? null : Number(x.broadcast_id),
    retryOf: x.retry_of === null ? null : Number(x.retry_of),
    createdAt: ms(x.created_at)!,
    notBefore: ms(x.not_before)!,
    deadline: ms(x.deadline)!,
    state: x.state as CommandState,
    stateAt: ms(x.state_at)!,
    sentAt: ms(x.sent_at),
    sentVia: (x.sent_via as DeviceCommand['sentVia']) ?? null,
    deliveries: Number(x.deliveries),
    ackedAt: ms(x.acked_at),
    failure: (x.failure as string) ?? null,
    result: x.result === null || x.result === undefined ? null : json(x.result),
  };
}

const channelsOf = (v: unknown): BroadcastChannel[] => (Array.isArray(v) ? v : String(v).replace(/[{}]/g, '').split(',').filter(Boolean)) as BroadcastChannel[];

function toBroadcast(x: Row, counts: CommandCounts): Broadcast {
  return {
    id: Number(x.id),
    compoundId: String(x.compound_id),
    issuer: String(x.issuer),
    createdAt: ms(x.created_at)!,
    at: ms(x.due_at)!,
    place: json<Place>(x.place),
    channels: channelsOf(x.channels),
    level: x.level as Broadcast['level'],
    templateId: (x.template_id as string) ?? null,
    message: json<Broadcast['message']>(x.message),
    audio: json<Broadcast['audio']>(x.audio),
    kind: x.kind as Broadcast['kind'],
    stopOf: x.stop_of === null ? null : Number(x.stop_of),
    counts,
  };
}

export const emptyCounts = (): CommandCounts => ({ total: 0, queued: 0, sent: 0, acknowledged: 0, failed: 0, expired: 0 });
export const deltaOf = (c: DeviceCommand): CommandDelta => ({
  id: c.id,
  broadcastId: c.broadcastId,
  deviceId: c.deviceId,
  type: c.type,
  state: c.state,
  at: c.stateAt,
  failure: c.failure,
});

/** What a masked caller (evaluator, wall) gets of a broadcast: no issuer; its commands without issuer or reason. */
export function maskBroadcast<T extends Broadcast>(b: T): Omit<T, 'issuer'> {
  const { issuer: _issuer, ...rest } = b;
  const out = rest as Omit<T, 'issuer'> & { commands?: DeviceCommand[] };
  if (out.commands) out.commands = out.commands.map((c) => ({ ...c, issuer: '', reason: null }));
  return out;
}

/** "offline (last seen 2026-05-01 14:02)" in the compound's time zone. */
function offlineSince(lastSeen: number | null, timeZone: string): string {
  if (lastSeen === null) return 'offline (never seen)';
  let when: string;
  try {
    when = new Date(lastSeen).toLocaleString('sv-SE', { timeZone, hour12: false }).slice(0, 16);
  } catch {
    when = new Date(lastSeen).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  }
  return `offline (last seen ${when})`;
}

export interface CommandsServiceDeps {
  db: Db;
  twins: Twins;
  hub: RealtimeHub;
  audit: { record(e: NewAuditEntry): void };
  log?: (m: string) => void;
}

/** Who asks: the actor recorded and the address for the audit log. */
export interface Issuer {
  actor: string;
  ip?: string | null;
}

/**
 * Device commands and broadcasts: creation (validated, resolved to devices, written in one transaction), dispatch
 * to the transports (MQTT, simulator) or the gateways' HTTP poll, acknowledgements, expiry, and what screens show.
 * Every state change goes to the compound's room as 'command:updated'.
 */
export class CommandsService implements CommandSink {
  private readonly transports: CommandTransport[] = [];
  /** Commands being handed to transports right now (a second pass must not hand them again). */
  private readonly inFlight = new Set<number>();
  /** Whether any command may be open: false after a sweep found none; anything created sets it. */
  private anyOpen = true;
  /** Dispatches started by a request (they run after its answer): idle() waits for them. */
  private readonly background = new Set<Promise<void>>();
  private checkedAt = 0;
  private readonly db: Db;
  private readonly twins: Twins;
  private readonly hub: RealtimeHub;
  private readonly log: (m: string) => void;

  constructor(private readonly deps: CommandsServiceDeps) {
    this.db = deps.db;
    this.twins = deps.twins;
    this.hub = deps.hub;
    this.log = deps.log ?? (() => undefined);
  }

  addTransport(t: CommandTransport): void {
    this.transports.push(t);
    this.anyOpen = true;
  }

  // ------------------------------------------------------------------------------------------------------
  // Lookups

  async compoundOfBroadcast(id: number): Promise<string | undefined> {
    const r = await this.db.query<{ compound_id: string }>('select compound_id from broadcasts where id = $1', [id]);
    return r.rows[0]?.compound_id;
  }

  async compoundOfCommand(id: number): Promise<string | undefined> {
    const r = await this.db.query<{ compound_id: string }>('select compound_id from device_commands where id = $1', [id]);
    return r.rows[0]?.compound_id;
  }

  private twinOf(compoundId: string): Twin {
    const t = this.twins.get(compoundId);
    if (!t) throw new HttpError(404, `compound "${compoundId.slice(0, 64)}" not found`);
    return t;
  }

  /** Counts per broadcast, from each device's latest command in it. */
  private async countsOf(q: Queryable, ids: number[]): Promise<Map<number, CommandCounts>> {
    const out = new Map<number, CommandCounts>(ids.map((id) => [id, emptyCounts()]));
    if (!ids.length) return out;
    const r = await q.query<{ broadcast_id: number; state: CommandState; n: number }>(
      `select l.broadcast_id, l.state, count(*)::int as n from (
         select distinct on (broadcast_id, device_id) broadcast_id, state from device_commands
          where broadcast_id = any($1::int[]) order by broadcast_id, device_id, id desc) l
        group by l.broadcast_id, l.state`,
      [ids],
    );
    for (const x of r.rows) {
      const c = out.get(Number(x.broadcast_id))!;
      c[x.state] += Number(x.n);
      c.total += Number(x.n);
    }
    return out;
  }

  async broadcastDetail(id: number, compounds: string[] | null, q: Queryable = this.db): Promise<BroadcastDetail | null> {
    const r = await q.query<Row>(`select ${B_COLS} from broadcasts b where b.id = $1 and ($2::text[] is null or b.compound_id = any($2::text[]))`, [
      id,
      compounds,
    ]);
    if (!r.rows[0]) return null;
    const cmds = await q.query<Row>(`select ${COLS} from device_commands c where c.broadcast_id = $1 order by c.id`, [id]);
    const counts = (await this.countsOf(q, [id])).get(id)!;
    return { ...toBroadcast(r.rows[0], counts), commands: cmds.rows.map(toCommand) };
  }

  async listBroadcasts(compoundId: string, limit: number): Promise<Broadcast[]> {
    const r = await this.db.query<Row>(`select ${B_COLS} from broadcasts b where b.compound_id = $1 order by b.created_at desc, b.id desc limit $2`, [
      compoundId,
      limit,
    ]);
    const counts = await this.countsOf(
      this.db,
      r.rows.map((x) => Number(x.id)),
    );
    return r.rows.map((x) => toBroadcast(x, counts.get(Number(x.id))!));
  }

  async command(id: number, compounds: string[] | null): Promise<DeviceCommand | null> {
    const r = await this.db.query<Row>(`select ${COLS} from device_commands c where c.id = $1 and ($2::text[] is null or c.compound_id = any($2::text[]))`, [
      id,
      compounds,
    ]);
    return r.rows[0] ? toCommand(r.rows[0]) : null;
  }

  async listCommands(
    compoundId: string,
    f: { state?: CommandState; deviceId?: string; type?: CommandType; broadcastId?: number; limit: number },
  ): Promise<DeviceCommand[]> {
    const r = await this.db.query<Row>(
      `select ${COLS} from device_commands c
        where c.compound_id = $1 and ($2::text is null or c.state = $2) and ($3::text is null or c.device_id = $3) and ($4::text is null or c.type = $4)
        order by c.created_at desc, c.id desc limit $5`,
      [compoundId, f.state ?? null, f.deviceId ?? null, f.type ?? null, f.limit],
    );
    return r.rows.map(toCommand);
  }

  /** What each screen of the compound shows now: its last acknowledged screen_show, unless a later acknowledged screen_clear or its `until` ended it. */
  async screens(compoundId: string, now = Date.now()): Promise<ScreenContent[]> {
    // the last acknowledged notice per screen, unless an acknowledged clear came after it that ends it (a clear of another notice does not)
    const r = await this.db.query<Row>(
      `select s.* from (
         select distinct on (c.device_id) c.id, c.device_id, c.type, c.params, c.acked_at as acked, extract(epoch from c.acked_at) * 1000 as acked_at
           from device_commands c
          where c.compound_id = $1 and c.type = 'screen_show' and c.state = 'acknowledged'
          order by c.device_id, c.acked_at desc, c.id desc) s
        where not exists (select 1 from device_commands x where x.compound_id = $1 and x.device_id = s.device_id and x.type = 'screen_clear'
                             and x.state = 'acknowledged' and x.acked_at >= s.acked and (x.params->>'of' is null or (x.params->>'of')::int = s.id))`,
      [compoundId],
    );
    const out: ScreenContent[] = [];
    for (const x of r.rows) {
      if (x.type !== 'screen_show') continue;
      const p = json<{ title: ScreenContent['title']; body: ScreenContent['body']; level: ScreenContent['level']; until?: number }>(x.params);
      if (p.until !== undefined && p.until <= now) continue;
      out.push({
        deviceId: String(x.device_id),
        commandId: Number(x.id),
        title: p.title,
        body: p.body,
        level: p.level,
        since: ms(x.acked_at)!,
        until: p.until ?? null,
      });
    }
    return out;
  }

  // ------------------------------------------------------------------------------------------------------
  // Broadcasts

  /** The alarm's device position, when the alarm is this compound's (else undefined: the place then holds nothing). */
  private async alarmPosition(twin: Twin, alarmId: number): Promise<Point2 | undefined> {
    const live = twin.alarms.get(alarmId);
    let deviceId = live?.compoundId === twin.entry.doc.id ? live.deviceId : undefined;
    if (!deviceId) {
      const r = await this.db.query<{ device_id: string }>('select device_id from alarms where id = $1 and compound_id = $2', [alarmId, twin.entry.doc.id]);
      deviceId = r.rows[0]?.device_id;
    }
    const d = deviceId ? twin.entry.devices.get(deviceId) : undefined;
    return d ? [d.placement.at[0], d.placement.at[1]] : undefined;
  }

  /** The devices of the channels' types in a place of the compound (400 for a place that names what it has not). */
  async resolve(compoundId: string, place: Place, channels: readonly BroadcastChannel[]): Promise<Device[]> {
    const twin = this.twinOf(compoundId);
    const problem = placeProblem(twin.entry.doc, place);
    if (problem) throw new HttpError(400, problem);
    const pos = place.kind === 'near' && place.alarmId !== undefined ? await this.alarmPosition(twin, place.alarmId) : undefined;
    if (place.kind === 'near' && place.alarmId !== undefined && !pos)
      throw new HttpError(400, `place.alarmId: alarm ${place.alarmId} is not an alarm of this compound`);
    return resolvePlace(
      twin.entry.doc,
      place,
      channels.map((c) => CHANNEL_COMMAND[c].type),
      () => pos,
    );
  }

  /** The preview the console shows before sending: the devices the place resolves to, with their live status. */
  async preview(compoundId: string, place: Place, channels: readonly BroadcastChannel[]) {
    const twin = this.twinOf(compoundId);
    const devices = await this.resolve(compoundId, place, channels);
    let offline = 0;
    const list = devices.map((d) => {
      const s = twin.live.states.get(d.id)?.status ?? 'offline';
      const status = s === 'offline' ? 'offline' : s === 'alarm' ? 'alarm' : 'online';
      if (status === 'offline') offline++;
      return { deviceId: d.id, type: d.type, name: d.name, status };
    });
    return {
      devices: list,
      speakers: devices.filter((d) => d.type === CHANNEL_COMMAND.speaker.type).length,
      screens: devices.filter((d) => d.type === CHANNEL_COMMAND.screen.type).length,
      offline,
    };
  }

  /** The row an earlier request with this requestId made (null: none); the same id with another body is refused. */
  private async byRequest(
    table: 'broadcasts' | 'device_commands',
    compoundId: string,
    issuer: string,
    requestId: string | undefined,
    hash: string,
    q: Queryable = this.db,
  ): Promise<number | null> {
    if (!requestId) return null;
    const r = await q.query<{ id: number; request_hash: string | null }>(
      `select id, request_hash from ${table} where compound_id = $1 and issuer = $2 and request_id = $3`,
      [compoundId, issuer, requestId],
    );
    const row = r.rows[0];
    if (!row) return null;
    if (row.request_hash !== null && row.request_hash !== hash)
      throw new HttpError(
        409,
        `body.requestId: "${requestId}" was already used for a different request (${table === 'broadcasts' ? 'broadcast' : 'command'} ${row.id}); use a new requestId`,
      );
    return Number(row.id);
  }

  /** POST /compounds/:id/broadcasts: the broadcast and one command per device, in one transaction. `replay`: the requestId was seen. */
  async createBroadcast(compoundId: string, body: unknown, who: Issuer, now = Date.now()): Promise<{ detail: BroadcastDetail; replay: boolean }> {
    const b = parseOr400(BroadcastCreateSchema, body ?? {}, 'body');
    const hash = requestHash(b);
    const seen = await this.byRequest('broadcasts', compoundId, who.actor, b.requestId, hash);
    if (seen !== null) return { detail: (await this.broadcastDetail(seen, [compoundId]))!, replay: true };
    const due = b.at ?? now;
    if (b.at !== undefined && b.at < now - 60_000)
      throw new HttpError(400, `body.at: ${new Date(b.at).toISOString()} is in the past (leave it out to send now)`);
    if (due > now + COMMAND_LIMITS.scheduleMaxMs) throw new HttpError(400, `body.at: ${new Date(due).toISOString()} is more than 7 days ahead`);
    if (b.showUntil !== undefined && b.showUntil <= due) throw new HttpError(400, 'body.showUntil: must be after the time it is sent');
    if (b.showUntil !== undefined && !b.channels.includes('screen'))
      throw new HttpError(400, 'body.showUntil: only screens show a notice until a time (add the screen channel)');
    const devices = await this.resolve(compoundId, b.place, b.channels);
    const names = b.channels.map((c) => (c === 'speaker' ? 'speaker' : 'screen')).join(' or ');
    if (!devices.length) throw new HttpError(400, `body.place: no ${names} there: the place resolves to no device of the chosen channels`);
    if (devices.length > COMMAND_LIMITS.maxDevices)
      throw new HttpError(400, `body.place: ${devices.length} devices; one broadcast may reach at most ${COMMAND_LIMITS.maxDevices} (choose a smaller place)`);
    const deadlineMs = (b.deadlineS ?? COMMAND_LIMITS.deadlineS.default) * 1000;
    const cmds = devices.map((d) => {
      if (d.type === CHANNEL_COMMAND.speaker.type) {
        const params = COMMAND_PARAMS.broadcast_play.parse({
          preset: b.audio.preset,
          text: b.message.text,
          volumeDb: b.audio.volumeDb,
          repeat: b.audio.repeat,
          level: b.level,
        });
        return { deviceId: d.id, type: 'broadcast_play' as CommandType, params };
      }
      const params = COMMAND_PARAMS.screen_show.parse({
        title: b.message.title,
        body: b.message.text,
        level: b.level,
        ...(b.showUntil ? { until: b.showUntil } : {}),
      });
      return { deviceId: d.id, type: 'screen_show' as CommandType, params };
    });
    const made = await this.db.transaction(async (q) => {
      const ins = await q.query<{ id: number }>(
        `insert into broadcasts (compound_id, issuer, due_at, place, channels, level, template_id, message, audio, show_until, kind, request_id, request_hash)
         values ($1, $2, to_timestamp($3), $4::jsonb, $5::text[], $6, $7, $8::jsonb, $9::jsonb, to_timestamp($10), 'notice', $11, $12)
         on conflict (compound_id, issuer, request_id) do nothing returning id`,
        [
          compoundId,
          who.actor,
          sec(due),
          JSON.stringify(b.place),
          b.channels,
          b.level,
          b.templateId ?? null,
          JSON.stringify(b.message),
          JSON.stringify(b.audio),
          b.showUntil === undefined ? null : sec(b.showUntil),
          b.requestId ?? null,
          b.requestId ? hash : null,
        ],
      );
      if (!ins.rows[0]) return null; // the same requestId won a race: answer with its broadcast
      const id = Number(ins.rows[0].id);
      await this.insertCommands(q, compoundId, who.actor, null, id, cmds, due, deadlineMs, now);
      return id;
    });
    if (made === null) {
      const first = await this.byRequest('broadcasts', compoundId, who.actor, b.requestId, hash);
      return { detail: (await this.broadcastDetail(first!, [compoundId]))!, replay: true };
    }
    const detail = (await this.broadcastDetail(made, [compoundId]))!;
    this.created(compoundId, detail.commands, [{ id: made, counts: detail.counts }]);
    this.deps.audit.record({
      actor: who.actor,
      action: 'broadcast.send',
      target: `broadcast/${made}`,
      detail: {
        compoundId,
        devices: detail.commands.length,
        channels: b.channels,
        level: b.level,
        title: b.message.title.zh,
        templateId: b.templateId ?? null,
        place: b.place.kind,
        at: due,
      },
      ip: who.ip ?? null,
    });
    return { detail, replay: false };
  }

  private async insertCommands(
    q: Queryable,
    compoundId: string,
    issuer: string,
    reason: string | null,
    broadcastId: number | null,
    cmds: { deviceId: string; type: CommandType; params: unknown; retryOf?: number | null }[],
    due: number,
    deadlineMs: number,
    now: number,
    requestId: string | null = null,
    requestHash: string | null = null,
  ): Promise<number[]> {
    const r = await q.query<{ id: number }>(
      `insert into device_commands (compound_id, device_id, type, params, issuer, reason, broadcast_id, retry_of, request_id, created_at, not_before, deadline, state_at, request_hash)
       select $1, d, t, p::jsonb, $2, $3, $4, rt, $5, to_timestamp($6), to_timestamp($7), to_timestamp($8), to_timestamp($6), $13
         from unnest($9::text[], $10::text[], $11::text[], $12::int[]) as x(d, t, p, rt)
       returning id`,
      [
        compoundId,
        issuer,
        reason,
        broadcastId,
        requestId,
        sec(now),
        sec(due),
        sec(due + deadlineMs),
        cmds.map((c) => c.deviceId),
        cmds.map((c) => c.type),
        cmds.map((c) => JSON.stringify(c.params)),
        cmds.map((c) => c.retryOf ?? null),
        requestHash,
      ],
    );
    return r.rows.map((x) => Number(x.id));
  }

  /** Announces new commands and hands the due ones to the transports. */
  private created(compoundId: string, commands: DeviceCommand[], broadcasts: { id: number; counts: CommandCounts }[]): void {
    this.anyOpen = true;
    this.emit(compoundId, commands, broadcasts);
    const p = this.dispatch(compoundId).catch((err: Error) => this.log(`[commands] dispatch failed: ${err.message}`));
    this.background.add(p);
    void p.finally(() => this.background.delete(p));
  }

  /** Resolves when the dispatches started so far have finished (tests; shutdown). */
  async idle(): Promise<void> {
    while (this.background.size) await Promise.all([...this.background]);
  }

  /** POST /broadcasts/:id/retry: a new command (retryOf) for each device whose latest command failed or expired. */
  async retryBroadcast(id: number, compoundId: string, who: Issuer, now = Date.now()): Promise<BroadcastDetail> {
    const detail = await this.broadcastDetail(id, [compoundId]);
    if (!detail) throw new HttpError(404, `broadcast ${id} not found`);
    const stopped = await this.db.query<{ id: number }>('select id from broadcasts where stop_of = $1 and compound_id = $2', [id, compoundId]);
    if (stopped.rows[0]) throw new HttpError(409, `broadcast ${id} was stopped (broadcast ${stopped.rows[0].id}): send a new one instead of retrying it`);
    const latest = new Map<string, DeviceCommand>();
    for (const c of detail.commands) if ((latest.get(c.deviceId)?.id ?? 0) < c.id) latest.set(c.deviceId, c);
    const again = [...latest.values()].filter((c) => (c.state === 'failed' && c.failure !== WITHDRAWN) || c.state === 'expired');
    if (!again.length) return detail;
    const deadlineMs = Math.max(COMMAND_LIMITS.deadlineS.min * 1000, again[0].deadline - again[0].notBefore);
    await this.db
      .transaction(async (q) => {
        // a retry racing another: only commands nobody retried yet get one
        const open = await q.query<{ id: number }>(
          `select c.id from device_commands c where c.id = any($1::int[]) and not exists (select 1 from device_commands r where r.retry_of = c.id) for update`,
          [again.map((c) => c.id)],
        );
        const ok = new Set(open.rows.map((x) => Number(x.id)));
        const cmds = again.filter((c) => ok.has(c.id)).map((c) => ({ deviceId: c.deviceId, type: c.type, params: c.params, retryOf: c.id }));
        if (cmds.length) await this.insertCommands(q, compoundId, who.actor, null, id, cmds, now, deadlineMs, now);
      })
      .catch(onceOnly(`broadcast ${id}: its failed commands are being retried by another request`));
    const after = (await this.broadcastDetail(id, [compoundId]))!;
    const fresh = after.commands.filter((c) => c.retryOf !== null && again.some((a) => a.id === c.retryOf));
    this.created(compoundId, fresh, [{ id, counts: after.counts }]);
    this.deps.audit.record({
      actor: who.actor,
      action: 'broadcast.retry',
      target: `broadcast/${id}`,
      detail: { compoundId, devices: fresh.length, channels: after.channels, level: after.level, title: after.message.title.zh },
      ip: who.ip ?? null,
    });
    return after;
  }

  /**
   * POST /broadcasts/:id/stop, once per broadcast: its queued commands are withdrawn, and a broadcast of kind 'stop'
   * sends broadcast_stop / screen_clear (`of` = the command it ends) only to the devices that took this broadcast
   * (sent or acknowledged) and have had no later notice since: stopping an old notice never silences a newer one.
   */
  async stopBroadcast(id: number, compoundId: string, who: Issuer, now = Date.now()): Promise<BroadcastDetail> {
    const orig = await this.broadcastDetail(id, [compoundId]);
    if (!orig) throw new HttpError(404, `broadcast ${id} not found`);
    if (orig.kind === 'stop') throw new HttpError(400, `broadcast ${id} is itself a stop: stop the broadcast it stopped instead`);
    const twin = this.twinOf(compoundId);
    const { stopId, withdrawn, devices } = await this.db
      .transaction(async (q) => {
        const w = await q.query<Row>(
          `update device_commands c set state = 'failed', state_at = to_timestamp($2), done_at = to_timestamp($2), failure = $3
          where c.broadcast_id = $1 and c.state = 'queued' returning ${COLS}`,
          [id, sec(now), WITHDRAWN],
        );
        const live = await q.query<{ id: number; device_id: string }>(
          `select l.id, l.device_id from (
           select distinct on (c.device_id) c.id, c.device_id, c.state from device_commands c where c.broadcast_id = $1 order by c.device_id, c.id desc) l
          where l.state in ('sent', 'acknowledged')
            and not exists (select 1 from device_commands n where n.compound_id = $2 and n.device_id = l.device_id
                               and n.type in ('broadcast_play', 'screen_show') and n.id > l.id and n.state <> 'failed')`,
          [id, compoundId],
        );
        const cmds = live.rows.map((x) => ({
          deviceId: String(x.device_id),
          type: twin.entry.devices.get(String(x.device_id))?.type === CHANNEL_COMMAND.speaker.type ? CHANNEL_COMMAND.speaker.stop : CHANNEL_COMMAND.screen.stop,
          params: { of: Number(x.id) },
        }));
        const ins = await q.query<{ id: number }>(
          `insert into broadcasts (compound_id, issuer, due_at, place, channels, level, template_id, message, audio, kind, stop_of)
         select compound_id, $2, to_timestamp($3), place, channels, level, template_id, message, audio, 'stop', id from broadcasts where id = $1 returning id`,
          [id, who.actor, sec(now)],
        );
        const sid = Number(ins.rows[0].id);
        if (cmds.length) await this.insertCommands(q, compoundId, who.actor, null, sid, cmds, now, COMMAND_LIMITS.deadlineS.default * 1000, now);
        return { stopId: sid, withdrawn: w.rows.map(toCommand), devices: cmds.length };
      })
      .catch(onceOnly(`broadcast ${id} was already stopped`));
    const detail = (await this.broadcastDetail(stopId, [compoundId]))!;
    const origCounts = (await this.countsOf(this.db, [id])).get(id)!;
    this.created(
      compoundId,
      [...withdrawn, ...detail.commands],
      [
        { id, counts: origCounts },
        { id: stopId, counts: detail.counts },
      ],
    );
    this.deps.audit.record({
      actor: who.actor,
      action: 'broadcast.stop',
      target: `broadcast/${id}`,
      detail: {
        compoundId,
        stopId,
        devices,
        channels: orig.channels,
        level: orig.level,
        title: orig.message.title.zh,
        withdrawn: withdrawn.length,
      },
      ip: who.ip ?? null,
    });
    return detail;
  }

  // ------------------------------------------------------------------------------------------------------
  // Single commands

  /** gate_open limits, counted in the database: the seconds to wait, or 0. */
  private async gateOpenWait(q: Queryable, issuer: string, deviceId: string, now: number): Promise<{ waitS: number; why: string } | null> {
    const r = await q.query<{ by_issuer: number; issuer_oldest: number | null; by_gate: number; gate_oldest: number | null }>(
      `select
         (select count(*)::int from device_commands where issuer = $1 and type = 'gate_open' and created_at > to_timestamp($3) - interval '10 minutes') as by_issuer,
         (select extract(epoch from min(created_at)) * 1000 from (select created_at from device_commands where issuer = $1 and type = 'gate_open'
             and created_at > to_timestamp($3) - interval '10 minutes' order by created_at desc limit $4) i) as issuer_oldest,
         (select count(*)::int from device_commands where device_id = $2 and type = 'gate_open' and created_at > to_timestamp($3) - interval '1 minute') as by_gate,
         (select extract(epoch from min(created_at)) * 1000 from (select created_at from device_commands where device_id = $2 and type = 'gate_open'
             and created_at > to_timestamp($3) - interval '1 minute' order by created_at desc limit $5) g) as gate_oldest`,
      [issuer, deviceId, sec(now), COMMAND_LIMITS.gateOpenPerIssuerPer10Min, COMMAND_LIMITS.gateOpenPerGatePerMin],
    );
    const x = r.rows[0];
    const wait = (oldest: number | null, windowMs: number) => Math.max(1, Math.ceil(((oldest ?? now) + windowMs - now) / 1000));
    if (Number(x.by_gate) >= COMMAND_LIMITS.gateOpenPerGatePerMin)
      return {
        waitS: wait(ms(x.gate_oldest), 60_000),
        why: `gate "${deviceId}" was opened ${x.by_gate} times in the last minute (at most ${COMMAND_LIMITS.gateOpenPerGatePerMin})`,
      };
    if (Number(x.by_issuer) >= COMMAND_LIMITS.gateOpenPerIssuerPer10Min)
      return {
        waitS: wait(ms(x.issuer_oldest), 600_000),
        why: `you opened gates ${x.by_issuer} times in the last 10 minutes (at most ${COMMAND_LIMITS.gateOpenPerIssuerPer10Min})`,
      };
    return null;
  }

  /** POST /compounds/:id/commands: one command to one device of the compound. */
  async createCommand(compoundId: string, body: unknown, who: Issuer, now = Date.now()): Promise<{ command: DeviceCommand; replay: boolean }> {
    const b = parseOr400(CommandCreateSchema, body ?? {}, 'body');
    const hash = requestHash(b);
    const seen = await this.byRequest('device_commands', compoundId, who.actor, b.requestId, hash);
    if (seen !== null) return { command: (await this.command(seen, [compoundId]))!, replay: true };
    const twin = this.twinOf(compoundId);
    const device = twin.entry.devices.get(b.deviceId);
    if (!device) throw new HttpError(404, `device "${b.deviceId}" not found`);
    const targets = COMMAND_TARGETS[b.type];
    if (!targets.includes(device.type)) throw new HttpError(400, `body.type: ${b.type} goes to ${targets.join(' or ')}; "${b.deviceId}" is a ${device.type}`);
    const params = parseOr400(COMMAND_PARAMS[b.type], b.params, 'body.params');
    if (REASON_REQUIRED.has(b.type) && !b.reason)
      throw new HttpError(400, `body.reason: ${b.type} needs a reason (${COMMAND_LIMITS.reason.min}–${COMMAND_LIMITS.reason.max} characters)`);
    const reasonProblem = b.reason ? plainTextProblem(b.reason) : null;
    if (reasonProblem) throw new HttpError(400, `body.reason: ${reasonProblem}`);
    return this.insertSingle(
      compoundId,
      who,
      { deviceId: device.id, type: b.type, params, reason: b.reason ?? null, retryOf: null },
      b.deadlineS,
      b.requestId,
      now,
      hash,
    );
  }

  private async insertSingle(
    compoundId: string,
    who: Issuer,
    c: { deviceId: string; type: CommandType; params: unknown; reason: string | null; retryOf: number | null },
    deadlineS: number | undefined,
    requestId: string | undefined,
    now: number,
    hash: string | null = null,
  ): Promise<{ command: DeviceCommand; replay: boolean }> {
    const deadlineMs = (deadlineS ?? COMMAND_LIMITS.deadlineS.default) * 1000;
    const id = await this.db
      .transaction(async (q) => {
        if (c.type === 'gate_open') {
          // one gate_open decision at a time per issuer (the 10-minute count spans compounds), then per compound (the
          // per-gate count): two requests cannot both pass the same count; always in this order, so no deadlock
          await q.query('select pg_advisory_xact_lock(hashtext($1))', [`gate_open:issuer:${who.actor}`]);
          await q.query('select pg_advisory_xact_lock(hashtext($1))', [`gate_open:${compoundId}`]);
          const over = await this.gateOpenWait(q, who.actor, c.deviceId, now);
          if (over) throw new HttpError(429, `gate_open: ${over.why}: retry in ${over.waitS} s`, { retryAfterS: over.waitS });
        }
        if (requestId) {
          const dup = await this.byRequest('device_commands', compoundId, who.actor, requestId, hash ?? '', q);
          if (dup !== null) return -dup;
        }
        const [made] = await this.insertCommands(
          q,
          compoundId,
          who.actor,
          c.reason,
          null,
          [c],
          now,
          deadlineMs,
          now,
          requestId ?? null,
          requestId ? hash : null,
        );
        return made;
      })
      .catch(onceOnly(c.retryOf ? `command ${c.retryOf} was already retried` : `body.requestId: "${requestId}" is in use by a request still running`));
    if (id < 0) return { command: (await this.command(-id, [compoundId]))!, replay: true };
    const command = (await this.command(id, [compoundId]))!;
    this.created(compoundId, [command], []);
    this.deps.audit.record({
      actor: who.actor,
      action: c.retryOf ? 'command.retry' : 'command.send',
      target: `command/${id}`,
      detail: { compoundId, type: c.type, deviceId: c.deviceId, devices: 1, reason: c.reason, retryOf: c.retryOf },
      ip: who.ip ?? null,
    });
    return { command, replay: false };
  }

  /** POST /commands/:id/retry: a new command (retryOf) for a failed or expired one, once. */
  async retryCommand(id: number, compoundId: string, who: Issuer, now = Date.now()): Promise<DeviceCommand> {
    const c = await this.command(id, [compoundId]);
    if (!c) throw new HttpError(404, `command ${id} not found`);
    if (c.state !== 'failed' && c.state !== 'expired') throw new HttpError(409, `command ${id} is ${c.state}: only failed or expired commands are retried`);
    const again = await this.db.query<{ id: number }>('select id from device_commands where retry_of = $1 limit 1', [id]);
    if (again.rows[0]) throw new HttpError(409, `command ${id} was already retried (command ${again.rows[0].id})`);
    if (c.broadcastId !== null) {
      await this.retryBroadcast(c.broadcastId, compoundId, who, now);
      const r = await this.db.query<{ id: number }>('select id from device_commands where retry_of = $1 limit 1', [id]);
      return (await this.command(Number(r.rows[0].id), [compoundId]))!;
    }
    const deadlineS = Math.round((c.deadline - c.notBefore) / 1000);
    const { command } = await this.insertSingle(
      compoundId,
      who,
      { deviceId: c.deviceId, type: c.type, params: c.params, reason: c.reason, retryOf: id },
      Math.min(COMMAND_LIMITS.deadlineS.max, Math.max(COMMAND_LIMITS.deadlineS.min, deadlineS)),
      undefined,
      now,
    );
    return command;
  }

  // ------------------------------------------------------------------------------------------------------
  // Delivery

  private emit(compoundId: string, commands: DeviceCommand[], broadcasts: { id: number; counts: CommandCounts }[]): void {
    if (!commands.length && !broadcasts.length) return;
    this.hub.emit(compoundId, 'command:updated', { compoundId, commands: commands.map(deltaOf), broadcasts });
  }

  /** Emits changed commands with the new counts of their broadcasts. */
  private async changed(compoundId: string, commands: DeviceCommand[]): Promise<void> {
    if (!commands.length) return;
    const ids = [...new Set(commands.map((c) => c.broadcastId).filter((b): b is number => b !== null))];
    const counts = await this.countsOf(this.db, ids);
    this.emit(
      compoundId,
      commands,
      ids.map((id) => ({ id, counts: counts.get(id)! })),
    );
  }

  private ownedIds(): string[] {
    return this.twins.owned().map((t) => t.entry.doc.id);
  }

  /**
   * Hands the due queued commands of a compound (or of every compound this process owns) on: a device offline now
   * fails at once; else every ready transport gets it, the first to take it marks it sent. With no transport ready
   * it stays queued for a gateway's poll.
   */
  async dispatch(compoundId?: string, now = Date.now()): Promise<void> {
    const ids = compoundId ? (this.twins.isOwned(compoundId) ? [compoundId] : []) : this.ownedIds();
    if (!ids.length) return;
    const r = await this.db.query<Row>(
      `select ${COLS} from device_commands c
        where c.compound_id = any($1::text[]) and c.state = 'queued' and c.not_before <= to_timestamp($2) and c.deadline > to_timestamp($2)
        order by c.not_before, c.id limit 2000`,
      [ids, sec(now)],
    );
    const due = r.rows.map(toCommand).filter((c) => !this.inFlight.has(c.id));
    if (!due.length) return;
    const byCompound = new Map<string, DeviceCommand[]>();
    for (const c of due) byCompound.set(c.compoundId, [...(byCompound.get(c.compoundId) ?? []), c]);
    for (const [cid, list] of byCompound) {
      const twin = this.twins.get(cid);
      if (!twin) continue;
      const offline = list.filter((c) => (twin.live.states.get(c.deviceId)?.status ?? 'offline') === 'offline');
      const failed: DeviceCommand[] = [];
      for (const c of offline) {
        const why = offlineSince(twin.live.states.get(c.deviceId)?.lastSeen ?? null, twin.entry.doc.timeZone);
        const u = await this.db.query<Row>(
          `update device_commands c set state = 'failed', state_at = to_timestamp($2), done_at = to_timestamp($2), failure = $3
            where c.id = $1 and c.state = 'queued' returning ${COLS}`,
          [c.id, sec(now), why],
        );
        if (u.rows[0]) failed.push(toCommand(u.rows[0]));
      }
      await this.changed(cid, failed);
      const ready = this.transports.filter((t) => {
        try {
          return t.ready(cid);
        } catch {
          return false;
        }
      });
      if (!ready.length) continue;
      const online = list.filter((c) => !offline.includes(c));
      for (const c of online) this.inFlight.add(c.id);
      try {
        const via = await Promise.all(online.map((c) => this.handOver(c, ready)));
        // one guarded UPDATE per transport for everything it took (an ack that came first already settled its command)
        const sent: DeviceCommand[] = [];
        for (const t of ready) {
          const ids = online.filter((_c, i) => via[i] === t.name).map((c) => c.id);
          if (!ids.length) continue;
          const u = await this.db.query<Row>(
            `update device_commands c set state = 'sent', state_at = to_timestamp($2), sent_at = coalesce(c.sent_at, to_timestamp($2)), sent_via = $3,
                    deliveries = deliveries + 1
              where c.id = any($1::int[]) and c.state = 'queued' returning ${COLS}`,
            [ids, sec(Date.now()), t.name],
          );
          sent.push(...u.rows.map(toCommand));
        }
        await this.changed(cid, sent);
      } finally {
        for (const c of online) this.inFlight.delete(c.id);
      }
    }
  }

  /** Hands a command to every ready transport; resolves with the first that took it (null: none did). The others go on in the background. */
  private handOver(c: DeviceCommand, ready: CommandTransport[]): Promise<string | null> {
    return new Promise((resolve) => {
      let left = ready.length;
      for (const t of ready) {
        void Promise.resolve()
          .then(() => t.deliver(c))
          .catch((err: Error) => {
            this.log(`[commands] ${t.name} could not deliver command ${c.id}: ${err.message}`);
            return false;
          })
          .then((ok) => {
            left--;
            if (ok) resolve(t.name);
            else if (left === 0) resolve(null);
          });
      }
    });
  }

  /** Marks open commands past their deadline expired. */
  async expire(now = Date.now()): Promise<void> {
    const ids = this.ownedIds();
    if (!ids.length) return;
    const r = await this.db.query<Row>(
      `update device_commands c set state = 'expired', state_at = to_timestamp($2), done_at = to_timestamp($2),
              failure = case when c.state = 'queued' then 'not delivered before the deadline (no gateway took it)' else 'no answer before the deadline' end
        where c.compound_id = any($1::text[]) and c.state in ('queued', 'sent') and c.deadline <= to_timestamp($2)
        returning ${COLS}`,
      [ids, sec(now)],
    );
    const by = new Map<string, DeviceCommand[]>();
    for (const c of r.rows.map(toCommand)) by.set(c.compoundId, [...(by.get(c.compoundId) ?? []), c]);
    for (const [cid, list] of by) await this.changed(cid, list);
  }

  /** The app's timer: cheap when nothing is open (a look at the database every 10 s at most, for other processes' and gateways' commands). */
  async sweep(now = Date.now()): Promise<void> {
    if (!this.anyOpen && now - this.checkedAt < 10_000) return;
    this.checkedAt = now;
    this.anyOpen = false;
    await this.expire(now);
    await this.dispatch(undefined, now);
    const open = await this.db.query<{ n: number }>(
      `select count(*)::int as n from device_commands where compound_id = any($1::text[]) and state in ('queued', 'sent')`,
      [this.ownedIds()],
    );
    if (Number(open.rows[0]?.n ?? 0) > 0) this.anyOpen = true;
  }

  /** A device's answer (MQTT, a gateway's HTTP ack, the simulator). */
  async acknowledge(
    compoundId: string,
    deviceId: string | null,
    commandId: number,
    ack: { ok: boolean; error?: string; result?: Record<string, unknown> },
    via: 'mqtt' | 'http' | 'simulator',
  ): Promise<'settled' | 'duplicate' | 'unknown'> {
    if (!Number.isSafeInteger(commandId) || commandId <= 0 || commandId > 2_147_483_647) return 'unknown';
    let result: unknown = ack.result ?? null;
    if (result !== null && JSON.stringify(result).length > MAX_RESULT_CHARS)
      result = { truncated: true, note: `the device's result was over ${MAX_RESULT_CHARS} characters` };
    const error = ack.ok ? null : ack.error?.trim().slice(0, 200) || 'the device reported an error';
    const now = Date.now();
    const u = await this.db.query<Row>(
      `update device_commands c set state = $4, state_at = to_timestamp($5), acked_at = to_timestamp($5), done_at = to_timestamp($5), failure = $6,
              result = $7::jsonb, sent_at = coalesce(c.sent_at, to_timestamp($5)), sent_via = coalesce(c.sent_via, $8)
        where c.id = $1 and c.compound_id = $2 and ($3::text is null or c.device_id = $3) and c.state in ('queued', 'sent')
          and c.not_before <= to_timestamp($5) and c.deadline > to_timestamp($5)
        returning ${COLS}`,
      [commandId, compoundId, deviceId, ack.ok ? 'acknowledged' : 'failed', sec(now), error, result === null ? null : JSON.stringify(result), via],
    );
    if (u.rows[0]) {
      await this.changed(compoundId, [toCommand(u.rows[0])]);
      return 'settled';
    }
    // an answer after the deadline does not count: the command expires now (the sweep would have a moment later)
    const late = await this.db.query<{ id: number }>(
      `select id from device_commands where id = $1 and compound_id = $2 and ($3::text is null or device_id = $3) and state in ('queued', 'sent')
          and deadline <= to_timestamp($4)`,
      [commandId, compoundId, deviceId, sec(now)],
    );
    if (late.rows[0]) await this.expire(now);
    const r = await this.db.query<{ state: CommandState }>(
      'select state from device_commands where id = $1 and compound_id = $2 and ($3::text is null or device_id = $3)',
      [commandId, compoundId, deviceId],
    );
    // not due yet (a scheduled command nobody was given) is unknown to the device
    return r.rows[0] && FINAL_COMMAND_STATES.has(r.rows[0].state) ? 'duplicate' : 'unknown';
  }

  /**
   * GET /gateway/commands: a gateway's poll. The compound's due commands not yet final: queued ones become sent
   * (via http); a sent one is handed out again after 15 s without an answer (deliveries + 1).
   */
  async poll(compoundId: string, limit: number, now = Date.now()) {
    await this.dispatch(compoundId, now);
    const r = await this.db.query<Row>(
      `with p as (
         select id, state as was from device_commands
          where compound_id = $1 and state in ('queued', 'sent') and not_before <= to_timestamp($2) and deadline > to_timestamp($2)
            and (state = 'queued' or delivered_at is null or delivered_at <= to_timestamp($2) - make_interval(secs => $4))
          order by not_before, id limit $3 for update skip locked)
       update device_commands c set state = 'sent', state_at = case when p.was = 'queued' then to_timestamp($2) else c.state_at end,
              sent_at = coalesce(c.sent_at, to_timestamp($2)), sent_via = coalesce(c.sent_via, 'http'), deliveries = c.deliveries + 1,
              delivered_at = to_timestamp($2)
         from p where c.id = p.id and c.state in ('queued', 'sent')
       returning ${COLS}, p.was`,
      [compoundId, sec(now), limit, sec(REDELIVER_AFTER_MS)],
    );
    const taken = r.rows.map((x) => ({ c: toCommand(x), was: String(x.was) }));
    taken.sort((a, b) => a.c.notBefore - b.c.notBefore || a.c.id - b.c.id);
    await this.changed(
      compoundId,
      taken.filter((t) => t.was === 'queued').map((t) => t.c),
    );
    return {
      commands: taken.map(({ c }) => ({ id: c.id, deviceId: c.deviceId, type: c.type, params: c.params, notBefore: c.notBefore, deadline: c.deadline })),
    };
  }
}
