import type { Queryable } from './db';

/** Records how many devices of each type were online this hour (one row per compound and type). */
export async function recordUptime(q: Queryable, compoundId: string, hourStart: number, byType: Map<string, { online: number; total: number }>): Promise<void> {
  const types = [...byType.keys()];
  await q.query(
    `insert into uptime_samples (at, compound_id, device_type, online, total)
     select to_timestamp($1 / 1000.0), $2, t, o, n from unnest($3::text[], $4::int[], $5::int[]) as u(t, o, n)
     on conflict (compound_id, device_type, at) do update set online = excluded.online, total = excluded.total`,
    [hourStart, compoundId, types, types.map((t) => byType.get(t)!.online), types.map((t) => byType.get(t)!.total)],
  );
}

/** Online device-hours over all device-hours sampled in the window, and how many hourly samples that rests on. */
export async function onlineRate(q: Queryable, compoundId: string, since: number): Promise<{ pct: number | null; hours: number; first: number | null }> {
  const r = await q.query<{ o: number; n: number; hours: number; first: number | null }>(
    `select coalesce(sum(online), 0)::float8 as o, coalesce(sum(total), 0)::float8 as n, count(distinct at)::int as hours,
            extract(epoch from min(at)) * 1000 as first
       from uptime_samples where compound_id = $1 and at >= to_timestamp($2 / 1000.0)`,
    [compoundId, since],
  );
  const row = r.rows[0];
  return { pct: row.n > 0 ? (100 * Number(row.o)) / Number(row.n) : null, hours: Number(row.hours), first: row.first === null ? null : Number(row.first) };
}

/** Share of work orders resolved in the window that were resolved within their resolution SLA. */
export async function workOrderSla(q: Queryable, compoundId: string, since: number): Promise<{ pct: number | null; onTime: number; resolved: number }> {
  const r = await q.query<{ on_time: number; resolved: number }>(
    `select count(*) filter (where resolved_at - created_at <= make_interval(mins => sla_resolve_min))::int as on_time, count(*)::int as resolved
       from work_orders where compound_id = $1 and resolved_at is not null and resolved_at >= to_timestamp($2 / 1000.0)`,
    [compoundId, since],
  );
  const row = r.rows[0];
  return { pct: row.resolved ? (100 * row.on_time) / row.resolved : null, onTime: row.on_time, resolved: row.resolved };
}

/** The oldest stored reading of a compound's devices (how far back data is actually retained). */
export async function oldestReading(q: Queryable, compoundId: string): Promise<number | null> {
  const r = await q.query<{ t: number | null }>(
    `select extract(epoch from min(r.ts)) * 1000 as t from devices d cross join lateral (
       select ts from readings where device_id = d.id order by metric, ts limit 1) r where d.compound_id = $1`,
    [compoundId],
  );
  return r.rows[0]?.t == null ? null : Number(r.rows[0].t);
}
