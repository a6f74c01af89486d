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

/**
 * Online device-hours over all device-hours sampled in [from, to) (only `types` when given), and the
 * hours that rests on: each distinct sampled hour once (the sampler writes one row per type and hour).
 */
export async function onlineRate(
  q: Queryable,
  compoundId: string,
  from: number,
  to: number,
  types: readonly string[] | null = null,
): Promise<{ pct: number | null; online: number; total: number; hours: number[] }> {
  const r = await q.query<{ at: number; o: number; n: number }>(
    `select extract(epoch from at) * 1000 as at, sum(online)::float8 as o, sum(total)::float8 as n
       from uptime_samples
      where compound_id = $1 and at >= to_timestamp($2 / 1000.0) and at < to_timestamp($3 / 1000.0)
        and ($4::text[] is null or device_type = any($4::text[]))
      group by at order by at`,
    [compoundId, from, to, types ? [...types] : null],
  );
  let online = 0;
  let total = 0;
  for (const row of r.rows) {
    online += Number(row.o);
    total += Number(row.n);
  }
  return { pct: total > 0 ? (100 * online) / total : null, online, total, hours: r.rows.map((row) => Number(row.at)) };
}

/** How many distinct hours in [from, to) the twin sampled uptime for a compound: the hours it was observing. */
export async function observedHours(q: Queryable, compoundId: string, from: number, to: number): Promise<number> {
  const r = await q.query<{ n: number }>(
    `select count(distinct at)::int as n from uptime_samples
      where compound_id = $1 and at >= to_timestamp($2 / 1000.0) and at < to_timestamp($3 / 1000.0)`,
    [compoundId, from, to],
  );
  return Number(r.rows[0]?.n ?? 0);
}

/** Share of work orders resolved in the window that were resolved within their resolution SLA. */
export async function workOrderSla(
  q: Queryable,
  compoundId: string,
  since: number,
  to = Date.now(),
): Promise<{ pct: number | null; onTime: number; resolved: number }> {
  const r = await q.query<{ on_time: number; resolved: number }>(
    `select count(*) filter (where resolved_at - created_at <= make_interval(mins => sla_resolve_min))::int as on_time, count(*)::int as resolved
       from work_orders where compound_id = $1 and resolved_at is not null and resolved_at >= to_timestamp($2 / 1000.0) and resolved_at <= to_timestamp($3 / 1000.0)`,
    [compoundId, since, to],
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
