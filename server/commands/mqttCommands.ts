// MQTT downlink: the server publishes each command on compound/<compoundId>/device/<deviceId>/command (QoS 1,
// not retained) and the device (its gateway) answers on …/command/ack. The broker's ACL (server/mqtt/authFiles.ts)
// lets a gateway read only its own compound's commands and write only its own compound's acks, so the topic's
// compound is the sender's; CommandsService still checks that the command is that device's and compound's.
// The server never subscribes to …/command, so its own commands do not come back to it.
import type { MqttClient } from 'mqtt';
import { CommandAckSchema, type CommandAck, type DeviceCommand } from '../../models';
import { readPayload } from '../mqtt/telemetryMessage';
import type { CommandTransport } from './transport';

export const COMMAND_TOPIC = 'compound/+/device/+/command';
export const COMMAND_ACK_TOPIC = 'compound/+/device/+/command/ack';
export const commandTopic = (compoundId: string, deviceId: string): string => `compound/${compoundId}/device/${deviceId}/command`;
export const commandAckTopic = (compoundId: string, deviceId: string): string => `compound/${compoundId}/device/${deviceId}/command/ack`;
/** An ack is a few fields and a small result: anything bigger is refused unread. */
export const MAX_ACK_BYTES = 4_096;
/** A publish without PUBACK by then counts as not delivered (the dispatcher tries again later). */
export const PUBLISH_TIMEOUT_MS = 5_000;

const ACK_TOPIC = /^compound\/([a-z0-9][a-z0-9_-]{0,63})\/device\/([A-Za-z0-9][A-Za-z0-9_.:-]{0,79})\/command\/ack$/;

/** The compound and device of an ack topic, or null when it is not one. */
export function parseAckTopic(topic: string): { compoundId: string; deviceId: string } | null {
  const m = ACK_TOPIC.exec(topic);
  return m ? { compoundId: m[1], deviceId: m[2] } : null;
}

/** What the device receives: the command's id (to ack and to run once), what to do, and when. */
export function commandMessage(c: DeviceCommand, issuedAt = Date.now()): string {
  return JSON.stringify({ id: c.id, type: c.type, params: c.params, notBefore: c.notBefore, deadline: c.deadline, issuedAt });
}

export type PreparedAck = { ok: true; commandId: number; ack: Omit<CommandAck, 'commandId'> } | { ok: false; reason: string };

/** An ack's payload: JSON within MAX_ACK_BYTES, no prototype keys, CommandAckSchema with commandId (MQTT has no id in the topic). */
export function prepareAck(payload: Uint8Array): PreparedAck {
  if (payload.byteLength > MAX_ACK_BYTES) return { ok: false, reason: `ack of ${payload.byteLength} bytes is over the ${MAX_ACK_BYTES}-byte limit` };
  const read = readPayload(payload);
  if (!read.ok) return read;
  const parsed = CommandAckSchema.safeParse(read.body);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    return { ok: false, reason: `ack ${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}` };
  }
  const { commandId, ...ack } = parsed.data;
  if (commandId === undefined) return { ok: false, reason: 'ack commandId: required on MQTT (the id of the command answered)' };
  return { ok: true, commandId, ack };
}

export interface MqttCommandCounts {
  /** Commands the broker took (PUBACK). */
  published: number;
  /** Publishes that failed or got no PUBACK within PUBLISH_TIMEOUT_MS. */
  publishFailed: number;
  /** Acks read and handed to CommandsService. */
  acks: number;
  /** Of those: an answer to a command already settled, or not that device's or compound's. */
  duplicateAcks: number;
  unknownAcks: number;
  /** Acks refused for what they held (not JSON, too big, prototype keys, not a CommandAck). */
  rejectedAcks: number;
}

export const emptyCommandCounts = (): MqttCommandCounts => ({ published: 0, publishFailed: 0, acks: 0, duplicateAcks: 0, unknownAcks: 0, rejectedAcks: 0 });

/**
 * The MQTT CommandTransport over a connection someone else holds (MqttIngest's): ready while connected; deliver
 * publishes at QoS 1 and resolves true on PUBACK, false on an error or no PUBACK within the timeout.
 */
export function mqttCommandTransport(client: () => MqttClient | null, counts: MqttCommandCounts, timeoutMs = PUBLISH_TIMEOUT_MS): CommandTransport {
  return {
    name: 'mqtt',
    ready: () => Boolean(client()?.connected),
    deliver(cmd) {
      const c = client();
      if (!c?.connected) return Promise.resolve(false);
      return new Promise<boolean>((resolve) => {
        let done = false;
        const finish = (ok: boolean) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          if (ok) counts.published++;
          else counts.publishFailed++;
          resolve(ok);
        };
        const timer = setTimeout(() => finish(false), timeoutMs);
        timer.unref();
        try {
          c.publish(commandTopic(cmd.compoundId, cmd.deviceId), commandMessage(cmd), { qos: 1, retain: false }, (err) => finish(!err));
        } catch {
          finish(false);
        }
      });
    },
  };
}
