import type { Compound } from '../../models';
import type { Db, Queryable } from './db';

const DEVICE_SLICE = 2_000;
const PART_CHARS = 1_000_000;

/**
 * Stores a compound document and its device rows; returns false when the stored copy was already identical.
 * `json`: the document's JSON text in order, when the caller already has it (an import's worker made it),
 * so it is not serialised again here.
 */
export async function upsertCompound(db: Db, doc: Compound, hash: string, json?: Iterable<string>): Promise<boolean> {
  const cur = await db.query<{ doc_hash: string }>('select doc_hash from compounds where id = $1', [doc.id]);
  if (cur.rows[0]?.doc_hash === hash) return false;
  await db.transaction(async (q) => {
    await q.query(
      `insert into compounds (id, name, doc, doc_hash) values ($1, $2, null, $3)
       on conflict (id) do update set name = excluded.name, doc = null, doc_hash = excluded.doc_hash, loaded_at = now()`,
      [doc.id, doc.name, hash],
    );
    await q.query('delete from compound_doc_parts where compound_id = $1', [doc.id]);
    let part = 0;
    // Awaiting the embedded database settles in microtasks: without a macrotask turn between statements a
    // run of them holds the loop as one block. Hence yieldToLoop() before each.
    for await (const body of documentParts(doc, json)) {
      await yieldToLoop();
      await q.query('insert into compound_doc_parts (compound_id, part, body) values ($1, $2, $3)', [doc.id, part++, body]);
    }
    await yieldToLoop();
    // Devices the new document no longer has (a replaced compound); rows it keeps are updated below, keeping their maintenance flag.
    if (cur.rows.length) await q.query(`delete from devices where compound_id = $1 and not (id = any($2::text[]))`, [doc.id, doc.devices.map((x) => x.id)]);
    // In slices, yielding between them: an imported compound can hold 200,000 devices, and the embedded
    // database runs on this thread — one statement for all of them would hold every other request.
    for (let at = 0; at < doc.devices.length; at += DEVICE_SLICE) {
      await yieldToLoop();
      await insertDevices(q, doc.id, doc.devices.slice(at, at + DEVICE_SLICE));
    }
  });
  return true;
}

const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

/**
 * The document's JSON in parts of at most PART_CHARS, serialised an element at a time with the event
 * loop let go every ~10 ms (JSON.stringify of a 200,000-vertex, 47,000-device document holds it for
 * half a second). Joined in order, the parts are the same JSON as JSON.stringify(doc).
 */
async function* documentParts(doc: Compound, json?: Iterable<string>): AsyncGenerator<string> {
  let buf = '';
  let since = performance.now();
  const parts: string[] = [];
  const add = async (text: string) => {
    buf += text;
    while (buf.length >= PART_CHARS) {
      parts.push(buf.slice(0, PART_CHARS));
      buf = buf.slice(PART_CHARS);
    }
    if (performance.now() - since > 10) {
      await yieldToLoop();
      since = performance.now();
    }
  };
  for (const text of json ?? elementTexts(doc)) {
    await add(text);
    yield* parts.splice(0);
  }
  yield* parts.splice(0);
  if (buf) yield buf;
}

/** JSON.stringify(doc) as a run of texts, one array element at a time. */
function* elementTexts(doc: Compound): Generator<string> {
  yield '{';
  let first = true;
  for (const [key, value] of Object.entries(doc)) {
    if (value === undefined) continue;
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    if (Array.isArray(value)) {
      yield '[';
      for (let i = 0; i < value.length; i++) yield (i ? ',' : '') + (JSON.stringify(value[i]) ?? 'null');
      yield ']';
    } else yield JSON.stringify(value);
  }
  yield '}';
}

async function insertDevices(q: Queryable, compoundId: string, d: Compound['devices']): Promise<void> {
  await q.query(
    `insert into devices (id, compound_id, type, building_id, unit_id, floor, metrics, interval_s, households)
     select u.id, $1, u.type, u.b, u.u, u.f, string_to_array(u.m, ','), u.i, u.h
       from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::int[], $9::int[]) as u(id, type, b, u, f, m, i, h)
     on conflict (id) do update set compound_id = excluded.compound_id, type = excluded.type, building_id = excluded.building_id,
       unit_id = excluded.unit_id, floor = excluded.floor, metrics = excluded.metrics, interval_s = excluded.interval_s, households = excluded.households`,
    [
      compoundId,
      d.map((x) => x.id),
      d.map((x) => x.type),
      d.map((x) => (x.placement.kind === 'building' ? x.placement.buildingId : null)),
      d.map((x) => (x.placement.kind === 'building' ? (x.placement.unitId ?? null) : null)),
      d.map((x) => (x.placement.kind === 'building' ? (x.placement.floor ?? null) : null)),
      d.map((x) => x.metrics.join(',')),
      d.map((x) => x.intervalS),
      d.map((x) => x.households ?? null),
    ],
  );
}

/** Every stored compound document (including ones imported at run time): from its parts, or the whole `doc` of rows written before migration 9. */
export async function listCompoundDocs(db: Db, onlyId?: string): Promise<unknown[]> {
  const r = await db.query<{ doc: unknown; body: string | null }>(
    `select c.doc, (select string_agg(p.body, '' order by p.part) from compound_doc_parts p where p.compound_id = c.id) as body
       from compounds c where $1::text is null or c.id = $1 order by c.id`,
    [onlyId ?? null],
  );
  return r.rows.map((row): unknown => (row.body !== null ? JSON.parse(row.body) : typeof row.doc === 'string' ? JSON.parse(row.doc) : row.doc));
}
