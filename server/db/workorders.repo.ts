import {
  PENDING_STATUSES,
  type Priority,
  type WorkOrder,
  type WorkOrderCategory,
  type WorkOrderComment,
  type WorkOrderEvent,
  type WorkOrderSource,
  type WorkOrderStatus,
} from '../../models';
import type { Queryable } from './db';

/** A work order as stored: everything but the SLA figures, which depend on the moment they are read. */
export type WorkOrderRecord = Omit<WorkOrder, 'responseDueAt' | 'resolveDueAt' | 'responseBreached' | 'resolveBreached' | 'overdue' | 'slaAt'>;

const ms = (col: string) => `extract(epoch from ${col}) * 1000 as ${col}`;
const COLS = `id, compound_id, title, description, category, priority, status, assignee, alarm_id, device_id, building_id, location, created_by,
  ${['created_at', 'assigned_at', 'started_at', 'resolved_at', 'closed_at', 'responded_at'].map(ms).join(', ')},
  reopened, sla_response_min, sla_resolve_min, assignee_staff_id, assignee_team_id, labour_cost, parts_cost, source, resident_rating, rating_comment,
  coalesce((select s.name_en from staff s where s.id = assignee_staff_id), (select t.name_en from teams t where t.id = assignee_team_id)) as assignee_name_en`;

type Row = Record<string, unknown>;
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function toRecord(r: Row, comments: WorkOrderComment[]): WorkOrderRecord {
  const loc = r.location as number[] | null;
  return {
    id: Number(r.id),
    compoundId: String(r.compound_id),
    title: String(r.title),
    description: String(r.description ?? ''),
    category: r.category as WorkOrderCategory,
    priority: r.priority as Priority,
    status: r.status as WorkOrderStatus,
    assignee: str(r.assignee),
    assigneeRef:
      r.assignee_staff_id != null ? `staff:${Number(r.assignee_staff_id)}` : r.assignee_team_id != null ? `team:${Number(r.assignee_team_id)}` : null,
    assigneeNameEn: str(r.assignee_name_en),
    alarmId: num(r.alarm_id),
    deviceId: str(r.device_id),
    buildingId: str(r.building_id),
    location: loc && loc.length === 3 ? [Number(loc[0]), Number(loc[1]), Number(loc[2])] : null,
    createdBy: String(r.created_by),
    createdAt: Number(r.created_at),
    assignedAt: num(r.assigned_at),
    startedAt: num(r.started_at),
    resolvedAt: num(r.resolved_at),
    closedAt: num(r.closed_at),
    respondedAt: num(r.responded_at),
    reopened: Number(r.reopened),
    slaResponseMin: Number(r.sla_response_min),
    slaResolveMin: Number(r.sla_resolve_min),
    comments,
    labourCost: num(r.labour_cost),
    partsCost: num(r.parts_cost),
    source: (str(r.source) ?? 'staff') as WorkOrderSource,
    residentRating: num(r.resident_rating),
    ratingComment: str(r.rating_comment),
  };
}

function toEvent(e: Row): WorkOrderEvent {
  return {
    id: Number(e.id),
    workOrderId: Number(e.work_order_id),
    at: Number(e.at),
    action: e.action as WorkOrderEvent['action'],
    by: String(e.by_user),
    from: (e.from_status as WorkOrderStatus) ?? null,
    to: (e.to_status as WorkOrderStatus) ?? null,
    comment: str(e.comment),
    detail: ((typeof e.detail === 'string' ? JSON.parse(e.detail) : e.detail) as WorkOrderEvent['detail']) ?? null,
  };
}

/** Comments are the events that carry text (plain comments and comments given with a step), oldest first. */
async function commentsOf(q: Queryable, ids: number[]): Promise<Map<number, WorkOrderComment[]>> {
  const out = new Map<number, WorkOrderComment[]>(ids.map((id) => [id, []]));
  if (!ids.length) return out;
  const r = await q.query<Row>(
    `select work_order_id, extract(epoch from at) * 1000 as at, by_user, comment from work_order_events
      where work_order_id = any($1::int[]) and comment is not null order by at, id`,
    [ids],
  );
  for (const c of r.rows) out.get(Number(c.work_order_id))?.push({ at: Number(c.at), by: String(c.by_user), text: String(c.comment) });
  return out;
}

async function withComments(q: Queryable, rows: Row[]): Promise<WorkOrderRecord[]> {
  const comments = await commentsOf(
    q,
    rows.map((r) => Number(r.id)),
  );
  return rows.map((r) => toRecord(r, comments.get(Number(r.id)) ?? []));
}

export interface NewWorkOrder {
  compoundId: string;
  title: string;
  description: string;
  category: WorkOrderCategory;
  priority: Priority;
  alarmId: number | null;
  deviceId: string | null;
  buildingId: string | null;
  location: [number, number, number] | null;
  createdBy: string;
  at: number;
  slaResponseMin: number;
  slaResolveMin: number;
  /** staff (default), alarm, resident. */
  source?: WorkOrderSource;
}

/** Inserts a new work order in status `open`; returns its id. */
export async function insertWorkOrder(q: Queryable, w: NewWorkOrder): Promise<number> {
  const r = await q.query<{ id: number }>(
    `insert into work_orders (compound_id, title, description, category, priority, status, alarm_id, device_id, building_id, location,
                              created_by, created_at, sla_response_min, sla_resolve_min, source)
     values ($1, $2, $3, $4, $5, 'open', $6, $7, $8, $9::float8[], $10, to_timestamp($11 / 1000.0), $12, $13, $14) returning id`,
    [
      w.compoundId,
      w.title,
      w.description,
      w.category,
      w.priority,
      w.alarmId,
      w.deviceId,
      w.buildingId,
      w.location,
      w.createdBy,
      w.at,
      w.slaResponseMin,
      w.slaResolveMin,
      w.source ?? (w.alarmId !== null ? 'alarm' : 'staff'),
    ],
  );
  return Number(r.rows[0].id);
}

/** Columns a change may set; timestamps are epoch ms (null clears them). */
export interface WorkOrderPatch {
  status?: WorkOrderStatus;
  /** The name shown; set together with the reference columns below. */
  assignee?: string | null;
  assigneeStaffId?: number | null;
  assigneeTeamId?: number | null;
  priority?: Priority;
  category?: WorkOrderCategory;
  title?: string;
  description?: string;
  slaResponseMin?: number;
  slaResolveMin?: number;
  reopened?: number;
  assignedAt?: number | null;
  startedAt?: number | null;
  resolvedAt?: number | null;
  closedAt?: number | null;
  respondedAt?: number | null;
  labourCost?: number | null;
  partsCost?: number | null;
}

const PATCH_COLUMNS: Record<keyof WorkOrderPatch, [string, 'value' | 'ts']> = {
  status: ['status', 'value'],
  assignee: ['assignee', 'value'],
  assigneeStaffId: ['assignee_staff_id', 'value'],
  assigneeTeamId: ['assignee_team_id', 'value'],
  priority: ['priority', 'value'],
  category: ['category', 'value'],
  title: ['title', 'value'],
  description: ['description', 'value'],
  slaResponseMin: ['sla_response_min', 'value'],
  slaResolveMin: ['sla_resolve_min', 'value'],
  reopened: ['reopened', 'value'],
  assignedAt: ['assigned_at', 'ts'],
  startedAt: ['started_at', 'ts'],
  resolvedAt: ['resolved_at', 'ts'],
  closedAt: ['closed_at', 'ts'],
  respondedAt: ['responded_at', 'ts'],
  labourCost: ['labour_cost', 'value'],
  partsCost: ['parts_cost', 'value'],
};

/** Applies a patch to one work order. */
export async function updateWorkOrder(q: Queryable, id: number, patch: WorkOrderPatch): Promise<void> {
  const sets: string[] = [];
  const params: unknown[] = [id];
  for (const [key, value] of Object.entries(patch) as [keyof WorkOrderPatch, unknown][]) {
    if (value === undefined) continue;
    const [col, kind] = PATCH_COLUMNS[key];
    params.push(value);
    sets.push(kind === 'ts' ? `${col} = to_timestamp($${params.length}::float8 / 1000.0)` : `${col} = $${params.length}`);
  }
  if (sets.length) await q.query(`update work_orders set ${sets.join(', ')} where id = $1`, params);
}

export type NewWorkOrderEvent = Omit<WorkOrderEvent, 'id'>;

export async function addWorkOrderEvents(q: Queryable, events: NewWorkOrderEvent[]): Promise<void> {
  for (const e of events) {
    await q.query(
      `insert into work_order_events (work_order_id, at, action, by_user, from_status, to_status, comment, detail)
       values ($1, to_timestamp($2 / 1000.0), $3, $4, $5, $6, $7, $8::jsonb)`,
      [e.workOrderId, e.at, e.action, e.by, e.from, e.to, e.comment, e.detail === null ? null : JSON.stringify(e.detail)],
    );
  }
}

/** One work order; `lock` takes a row lock for the rest of the transaction (concurrent changes queue behind it). */
/** One work order; with `compounds`, only when it belongs to one of them (null: any compound). */
export async function getWorkOrder(q: Queryable, id: number, lock = false, compounds: readonly string[] | null = null): Promise<WorkOrderRecord | null> {
  const r = await q.query<Row>(
    `select ${COLS} from work_orders where id = $1${compounds ? ' and compound_id = any($2::text[])' : ''}${lock ? ' for update' : ''}`,
    compounds ? [id, compounds] : [id],
  );
  return r.rows[0] ? (await withComments(q, r.rows))[0] : null;
}

/** The compound of work order `id` (what its policy needs, without its comments and history). */
export async function workOrderCompound(q: Queryable, id: number): Promise<string | undefined> {
  const r = await q.query<{ compound_id: string }>('select compound_id from work_orders where id = $1', [id]);
  return r.rows[0]?.compound_id;
}

export async function workOrderEvents(q: Queryable, id: number): Promise<WorkOrderEvent[]> {
  const r = await q.query<Row>(
    `select id, work_order_id, extract(epoch from at) * 1000 as at, action, by_user, from_status, to_status, comment, detail
       from work_order_events where work_order_id = $1 order by at, id`,
    [id],
  );
  return r.rows.map(toEvent);
}

/** Several work orders by id, in id order. */
export async function workOrdersByIds(q: Queryable, ids: number[]): Promise<WorkOrderRecord[]> {
  if (!ids.length) return [];
  const r = await q.query<Row>(`select ${COLS} from work_orders where id = any($1::int[]) order by id`, [ids]);
  return withComments(q, r.rows);
}

/** The histories of several work orders, oldest first. */
export async function eventsOfWorkOrders(q: Queryable, ids: number[]): Promise<WorkOrderEvent[]> {
  if (!ids.length) return [];
  const r = await q.query<Row>(
    `select id, work_order_id, extract(epoch from at) * 1000 as at, action, by_user, from_status, to_status, comment, detail
       from work_order_events where work_order_id = any($1::int[]) order by at, id`,
    [ids],
  );
  return r.rows.map(toEvent);
}

/** Work orders not yet closed, of every compound: the in-memory working set at start-up. */
export async function unclosedWorkOrders(q: Queryable): Promise<WorkOrderRecord[]> {
  const r = await q.query<Row>(`select ${COLS} from work_orders where status <> 'closed' order by id`);
  return withComments(q, r.rows);
}

/** The pending (open, assigned, in progress) work order linked to an alarm, if any. */
export async function pendingForAlarm(q: Queryable, alarmId: number): Promise<number | null> {
  const r = await q.query<{ id: number }>(`select id from work_orders where alarm_id = $1 and status = any($2::text[]) order by id limit 1`, [
    alarmId,
    PENDING_STATUSES,
  ]);
  return r.rows[0] ? Number(r.rows[0].id) : null;
}

export interface WorkOrderFilter {
  compoundId?: string;
  /** The compounds the caller may see (null or absent: every compound). */
  compounds?: readonly string[] | null;
  statuses?: WorkOrderStatus[];
  assignee?: string;
  buildingId?: string;
  deviceId?: string;
  alarmId?: number;
  /** Overdue as of `now` (pending and past a deadline not met), or not. */
  overdue?: boolean;
  now: number;
  limit?: number;
}

const OVERDUE_SQL = (nowParam: string) => `(status = any('{${PENDING_STATUSES.join(',')}}'::text[]) and (
  (responded_at is null and to_timestamp(${nowParam} / 1000.0) > created_at + sla_response_min * interval '1 minute')
  or to_timestamp(${nowParam} / 1000.0) > created_at + sla_resolve_min * interval '1 minute'))`;

/** Work orders matching a filter, newest first. */
export async function listWorkOrders(q: Queryable, f: WorkOrderFilter): Promise<WorkOrderRecord[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (f.compoundId) add('compound_id = ?', f.compoundId);
  if (f.compounds) add('compound_id = any(?::text[])', f.compounds);
  if (f.statuses?.length) add('status = any(?::text[])', f.statuses);
  if (f.assignee) {
    const ref = /^(staff|team):(\d{1,10})$/.exec(f.assignee);
    if (ref && Number(ref[2]) > 2_147_483_647) where.push('false');
    else if (ref) add(`${ref[1] === 'staff' ? 'assignee_staff_id' : 'assignee_team_id'} = ?::int`, Number(ref[2]));
    else add('assignee = ?', f.assignee);
  }
  if (f.buildingId) add('building_id = ?', f.buildingId);
  if (f.deviceId) add('device_id = ?', f.deviceId);
  if (f.alarmId !== undefined) add('alarm_id = ?', f.alarmId);
  if (f.overdue !== undefined) add(f.overdue ? OVERDUE_SQL('?::float8') : `not ${OVERDUE_SQL('?::float8')}`, f.now);
  params.push(f.limit ?? 200);
  const r = await q.query<Row>(
    `select ${COLS} from work_orders ${where.length ? 'where ' + where.join(' and ') : ''} order by created_at desc, id desc limit $${params.length}`,
    params,
  );
  return withComments(q, r.rows);
}
