import type { AuditEntry } from '../../models';
import type { Queryable } from './db';

export interface NewAuditEntry {
  actor: string;
  action: string;
  target?: string | null;
  detail?: unknown;
  ip?: string | null;
}

/** Appends entries in one statement (the audit writer batches them). */
export async function insertAudit(q: Queryable, entries: (NewAuditEntry & { at: number })[]): Promise<void> {
  if (!entries.length) return;
  await q.query(
    `insert into audit_log (at, actor, action, target, detail, ip)
     select to_timestamp(a / 1000.0), b, c, d, e::jsonb, f from unnest($1::float8[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) as t(a, b, c, d, e, f)`,
    [
      entries.map((e) => e.at),
      entries.map((e) => e.actor),
      entries.map((e) => e.action),
      entries.map((e) => e.target ?? null),
      entries.map((e) => (e.detail === undefined ? null : JSON.stringify(e.detail))),
      entries.map((e) => e.ip ?? null),
    ],
  );
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  since?: number;
  limit: number;
}

export async function listAudit(q: Queryable, f: AuditQuery): Promise<AuditEntry[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.actor) where.push(`actor = $${params.push(f.actor)}`);
  if (f.action) where.push(`action like $${params.push(f.action.replace(/[%_\\]/g, '\\$&') + '%')}`);
  if (f.since !== undefined) where.push(`at >= to_timestamp($${params.push(f.since)} / 1000.0)`);
  const r = await q.query<Record<string, unknown>>(
    `select id, extract(epoch from at) * 1000 as at, actor, action, target, detail, ip from audit_log
      ${where.length ? 'where ' + where.join(' and ') : ''} order by id desc limit $${params.push(f.limit)}`,
    params,
  );
  return r.rows.map((x) => ({
    id: Number(x.id),
    at: Number(x.at),
    actor: x.actor as string,
    action: x.action as string,
    target: (x.target as string) ?? null,
    detail: x.detail ?? null,
    ip: (x.ip as string) ?? null,
  }));
}
