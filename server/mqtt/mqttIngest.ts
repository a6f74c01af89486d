// MQTT ingest: one subscription (gateway/+/compound/+/device/+/telemetry, QoS 1) feeding
// IngestService.ingest, so MQTT readings get the validation and idempotency HTTP ones get. The broker
// authenticates each gateway as its device key id and lets it write only under gateway/<that id>/;
// here the topic's compound must be that key's, or the message is refused and counted. A message is acknowledged
// (PUBACK) only after its readings are committed or judged bad; when the database is away it is
// left unacknowledged and the connection is recycled, so the broker (persistent session) sends it
// again. Messages are processed one at a time per connection; scale out with shared subscriptions.
import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt';
import { hostname } from 'node:os';
import { isUnavailable, type Queryable } from '../db/db';
import { HttpError } from '../http/errors';
import type { IngestService } from '../ingest/ingest.service';
import { generateAuthFiles, type AuthFiles } from './authFiles';
import { findApiKeyById } from '../db/apiKeys.repo';
import { ApiKeyCache } from '../security/apiKeyCache';
import { LEGACY_TOPIC, parseTelemetryTopic, prepareTelemetry, TELEMETRY_TOPIC, TOPIC_FORM } from './telemetryMessage';
import { parseRevenueTopic, prepareRevenue, REVENUE_TOPIC } from './revenueMessage';
import type { RevenueService } from '../revenue/revenue.service';
import type { CommandSink, CommandTransport } from '../commands/transport';
import { COMMAND_ACK_TOPIC, emptyCommandCounts, mqttCommandTransport, parseAckTopic, prepareAck, type MqttCommandCounts } from '../commands/mqttCommands';

export interface MqttStatus {
  enabled: boolean;
  connected: boolean;
  broker: string | null;
  topic: string;
  /** `refused`: messages not taken because of who sent them (the anonymous topic form, an unknown or revoked key, another compound's topic); `rejectedMessages`: because of what they held. */
  counts: { messages: number; accepted: number; duplicates: number; rejectedMessages: number; rejectedReadings: number; deferred: number; refused: number };
  recentRejections: { at: number; topic: string; reason: string }[];
  /** Downlink: commands published on compound/<id>/device/<deviceId>/command and the acks read from …/command/ack. */
  commands: MqttCommandCounts;
}

export interface MqttIngestOptions {
  log: (msg: string) => void;
  /** Where device keys live: the topic's key id is looked up here for its compound. */
  db: Queryable;
  /** Keys seen recently, shared with HTTP ingest: revoking a key drops it here at once. */
  keyCache?: ApiKeyCache;
  /** Waits before retrying a batch the database could not take; then the message is left unacknowledged. */
  retryMs?: number[];
  /**
   * Cluster mode: an MQTT 5 / 3.1.1 shared subscription (`$share/<group>/…`), so the broker hands each message to
   * one process of the group; the client id then carries the process id (two processes on one host are two clients).
   */
  shareGroup?: string;
  /** Revenue items on `gateway/<keyId>/compound/<id>/revenue` go here (server/mqtt/revenueMessage.ts); absent: that topic is not subscribed. */
  revenue?: RevenueService;
  /** Device commands' acks on compound/+/device/+/command/ack go here (server/commands/mqttCommands.ts); absent: that topic is not subscribed. */
  commands?: CommandSink;
}

const RECENT = 20;

/** The broker URL for display: credentials removed. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * The URL's user and password, percent-decoded. mqtt.js splits the URL's auth at its last ':', so a
 * password holding ':' would sign in as the wrong user; handing both over ourselves avoids that.
 */
function credentials(url: string): { auth: string; username?: string; password?: string } {
  try {
    const u = new URL(url);
    return u.username ? { auth: '', username: decodeURIComponent(u.username), password: decodeURIComponent(u.password) } : { auth: '' };
  } catch {
    return { auth: '' };
  }
}

export class MqttIngest {
  private client: MqttClient | null = null;
  /** Connected and the broker granted the subscription: messages will arrive. */
  private subscribed = false;
  private readonly counts: MqttStatus['counts'] = {
    messages: 0,
    accepted: 0,
    duplicates: 0,
    rejectedMessages: 0,
    rejectedReadings: 0,
    deferred: 0,
    refused: 0,
  };
  private readonly recent: MqttStatus['recentRejections'] = [];
  private readonly commandCounts = emptyCommandCounts();
  private logBudget = { at: 0, left: 0 };

  private readonly keys: ApiKeyCache;

  constructor(
    private readonly url: string | undefined,
    private readonly ingest: IngestService,
    private readonly opts: MqttIngestOptions,
  ) {
    this.keys = opts.keyCache ?? new ApiKeyCache();
  }

  /** Connects and subscribes; does not wait for the broker (the client keeps retrying in the background). */
  start(): void {
    if (!this.url || this.client) return;
    const { log } = this.opts;
    // A stable client id + clean: false is a persistent session: QoS 1 messages wait at the broker while we are down.
    const client = mqtt.connect(this.url, {
      clientId: `compound-twin-${hostname()}${this.opts.shareGroup ? `-${process.pid}` : ''}`,
      clean: false,
      reconnectPeriod: 1_000,
      connectTimeout: 10_000,
      ...credentials(this.url),
    });
    this.client = client;
    client.handleMessage = (packet, done) =>
      void this.onPublish(packet).then(
        () => done(),
        (err: Error) => done(err),
      );
    client.on('connect', (ack) => {
      log(`[mqtt] connected to ${redactUrl(this.url!)}${ack.sessionPresent ? ' (session resumed)' : ''}`);
      // The legacy form only to refuse it with a reason; a broker whose ACL grants nobody that topic sends nothing there.
      const share = (t: string) => (this.opts.shareGroup ? `$share/${this.opts.shareGroup}/${t}` : t);
      const topics = [share(TELEMETRY_TOPIC), share(LEGACY_TOPIC), ...(this.opts.revenue ? [share(REVENUE_TOPIC)] : [])];
      // Acks apart: a broker whose ACL predates commands refuses them, which must not stop telemetry.
      const acks = this.opts.commands ? share(COMMAND_ACK_TOPIC) : null;
      client.subscribe(topics, { qos: 1 }, (err, granted) => {
        if (err) log(`[mqtt] subscribe failed: ${err.message}`);
        else if (granted?.some((g) => g.qos > 2)) log(`[mqtt] the broker refused the subscription to ${TELEMETRY_TOPIC} (check its ACL: npm run mqtt:auth)`);
        else this.subscribed = true;
      });
      if (acks)
        client.subscribe(acks, { qos: 1 }, (err, granted) => {
          if (err || granted?.some((g) => g.qos > 2))
            log(`[mqtt] the broker refused the subscription to ${COMMAND_ACK_TOPIC}: device acks over MQTT will not arrive (check its ACL: npm run mqtt:auth)`);
        });
    });
    client.on('close', () => (this.subscribed = false));
    client.on('error', (err) => log(`[mqtt] ${err.message}`));
    client.on('offline', () => log('[mqtt] broker unreachable; retrying'));
  }

  status(): MqttStatus {
    return {
      enabled: Boolean(this.url),
      connected: Boolean(this.client?.connected && this.subscribed),
      broker: this.url ? redactUrl(this.url) : null,
      topic: TELEMETRY_TOPIC,
      counts: { ...this.counts },
      recentRejections: [...this.recent],
      commands: { ...this.commandCounts },
    };
  }

  /** Where acks go, when the sink is made after this (CommandsService takes this transport): call before start(). */
  setCommandSink(sink: CommandSink): void {
    this.opts.commands = sink;
  }

  /** Commands out over this connection (compound/<id>/device/<deviceId>/command, QoS 1): ready while connected. */
  commandTransport(): CommandTransport {
    return mqttCommandTransport(() => this.client, this.commandCounts);
  }

  /** The broker's password file and ACL from the live keys and this server's MQTT_URL identity. */
  authFiles(): Promise<AuthFiles> {
    return generateAuthFiles(this.opts.db, this.url);
  }

  async close(): Promise<void> {
    const c = this.client;
    this.client = null;
    if (c) await c.endAsync(true);
  }

  private reject(topic: string, reason: string): void {
    this.recent.push({ at: Date.now(), topic, reason });
    if (this.recent.length > RECENT) this.recent.shift();
    // A misbehaving gateway can send thousands a second: log at most 20 reasons per 10 s, the counts keep the rest.
    const now = Date.now();
    if (now - this.logBudget.at > 10_000) this.logBudget = { at: now, left: 20 };
    if (this.logBudget.left-- > 0) this.opts.log(`[mqtt] rejected ${topic}: ${reason}`);
  }

  private async onPublish(packet: IPublishPacket): Promise<void> {
    const { topic } = packet;
    const ackAt = this.opts.commands ? parseAckTopic(topic) : null;
    if (ackAt) return this.onAck(topic, ackAt, packet.payload);
    this.counts.messages++;
    const revenueAt = this.opts.revenue ? parseRevenueTopic(topic) : null;
    if (revenueAt) return this.onRevenue(topic, revenueAt, packet.payload);
    const where = parseTelemetryTopic(topic);
    if (!where) return this.rejectMessage(topic, `topic is not ${TOPIC_FORM}`);
    if (where === 'legacy')
      return this.refuse(
        topic,
        `the anonymous form compound/<compoundId>/device/<deviceId>/telemetry is no longer accepted: sign in as your device key's id and publish to ${TOPIC_FORM}`,
      );
    const owner = await this.withRetry(topic, () => this.compoundOfKey(where.keyId));
    if (owner === null) return this.refuse(topic, `key ${where.keyId} is unknown or revoked`);
    if (owner !== where.compoundId) return this.refuse(topic, `key ${where.keyId} belongs to compound "${owner}", not "${where.compoundId}"`);
    const prepared = prepareTelemetry(typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload, where.deviceId);
    if (!prepared.ok) return this.rejectMessage(topic, prepared.reason);
    const rejected = [...prepared.rejected];
    if (prepared.items.length) {
      const result = await this.withRetry(topic, () => this.ingestOrUnknown(where.compoundId, prepared.items));
      if (result === 'unknown-compound') return this.rejectMessage(topic, `unknown compound "${where.compoundId}"`);
      this.counts.accepted += result.accepted;
      this.counts.duplicates += result.duplicates;
      for (const r of result.rejected) rejected.push({ index: prepared.indexOf[r.index], reason: r.reason });
    }
    if (!rejected.length) return;
    this.counts.rejectedReadings += rejected.length;
    if (rejected.length === prepared.total) this.counts.rejectedMessages++;
    rejected.sort((a, b) => a.index - b.index);
    this.reject(
      topic,
      rejected
        .slice(0, 5)
        .map((r) => `[${r.index}] ${r.reason}`)
        .join('; ') + (rejected.length > 5 ? `; … ${rejected.length - 5} more` : ''),
    );
  }

  /** A revenue message: the same key and compound checks as telemetry, then RevenueService (validation, idempotency). */
  private async onRevenue(topic: string, where: { keyId: number; compoundId: string }, payload: Buffer | string): Promise<void> {
    const owner = await this.withRetry(topic, () => this.compoundOfKey(where.keyId));
    if (owner === null) return this.refuse(topic, `key ${where.keyId} is unknown or revoked`);
    if (owner !== where.compoundId) return this.refuse(topic, `key ${where.keyId} belongs to compound "${owner}", not "${where.compoundId}"`);
    const prepared = prepareRevenue(typeof payload === 'string' ? Buffer.from(payload) : payload);
    if (!prepared.ok) return this.rejectMessage(topic, prepared.reason);
    const revenue = this.opts.revenue!;
    const result = await this.withRetry(topic, async () => {
      try {
        return await revenue.ingestItems(where.compoundId, prepared.items);
      } catch (err) {
        if (err instanceof HttpError && err.status === 404) return 'unknown-compound' as const;
        throw err;
      }
    });
    if (result === 'unknown-compound') return this.rejectMessage(topic, `unknown compound "${where.compoundId}"`);
    this.counts.accepted += result.accepted;
    this.counts.duplicates += result.duplicates;
    if (!result.rejected.length) return;
    this.counts.rejectedReadings += result.rejected.length;
    if (result.rejected.length === prepared.items.length) this.counts.rejectedMessages++;
    this.reject(
      topic,
      result.rejected
        .slice(0, 5)
        .map((r) => `[${r.index}] ${r.reason}`)
        .join('; ') + (result.rejected.length > 5 ? `; … ${result.rejected.length - 5} more` : ''),
    );
  }

  /** A device's answer to a command: validated here, settled by CommandsService (which checks device and compound). */
  private async onAck(topic: string, where: { compoundId: string; deviceId: string }, payload: Buffer | string): Promise<void> {
    const prepared = prepareAck(typeof payload === 'string' ? Buffer.from(payload) : payload);
    if (!prepared.ok) {
      this.commandCounts.rejectedAcks++;
      return this.reject(topic, prepared.reason);
    }
    const sink = this.opts.commands!;
    // The database away: retried, then left unacknowledged for the broker to redeliver. Anything else is this ack's fault: counted, not redelivered.
    const outcome = await this.withRetry(topic, () =>
      sink.acknowledge(where.compoundId, where.deviceId, prepared.commandId, prepared.ack, 'mqtt').catch((err: Error) => {
        if (isUnavailable(err) || (err instanceof HttpError && err.status === 503)) throw err;
        return err;
      }),
    );
    if (outcome instanceof Error) {
      this.commandCounts.rejectedAcks++;
      return this.reject(topic, outcome.message);
    }
    this.commandCounts.acks++;
    if (outcome === 'duplicate') this.commandCounts.duplicateAcks++;
    else if (outcome === 'unknown') {
      this.commandCounts.unknownAcks++;
      this.reject(topic, `command ${prepared.commandId} is not a command of device "${where.deviceId}" in "${where.compoundId}"`);
    }
  }

  private rejectMessage(topic: string, reason: string): void {
    this.counts.rejectedMessages++;
    this.reject(topic, reason);
  }

  /** The compound of the key a topic names (null: unknown or revoked); throws when the database is away. */
  private async compoundOfKey(id: number): Promise<string | null> {
    const known = this.keys.compoundOfId(id);
    if (known !== undefined) return known;
    const compoundId = (await findApiKeyById(this.opts.db, id))?.compoundId ?? null;
    this.keys.setId(id, compoundId);
    return compoundId;
  }

  /** Counted apart from bad content: the sender may not speak for that compound (or at all). */
  private refuse(topic: string, reason: string): void {
    this.counts.refused++;
    this.reject(topic, reason);
  }

  private async ingestOrUnknown(compoundId: string, items: unknown[]) {
    try {
      return await this.ingest.ingest(compoundId, items);
    } catch (err) {
      if (err instanceof HttpError && err.status === 404) return 'unknown-compound' as const;
      throw err;
    }
  }

  /** Runs `fn`, retrying while the database is away; then leaves the message unacknowledged. */
  private async withRetry<T>(topic: string, fn: () => Promise<T>): Promise<T> {
    const waits = this.opts.retryMs ?? [200, 1_000, 3_000];
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        const transient = isUnavailable(err) || (err instanceof HttpError && err.status === 503);
        if (!transient || attempt >= waits.length) {
          this.counts.deferred++;
          this.opts.log(`[mqtt] ${topic}: not stored (${(err as Error).message}); left unacknowledged for the broker to redeliver`);
          this.recycle();
          throw err;
        }
        await new Promise((r) => setTimeout(r, waits[attempt]));
      }
    }
  }

  /** Drops the connection so the broker redelivers what was not acknowledged; the client reconnects by itself. */
  private recycle(): void {
    const c = this.client;
    setTimeout(() => c?.stream?.destroy(), 500).unref();
  }
}
