import { createHash, randomBytes } from 'node:crypto';
import {
  MAX_REPAIR_PHOTO_BYTES,
  maskPhone,
  REPAIR_CATEGORY_LABELS,
  REPAIR_LIMITS,
  type RepairCategory,
  type RepairCreated,
  type RepairPlaces,
  type RepairRequestRow,
  type RepairRequestStatus,
  type RepairStatus,
  type ResidentSatisfaction,
  type WorkOrderStatus,
} from '../../models';
import type { Db, Queryable } from '../db/db';
import { addWorkOrderEvents } from '../db/workorders.repo';
import { HttpError } from '../http/errors';
import type { Twins } from '../live/twins';
import type { WorkOrdersService } from '../workorders/workOrders.service';
import type { RepairRequestCreate } from './repair.schema';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
/** The resident's secret: 32 random bytes, base64url (43 characters). */
export const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

/** What the resident sees of the work order's status. */
export const repairStatusOf = (s: WorkOrderStatus): RepairStatus =>
  s === 'in_progress' ? 'in_progress' : s === 'resolved' ? 'done' : s === 'closed' ? 'closed' : 'accepted';

const MAGIC: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/webp': (b) => b.length > 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP',
};

/** The photo's bytes: at most MAX_REPAIR_PHOTO_BYTES, and its first bytes must be the image type it claims. */
export function decodePhoto(p: { contentType: string; data: string }): { contentType: string; data: Buffer } {
  const data = Buffer.from(p.data.replace(/\s+/g, ''), 'base64');
  if (data.length > MAX_REPAIR_PHOTO_BYTES)
    throw new HttpError(413, `photo.data: ${data.length} bytes decoded; at most ${MAX_REPAIR_PHOTO_BYTES} (the page resizes photos before sending)`);
  if (!MAGIC[p.contentType]?.(data)) throw new HttpError(422, `photo.data: the bytes are not a ${p.contentType} image (checked by their first bytes)`);
  return { contentType: p.contentType, data };
}

type Row = Record<string, unknown>;
/** Thrown inside the transaction when the token's request appeared meanwhile: everything is undone. */
class Replay extends Error {}
const ms = (v: unknown): number | null => (v === null || v === undefined ? null : Math.round(Number(v)));

/**
 * One limit: when `n` requests already fall in the window, the caller waits until the oldest of the last
 * `limit` leaves it. Counted from the table, so restarts and other cluster processes see the same figure.
 */
async function checkLimit(q: Queryable, what: string, where: string, params: unknown[], limit: number, windowMs: number, now: number): Promise<void> {
  const since = now - windowMs;
  const r = await q.query<{ t: number }>(
    `select extract(epoch from created_at) * 1000 as t from repair_requests
      where ${where} and created_at > to_timestamp($${params.length + 1} / 1000.0) order by created_at desc offset ${limit - 1} limit 1`,
    [...params, since],
  );
  if (!r.rows.length) return;
  const retryAfterS = Math.max(1, Math.ceil((Number(r.rows[0].t) + windowMs - now) / 1000));
  throw new HttpError(429, `too many repair requests ${what}: retry in ${Math.ceil(retryAfterS / 60)} min (or call the property office)`, { retryAfterS });
}

/** Residents' repair requests: the form's places, the request (with its work order, in one transaction), its status and rating. */
export class RepairService {
  constructor(
    private readonly db: Db,
    private readonly twins: Twins,
    private readonly workOrders: WorkOrdersService,
  ) {}

  places(compoundId: string): RepairPlaces {
    const doc = this.twins.get(compoundId)?.entry.doc;
    if (!doc) throw new HttpError(404, `compound "${compoundId.slice(0, 64)}" not found`);
    return {
      compoundId: doc.id,
      name: doc.name,
      nameEn: doc.nameEn ?? null,
      buildings: doc.buildings
        .filter((b) => b.use === 'residential' && b.units.length > 0)
        .map((b) => ({ id: b.id, number: b.number, name: b.name ?? null, units: b.units.map((u) => ({ id: u.id, number: u.number })) })),
    };
  }

  /** `replay`: the same token came again (a retry): the request it made, nothing new written. */
  async create(body: RepairRequestCreate, ip: string, now = Date.now()): Promise<RepairCreated & { replay: boolean }> {
    const doc = this.twins.get(body.compoundId)?.entry.doc;
    if (!doc) throw new HttpError(422, `compoundId: compound "${body.compoundId}" not found`);
    const building = doc.buildings.find((b) => b.id === body.buildingId && b.use === 'residential');
    if (!building) throw new HttpError(422, `buildingId: "${body.buildingId}" is not a residential building of ${doc.id}`);
    const unit = building.units.find((u) => u.id === body.unitId);
    if (!unit) throw new HttpError(422, `unitId: "${body.unitId}" is not a unit of building ${building.number}`);
    const photo = body.photo ? decodePhoto(body.photo) : null;
    const room = body.room ? body.room : null;
    const token = body.token ?? randomBytes(32).toString('base64url');
    const replayed = await this.replayOf(this.db, token, body.phone);
    if (replayed) return replayed;
    const phoneHash = sha256(`phone:${body.phone}`);
    const ipHash = sha256(`ip:${networkOf(ip)}`);
    const label = REPAIR_CATEGORY_LABELS[body.category].zh;
    const place = `${building.number}栋${unit.number}单元`;
    const description = [body.description, '', ...(room ? [`房间：${room}`] : []), `报修电话：${maskPhone(body.phone)}（居民报修，完整号码见报修记录）`].join(
      '\n',
    );
    // The limits read first, outside the work-order queue: a flood of refused requests must not slow the officers' own
    // work orders. They are checked again inside the transaction, under a lock, for requests arriving together.
    await checkLimit(this.db, 'from this network', 'ip_hash = $1', [ipHash], REPAIR_LIMITS.perIpPerHour, HOUR, now);
    await checkLimit(this.db, 'from this phone', 'phone_hash = $1', [phoneHash], REPAIR_LIMITS.perPhonePerDay, DAY, now);
    let id = 0;
    let w: Awaited<ReturnType<WorkOrdersService['create']>>;
    try {
      w = await this.workOrders.create(
        {
          compoundId: doc.id,
          title: `居民报修 · ${label} · ${place}`,
          description,
          category: 'repair',
          priority: 'normal',
          buildingId: building.id,
          // the unit's entrance at ground level: the pin stands where the officer walks in
          location: [unit.entrance[0], unit.entrance[1], 0],
        },
        'resident',
        now,
        {
          source: 'resident',
          inTransaction: async (q, workOrderId) => {
            // one writer at a time across processes, so two requests cannot both pass a limit at its edge
            await q.query(`select pg_advisory_xact_lock(7318001)`);
            // a retry that raced its first attempt: undo this work order, answer with the first
            if ((await q.query('select 1 from repair_requests where token_hash = $1', [sha256(token)])).rows.length) throw new Replay();
            await checkLimit(q, 'from this phone', 'phone_hash = $1', [phoneHash], REPAIR_LIMITS.perPhonePerDay, DAY, now);
            await checkLimit(
              q,
              `for ${place}`,
              'compound_id = $1 and building_id = $2 and unit_id = $3',
              [doc.id, building.id, unit.id],
              REPAIR_LIMITS.perAddressPerDay,
              DAY,
              now,
            );
            await checkLimit(q, 'from this network', 'ip_hash = $1', [ipHash], REPAIR_LIMITS.perIpPerHour, HOUR, now);
            const r = await q.query<{ id: number }>(
              `insert into repair_requests (compound_id, work_order_id, building_id, unit_id, room, category, description, phone, phone_hash, ip_hash,
                                          photo, photo_type, token_hash, created_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, decode($11, 'base64'), $12, $13, to_timestamp($14 / 1000.0)) returning id`,
              [
                doc.id,
                workOrderId,
                building.id,
                unit.id,
                room,
                body.category,
                body.description,
                body.phone,
                phoneHash,
                ipHash,
                photo ? photo.data.toString('base64') : null,
                photo?.contentType ?? null,
                sha256(token),
                now,
              ],
            );
            id = Number(r.rows[0].id);
          },
        },
      );
    } catch (e) {
      const first = e instanceof Replay ? await this.replayOf(this.db, token, body.phone) : null;
      if (first) return first;
      throw e;
    }
    return { id, token, workOrderId: w.id, status: repairStatusOf(w.status), replay: false };
  }

  /** The request a token already made (a retry), or null; the same token with another phone is a conflict. */
  private async replayOf(q: Queryable, token: string, phone: string): Promise<(RepairCreated & { replay: boolean }) | null> {
    const r = await q.query<Row>(
      `select r.id, r.work_order_id, r.phone_hash, w.status from repair_requests r join work_orders w on w.id = r.work_order_id where r.token_hash = $1`,
      [sha256(token)],
    );
    const x = r.rows[0];
    if (!x) return null;
    if (x.phone_hash !== sha256(`phone:${phone}`)) throw new HttpError(409, 'token: already used by another request (make a new one)');
    return { id: Number(x.id), token, workOrderId: Number(x.work_order_id), status: repairStatusOf(x.status as WorkOrderStatus), replay: true };
  }

  private async byToken(q: Queryable, token: string): Promise<Row | null> {
    if (!TOKEN_RE.test(token)) return null;
    const r = await q.query<Row>(
      `select r.id, r.compound_id, r.work_order_id, r.building_id, r.unit_id, r.room, r.category, r.description,
              extract(epoch from r.created_at) * 1000 as created_at, w.status, w.resident_rating, w.rating_comment,
              extract(epoch from w.rated_at) * 1000 as rated_at
         from repair_requests r join work_orders w on w.id = r.work_order_id where r.token_hash = $1`,
      [sha256(token)],
    );
    return r.rows[0] ?? null;
  }

  async status(token: string): Promise<RepairRequestStatus> {
    const row = await this.byToken(this.db, token);
    if (!row) throw new HttpError(404, 'repair request not found (check the link you were given)');
    const ev = await this.db.query<{ at: number; action: string; to_status: string | null }>(
      `select extract(epoch from at) * 1000 as at, action, to_status from work_order_events
        where work_order_id = $1 and action in ('created', 'transition') order by at, id`,
      [row.work_order_id],
    );
    const timeline: RepairRequestStatus['timeline'] = [];
    for (const e of ev.rows) {
      if (!e.to_status) continue;
      const s = repairStatusOf(e.to_status as WorkOrderStatus);
      if (timeline.at(-1)?.status !== s) timeline.push({ at: Math.round(Number(e.at)), status: s });
    }
    const doc = this.twins.get(String(row.compound_id))?.entry.doc;
    const b = doc?.buildings.find((x) => x.id === row.building_id);
    const u = b?.units.find((x) => x.id === row.unit_id);
    const woStatus = row.status as WorkOrderStatus;
    const rating = row.resident_rating === null ? null : Number(row.resident_rating);
    return {
      id: Number(row.id),
      workOrderId: Number(row.work_order_id),
      compoundName: doc?.name ?? String(row.compound_id),
      buildingNumber: b?.number ?? String(row.building_id),
      unitNumber: u?.number ?? 0,
      room: (row.room as string | null) ?? null,
      category: row.category as RepairCategory,
      description: String(row.description),
      createdAt: ms(row.created_at)!,
      status: repairStatusOf(woStatus),
      timeline,
      mayRate: rating === null && (woStatus === 'resolved' || woStatus === 'closed'),
      rating,
      ratingComment: (row.rating_comment as string | null) ?? null,
      ratedAt: ms(row.rated_at),
    };
  }

  /** 回访评价: once, after the work is resolved or closed; stored on the work order with an event, published to the console. */
  async rate(token: string, rating: number, comment: string | undefined, now = Date.now()): Promise<RepairRequestStatus> {
    const row = await this.byToken(this.db, token);
    if (!row) throw new HttpError(404, 'repair request not found (check the link you were given)');
    await this.workOrders.change(
      Number(row.work_order_id),
      async (q, cur) => {
        if (cur.status !== 'resolved' && cur.status !== 'closed')
          throw new HttpError(409, `the repair is not finished yet (${repairStatusOf(cur.status)}): rate it once it is done`);
        if (cur.residentRating !== null) throw new HttpError(409, 'this repair has already been rated');
        await q.query(`update work_orders set resident_rating = $2, rating_comment = $3, rated_at = to_timestamp($4 / 1000.0) where id = $1`, [
          cur.id,
          rating,
          comment || null,
          now,
        ]);
        await addWorkOrderEvents(q, [
          { workOrderId: cur.id, at: now, action: 'rated', by: 'resident', from: null, to: null, comment: comment || null, detail: { rating } },
        ]);
      },
      now,
    );
    return this.status(token);
  }

  /** Officers: the requests (full phone to call back) of the compounds in scope, newest first. */
  async list(compounds: readonly string[] | null, workOrderId: number | undefined, limit = 200): Promise<RepairRequestRow[]> {
    const params: unknown[] = [];
    let where = 'true';
    if (compounds) where += ` and r.compound_id = any($${params.push(compounds)}::text[])`;
    if (workOrderId !== undefined) where += ` and r.work_order_id = $${params.push(workOrderId)}`;
    const r = await this.db.query<Row>(
      `select r.id, r.compound_id, r.work_order_id, r.building_id, r.unit_id, r.room, r.category, r.description, r.phone,
              r.photo is not null as has_photo, extract(epoch from r.created_at) * 1000 as created_at, w.status, w.resident_rating
         from repair_requests r join work_orders w on w.id = r.work_order_id
        where ${where} order by r.created_at desc, r.id desc limit ${Math.min(Math.max(1, limit), 500)}`,
      params,
    );
    return r.rows.map((x) => ({
      id: Number(x.id),
      compoundId: String(x.compound_id),
      workOrderId: Number(x.work_order_id),
      buildingId: String(x.building_id),
      unitId: String(x.unit_id),
      room: (x.room as string | null) ?? null,
      category: x.category as RepairCategory,
      description: String(x.description),
      phone: String(x.phone),
      hasPhoto: x.has_photo === true || x.has_photo === 't',
      createdAt: ms(x.created_at)!,
      workOrderStatus: String(x.status),
      rating: x.resident_rating === null ? null : Number(x.resident_rating),
    }));
  }

  /** The resident's photo of a work order, within the caller's compounds. */
  async photo(workOrderId: number, compounds: readonly string[] | null): Promise<{ contentType: string; data: Buffer } | null> {
    const params: unknown[] = [workOrderId];
    const r = await this.db.query<{ photo_type: string; b64: string }>(
      `select photo_type, encode(photo, 'base64') as b64 from repair_requests
        where work_order_id = $1 and photo is not null${compounds ? ` and compound_id = any($${params.push(compounds)}::text[])` : ''} limit 1`,
      params,
    );
    const x = r.rows[0];
    return x ? { contentType: x.photo_type, data: Buffer.from(x.b64.replace(/\s+/g, ''), 'base64') } : null;
  }
}

/** Residents' satisfaction of a compound (or all: null) over [from, to): requests made, orders rated and their mean rating. */
export async function residentSatisfaction(q: Queryable, compoundId: string | null, from: number, to: number): Promise<ResidentSatisfaction> {
  const c = compoundId === null ? '' : ' and compound_id = $3';
  const params = compoundId === null ? [from, to] : [from, to, compoundId];
  const [req, rated] = await Promise.all([
    q.query<{ n: number }>(
      `select count(*)::int as n from repair_requests where created_at >= to_timestamp($1 / 1000.0) and created_at < to_timestamp($2 / 1000.0)${c}`,
      params,
    ),
    q.query<{ n: number; avg: number | null }>(
      `select count(*)::int as n, avg(resident_rating)::float8 as avg from work_orders
        where resident_rating is not null and rated_at >= to_timestamp($1 / 1000.0) and rated_at < to_timestamp($2 / 1000.0)${c}`,
      params,
    ),
  ]);
  const n = Number(rated.rows[0]?.n ?? 0);
  const avg = rated.rows[0]?.avg;
  return {
    requests: Number(req.rows[0]?.n ?? 0),
    ratedCount: n,
    averageRating: n && avg !== null && avg !== undefined ? Math.round(Number(avg) * 100) / 100 : null,
  };
}

/** The network a client address stands for in the limits: an IPv4 address, or an IPv6 address's /64 (one subscriber's prefix). */
export function networkOf(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (v4) return v4[1];
  if (!ip.includes(':')) return ip;
  const [head, tail = ''] = ip.toLowerCase().split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t] : h;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
