// The broker's password file and ACL, generated from the live device keys: each gateway signs in as
// its key id with the key as password and may only write under gateway/<its id>/; the server signs in
// with the credentials of MQTT_URL and reads what gateways send. Commands go the other way: the server
// writes compound/<id>/device/<deviceId>/command, each gateway reads only its own compound's commands and
// writes only its own compound's acks. A revoked key is simply not in the files.
import type { Queryable } from '../db/db';
import { listMqttIdentities } from '../db/apiKeys.repo';
import { mosquittoHash } from './mosquittoHash';
import { LEGACY_TOPIC, TELEMETRY_TOPIC } from './telemetryMessage';
import { REVENUE_TOPIC } from './revenueMessage';
import { COMMAND_ACK_TOPIC, COMMAND_TOPIC, commandAckTopic, commandTopic } from '../commands/mqttCommands';

export interface AuthFiles {
  /** mosquitto `password_file`: `username:$7$…` lines. */
  passwordFile: string;
  /** mosquitto `acl_file`. */
  aclFile: string;
  /** Gateways (device keys) that can sign in. */
  gateways: number;
  /** The server's MQTT username, or null when MQTT_URL carries none. */
  serverUser: string | null;
  /** What was left out and why (keys made before MQTT identities, a missing server identity). */
  notes: string[];
}

export class MqttIdentityError extends Error {}

// Not all digits (those are gateways' key ids), and nothing that could end a line of either file.
const SERVER_USER = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
const COMPOUND_SLUG = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** The server's own broker identity from MQTT_URL (`mqtt://user:password@host:1883`); null when it has none. */
export function serverIdentity(mqttUrl: string | undefined): { username: string; password: string } | null {
  if (!mqttUrl) return null;
  let u: URL;
  try {
    u = new URL(mqttUrl);
  } catch {
    throw new MqttIdentityError('MQTT_URL is not a URL (mqtt://user:password@host:1883)');
  }
  if (!u.username) return null;
  const username = decodeURIComponent(u.username);
  if (!SERVER_USER.test(username))
    throw new MqttIdentityError(
      `MQTT_URL: username "${username}" must start with a letter and hold only letters, digits, "_", "." or "-" (a number would be a gateway's key id)`,
    );
  if (!u.password) throw new MqttIdentityError(`MQTT_URL: user "${username}" has no password`);
  return { username, password: decodeURIComponent(u.password) };
}

/** Builds both files from the live keys; `now` only stamps the header. */
export async function generateAuthFiles(db: Queryable, mqttUrl: string | undefined, now = new Date()): Promise<AuthFiles> {
  const server = serverIdentity(mqttUrl);
  const notes: string[] = [];
  const lines: string[] = [];
  if (server) lines.push(`${server.username}:${mosquittoHash(server.password)}`);
  else notes.push('MQTT_URL carries no user:password, so the server has no entry and cannot sign in to this broker');
  let gateways = 0;
  // mosquitto: `topic` lines belong to the `user` line above them; `pattern` lines apply to everyone wherever they stand.
  const gatewayBlocks: string[] = [];
  for (const k of await listMqttIdentities(db)) {
    if (!k.mqttHash) {
      notes.push(`key ${k.id} (${k.compoundId}) was created before MQTT identities: issue a new key for that gateway to use MQTT`);
      continue;
    }
    lines.push(`${k.id}:${k.mqttHash}`);
    gateways++;
    // Compound ids are slugs; anything else could widen a topic (+, #) or end the line, so such a key gets no command topics.
    if (!COMPOUND_SLUG.test(k.compoundId)) {
      notes.push(`key ${k.id}: compound id "${k.compoundId}" cannot stand in a topic, so that gateway gets no command topics`);
      continue;
    }
    gatewayBlocks.push('', `user ${k.id}`, `topic read ${commandTopic(k.compoundId, '+')}`, `topic write ${commandAckTopic(k.compoundId, '+')}`);
  }
  const header = `# Generated ${now.toISOString()} by npm run mqtt:auth (or GET /api/v1/admin/mqtt/auth-files) from the live device keys. Regenerate, do not edit.\n`;
  const acl = [
    header.trimEnd(),
    '# Anything not granted here is denied.',
    ...(server
      ? [
          '',
          '# The server reads telemetry and command acks, and writes commands.',
          `user ${server.username}`,
          `topic read ${TELEMETRY_TOPIC}`,
          `topic read ${LEGACY_TOPIC}`,
          `topic read ${REVENUE_TOPIC}`,
          `topic read ${COMMAND_ACK_TOPIC}`,
          `topic write ${COMMAND_TOPIC}`,
        ]
      : []),
    '',
    '# A gateway (username = its device key id) writes only under its own id; the server checks the compound.',
    'pattern write gateway/%u/compound/+/device/+/telemetry',
    'pattern write gateway/%u/compound/+/revenue',
    ...(gatewayBlocks.length ? ['', "# Each gateway reads its own compound's commands and acks them; no other compound's."] : []),
    ...gatewayBlocks,
    '',
  ].join('\n');
  return { passwordFile: header + lines.join('\n') + '\n', aclFile: acl, gateways, serverUser: server?.username ?? null, notes };
}
