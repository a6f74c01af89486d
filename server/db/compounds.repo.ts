import type { Db } from './db';
import type { Compound } from '../../models';

/** Stores a compound document and its device rows; returns false when the stored copy was already identical. */
export async function upsertCompound(db: Db, doc: Compound, hash: string): Promise<boolean> {
  const cur = await db.query<{ doc_hash: string }>('select doc_hash from compounds where id = $1', [doc.id]);
  if (cur.rows[0]?.doc_hash === hash) return false;
  const d = doc.devices;
  await db.transaction(async (q) => {
    await q.query(
      `insert into compounds (id, name, doc, doc_hash) values ($1, $2, $3::jsonb, $4)
       on conflict (id) do update set name = excluded.name, doc = excluded.doc, doc_hash = excluded.doc_hash, loaded_at = now()`,
      [doc.id, doc.name, JSON.stringify(doc), hash],
    );
    await q.query(`delete from devices where compound_id = $1 and not (id = any($2::text[]))`, [doc.id, d.map((x) => x.id)]);
    await q.query(
      `insert into devices (id, compound_id, type, building_id, unit_id, floor, metrics, interval_s, households)
       select u.id, $1, u.type, u.b, u.u, u.f, string_to_array(u.m, ','), u.i, u.h
         from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::int[], $9::int[]) as u(id, type, b, u, f, m, i, h)
       on conflict (id) do update set compound_id = excluded.compound_id, type = excluded.type, building_id = excluded.building_id,
         unit_id = excluded.unit_id, floor = excluded.floor, metrics = excluded.metrics, interval_s = excluded.interval_s, households = excluded.households`,
      [
        doc.id,
        d.map((x) => x.id),
        d.map((x) => x.type),
        d.map((x) => (x.placement.kind === 'building' ? x.placement.buildingId : null)),
        d.map((x) => (x.placement.kind === 'building' ? x.placement.unitId ?? null : null)),
        d.map((x) => (x.placement.kind === 'building' ? x.placement.floor ?? null : null)),
        d.map((x) => x.metrics.join(',')),
        d.map((x) => x.intervalS),
        d.map((x) => x.households ?? null),
      ],
    );
  });
  return true;
}

/** Every stored compound document (including ones imported at run time). */
export async function listCompoundDocs(db: Db): Promise<unknown[]> {
  const r = await db.query<{ doc: unknown }>('select doc from compounds order by id');
  return r.rows.map((row) => (typeof row.doc === 'string' ? JSON.parse(row.doc) : row.doc));
}
