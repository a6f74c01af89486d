// What one MQTT telemetry message means: the topic names the publishing key, the compound and the
// device; the payload holds one reading, an array of them, or {readings: [...]}. Turned into ingest
// items here, so MQTT gets exactly the validation and idempotency of HTTP ingest (IngestService does the rest).
import { findForbiddenKey, MAX_INGEST_BATCH, MAX_ROW_ID } from '../../models';

/**
 * The one subscription: every device of every gateway, QoS 1. The key id is in the topic because a
 * subscriber never learns who published; the broker's ACL (`pattern write gateway/%u/#`) makes that
 * segment the authenticated username, and the server checks the compound against the key's.
 */
export const TELEMETRY_TOPIC = 'gateway/+/compound/+/device/+/telemetry';
/** The form before identities: still subscribed, only to refuse it with a reason a gateway's owner can act on. */
export const LEGACY_TOPIC = 'compound/+/device/+/telemetry';
export const TOPIC_FORM = 'gateway/<keyId>/compound/<compoundId>/device/<deviceId>/telemetry';
export const MAX_PAYLOAD_BYTES = 1_000_000;

const TOPIC = /^gateway\/([1-9][0-9]{0,9})\/compound\/([^/+#]{1,64})\/device\/([^/+#]{1,80})\/telemetry$/;
const LEGACY = /^compound\/[^/]*\/device\/[^/]*\/telemetry$/;

export type TelemetryTopic = { keyId: number; compoundId: string; deviceId: string };

/** The topic's parts; `'legacy'` for the anonymous form, null for anything else. */
export function parseTelemetryTopic(topic: string): TelemetryTopic | 'legacy' | null {
  const m = TOPIC.exec(topic);
  if (m && Number(m[1]) <= MAX_ROW_ID) return { keyId: Number(m[1]), compoundId: m[2], deviceId: m[3] };
  return LEGACY.test(topic) ? 'legacy' : null;
}

export type Prepared =
  { ok: true; items: unknown[]; indexOf: number[]; rejected: { index: number; reason: string }[]; total: number } | { ok: false; reason: string };

/**
 * Payload → ingest items with the topic's deviceId filled in. An item naming another device is
 * rejected here (a device may only speak for itself); `indexOf` maps item positions back to the
 * payload's so every reason carries the index the sender used.
 */
export function prepareTelemetry(payload: Uint8Array, deviceId: string): Prepared {
  const read = readPayload(payload);
  if (!read.ok) return read;
  const { body } = read;
  let list: unknown[];
  if (Array.isArray(body)) list = body;
  else if (body && typeof body === 'object' && Array.isArray((body as { readings?: unknown }).readings)) list = (body as { readings: unknown[] }).readings;
  else if (body && typeof body === 'object') list = [body];
  else return { ok: false, reason: 'payload must be a reading {metric, ts, value}, an array of them, or {"readings": [...]}' };
  if (list.length === 0) return { ok: false, reason: 'payload holds no readings' };
  if (list.length > MAX_INGEST_BATCH) return { ok: false, reason: `${list.length} readings; at most ${MAX_INGEST_BATCH} a message` };
  const items: unknown[] = [];
  const indexOf: number[] = [];
  const rejected: { index: number; reason: string }[] = [];
  list.forEach((item, index) => {
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      const own = (item as { deviceId?: unknown }).deviceId;
      if (own !== undefined && own !== deviceId)
        return rejected.push({ index, reason: `deviceId: "${String(own)}" does not match the topic's device "${deviceId}"` });
      items.push({ ...item, deviceId });
    } else items.push(item);
    indexOf.push(index);
  });
  return { ok: true, items, indexOf, rejected, total: list.length };
}

/** A message's payload as JSON within MAX_PAYLOAD_BYTES and free of prototype keys, or why the whole message is refused (telemetry and revenue alike). */
export function readPayload(payload: Uint8Array): { ok: true; body: unknown } | { ok: false; reason: string } {
  if (payload.byteLength > MAX_PAYLOAD_BYTES)
    return { ok: false, reason: `payload of ${payload.byteLength} bytes is over the ${MAX_PAYLOAD_BYTES}-byte limit` };
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(payload).toString('utf8'));
  } catch (err) {
    return { ok: false, reason: `payload is not JSON: ${(err as Error).message}` };
  }
  const bad = findForbiddenKey(body);
  if (bad) return { ok: false, reason: `forbidden key "${bad}"` };
  return { ok: true, body };
}
