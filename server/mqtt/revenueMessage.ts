// What one MQTT revenue message means: the topic names the publishing key and the compound; the payload holds
// {"items": [...]} or an array of revenue items (models/revenue.ts). RevenueService validates and stores them, so
// MQTT gets exactly the checks and idempotency of `POST /api/v1/ingest/revenue`.
import { MAX_REVENUE_BATCH, MAX_ROW_ID } from '../../models';
import { readPayload } from './telemetryMessage';

/** Charger sessions, parking passes, space rents and ad plays of one compound; the broker ACL lets key `<keyId>` write only its own. */
export const REVENUE_TOPIC = 'gateway/+/compound/+/revenue';
export const REVENUE_TOPIC_FORM = 'gateway/<keyId>/compound/<compoundId>/revenue';

const TOPIC = /^gateway\/([1-9][0-9]{0,9})\/compound\/([^/+#]{1,64})\/revenue$/;

/** The topic's parts, or null when it is not the revenue form. */
export function parseRevenueTopic(topic: string): { keyId: number; compoundId: string } | null {
  const m = TOPIC.exec(topic);
  return m && Number(m[1]) <= MAX_ROW_ID ? { keyId: Number(m[1]), compoundId: m[2] } : null;
}

/** Payload → the items, or why the whole message is refused. */
export function prepareRevenue(payload: Uint8Array): { ok: true; items: unknown[] } | { ok: false; reason: string } {
  const read = readPayload(payload);
  if (!read.ok) return read;
  const { body } = read;
  const items = Array.isArray(body) ? body : body && typeof body === 'object' ? (body as { items?: unknown }).items : undefined;
  if (!Array.isArray(items)) return { ok: false, reason: 'payload must be {"items": [{kind, id, …}]} or an array of revenue items' };
  if (items.length === 0) return { ok: false, reason: 'payload holds no items' };
  if (items.length > MAX_REVENUE_BATCH) return { ok: false, reason: `${items.length} items; at most ${MAX_REVENUE_BATCH} a message` };
  return { ok: true, items };
}
