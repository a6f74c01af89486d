import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from './db';
import { mosquittoHash } from '../mqtt/mosquittoHash';

/** API keys are random 32-byte secrets, so a fast hash is enough to store them (no KDF needed). */
export const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

export interface ApiKeyRow {
  id: number;
  compoundId: string;
  name: string;
  createdAt: number;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

/**
 * Creates a key for a gateway of a compound; the plain key is returned once and never stored. Its
 * mosquitto password entry (username = the key's id) is made now, the only time the plain key
 * exists; a re-seeded key (demo) gets one if it was created before MQTT identities.
 */
export async function createApiKey(
  q: Queryable,
  compoundId: string,
  name: string,
  key = 'ctk_' + randomBytes(24).toString('base64url'),
): Promise<{ key: string; id: number }> {
  const r = await q.query<{ id: number }>(
    `insert into api_keys (compound_id, name, key_hash, mqtt_hash) values ($1, $2, $3, $4)
     on conflict (key_hash) do update set name = excluded.name, mqtt_hash = coalesce(api_keys.mqtt_hash, excluded.mqtt_hash) returning id`,
    [compoundId, name, hashKey(key), mosquittoHash(key)],
  );
  return { key, id: Number(r.rows[0].id) };
}

/** The compound of live key `id`: what an MQTT username (the key's id) stands for. */
export async function findApiKeyById(q: Queryable, id: number): Promise<{ id: number; compoundId: string } | null> {
  const r = await q.query<{ compound_id: string }>(`select compound_id from api_keys where id = $1 and revoked_at is null`, [id]);
  return r.rows[0] ? { id, compoundId: r.rows[0].compound_id } : null;
}

/** Live keys with their mosquitto password entries (null: created before MQTT identities). */
export async function listMqttIdentities(q: Queryable): Promise<{ id: number; compoundId: string; mqttHash: string | null }[]> {
  const r = await q.query<{ id: number; compound_id: string; mqtt_hash: string | null }>(
    `select id, compound_id, mqtt_hash from api_keys where revoked_at is null order by id`,
  );
  return r.rows.map((x) => ({ id: Number(x.id), compoundId: x.compound_id, mqttHash: x.mqtt_hash }));
}

/** The compound a live (not revoked) key belongs to. */
export async function findApiKey(q: Queryable, key: string): Promise<{ id: number; compoundId: string } | null> {
  const r = await q.query<{ id: number; compound_id: string }>(`select id, compound_id from api_keys where key_hash = $1 and revoked_at is null`, [
    hashKey(key),
  ]);
  return r.rows[0] ? { id: Number(r.rows[0].id), compoundId: r.rows[0].compound_id } : null;
}

export async function touchApiKeys(q: Queryable, ids: number[]): Promise<void> {
  if (ids.length) await q.query(`update api_keys set last_used_at = now() where id = any($1::int[])`, [ids]);
}

export async function revokeApiKey(q: Queryable, id: number): Promise<boolean> {
  const r = await q.query(`update api_keys set revoked_at = now() where id = $1 and revoked_at is null`, [id]);
  return r.rowCount > 0;
}

export async function listApiKeys(q: Queryable, compoundId?: string): Promise<ApiKeyRow[]> {
  const r = await q.query<Record<string, unknown>>(
    `select id, compound_id, name, extract(epoch from created_at) * 1000 as c, extract(epoch from revoked_at) * 1000 as r, extract(epoch from last_used_at) * 1000 as u
       from api_keys ${compoundId ? 'where compound_id = $1' : ''} order by id`,
    compoundId ? [compoundId] : [],
  );
  return r.rows.map((x) => ({
    id: Number(x.id),
    compoundId: x.compound_id as string,
    name: x.name as string,
    createdAt: Number(x.c),
    revokedAt: x.r === null ? null : Number(x.r),
    lastUsedAt: x.u === null ? null : Number(x.u),
  }));
}
