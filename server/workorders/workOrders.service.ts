import {
  PENDING_STATUSES,
  WORK_ORDER_STATUSES,
  workOrderSla,
  type WorkOrder,
  type WorkOrderCreate,
  type WorkOrderDetail,
  type WorkOrderSource,
  type WorkOrderStatus,
  type WorkOrderUpdate,
} from '../../models';
import { parseAssigneeRef } from '../../models';
import type { Db, Queryable } from '../db/db';
import { getStaff, getTeam } from '../db/staff.repo';
import * as repo from '../db/workorders.repo';
import type { WorkOrderRecord } from '../db/workorders.repo';
import type { AlarmsService } from '../alarms/alarms.service';
import type { Twins } from '../live/twins';
import type { RealtimeHub } from '../realtime/hub';
import { HttpError } from '../http/errors';
import { draftWorkOrder } from './draft';
import { planChange, type ResolvedAssignee } from './transitions';

/**
 * Looks an assignee up in the compound's staff directory: `staff:<id>` / `team:<id>` must be an active
 * member or team of `compoundId` (else 400 naming it; nothing is written). Any other text comes only from
 * internal callers (the HTTP schema refuses it) and is kept as a name, as older orders were.
 */
export async function resolveAssignee(q: Queryable, compoundId: string, raw: string | null | undefined): Promise<ResolvedAssignee | null | undefined> {
  if (raw === undefined || raw === null) return raw;
  const ref = parseAssigneeRef(raw);
  if (!ref) return { name: raw.trim(), ref: null, staffId: null, teamId: null };
  if (ref.id > 2_147_483_647) throw new HttpError(400, `assignee: ${ref.kind} ${ref.id} is not on the staff of compound "${compoundId}"`);
  const row = ref.kind === 'staff' ? await getStaff(q, ref.id, compoundId) : await getTeam(q, ref.id, compoundId);
  if (!row)
    throw new HttpError(
      400,
      `assignee: ${ref.kind} ${ref.id} is not on the staff of compound "${compoundId}" (GET /api/v1/compounds/${compoundId}/staff lists them)`,
    );
  if (!row.active) throw new HttpError(400, `assignee: ${ref.kind} ${ref.id} (${row.name}) is no longer active`);
  return { name: row.name, ref: raw, staffId: ref.kind === 'staff' ? ref.id : null, teamId: ref.kind === 'team' ? ref.id : null };
}

/** A stored work order with its SLA clocks read at `now`. */
export const withSla = (w: WorkOrderRecord, now: number): WorkOrder => ({ ...w, ...workOrderSla(w, now) });

export interface WorkOrderListQuery {
  compoundId?: string;
  /** Comma-separated statuses, `pending` or `active`. */
  status?: string;
  assignee?: string;
  buildingId?: string;
  deviceId?: string;
  alarmId?: number;
  overdue?: 'true' | 'false';
  limit?: number;
}

export interface CreateOptions {
  source?: WorkOrderSource;
  inTransaction?: (q: Queryable, workOrderId: number) => Promise<void>;
}

/** Opens, dispatches, moves and comments work orders: database first (one transaction), then memory, then every screen. */
export class WorkOrdersService {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly twins: Twins,
    private readonly hub: RealtimeHub,
    private readonly alarms: AlarmsService,
  ) {
    // Clearing an alarm whose work is still pending needs a confirmation.
    alarms.linkedOpenWorkOrder = (alarmId) => this.pendingForAlarm(alarmId) !== null;
    // A device with repair or inspection work in progress is out of service: its alarms are recorded, not annunciated.
    alarms.maintenanceOf = (deviceId) => {
      const w = this.maintenanceOf(deviceId);
      return w ? `work order ${w.id}` : null;
    };
  }

  /** Loads the work orders not yet closed into memory at start-up, then puts the devices under maintenance out of service. */
  async load(now = Date.now()): Promise<void> {
    for (const w of await repo.unclosedWorkOrders(this.db)) this.remember(withSla(w, now));
    for (const twin of this.twins.all()) {
      for (const w of twin.workOrders.values()) if (w.deviceId && isMaintenance(w)) await this.maintenanceChanged(w.deviceId, now);
    }
  }

  /** Cluster mode, on taking a compound over: its unclosed work orders from the database, replacing memory's. */
  async reload(compoundId: string, now = Date.now()): Promise<void> {
    const twin = this.twins.get(compoundId);
    if (!twin) return;
    const rows = (await repo.unclosedWorkOrders(this.db)).filter((w) => w.compoundId === compoundId);
    twin.workOrders.clear();
    for (const w of rows) this.remember(withSla(w, now));
    for (const id of twin.live.states.keys()) twin.live.setMaintenance(id, this.maintenanceOf(id) !== null, now);
  }

  /** Cluster mode: a work order another process changed; memory and the device's maintenance flag follow (nothing written or sent). */
  applyRemote(w: WorkOrder, now = Date.now()): void {
    this.remember(w);
    const twin = this.twins.get(w.compoundId);
    if (twin && w.deviceId) twin.live.setMaintenance(w.deviceId, this.maintenanceOf(w.deviceId) !== null, now);
  }

  /**
   * A device went into or came out of maintenance: its status reads 'maintenance' meanwhile, and its
   * alarms go out of service (or back). Ordered so that a screen sees one status change, not a flicker.
   */
  private async maintenanceChanged(deviceId: string, now: number): Promise<void> {
    const twin = this.twins.ofDevice(deviceId);
    const on = this.maintenanceOf(deviceId) !== null;
    if (!on) await this.alarms.serviceChanged(deviceId, now);
    const st = twin?.live.setMaintenance(deviceId, on, now);
    if (twin && st) this.hub.emit(twin.entry.doc.id, 'device:status', { changes: [{ deviceId, status: st, at: now }] });
    if (on) await this.alarms.serviceChanged(deviceId, now);
  }

  /** The work order that has the device out of service (repair or inspection in progress), if any. */
  maintenanceOf(deviceId: string): WorkOrder | null {
    const twin = this.twins.ofDevice(deviceId);
    if (!twin) return null;
    for (const w of twin.workOrders.values()) if (w.deviceId === deviceId && isMaintenance(w)) return w;
    return null;
  }

  /** `opts.source`: where it came from (default staff, or alarm when from one); `opts.inTransaction`: more writes in the same transaction (a resident's repair request), a throw undoes all. */
  create(input: WorkOrderCreate, by: string, now = Date.now(), opts: CreateOptions = {}): Promise<WorkOrder> {
    return this.serial(async () => {
      const draft = await draftWorkOrder(input, by, now, { registry: this.twins.registry, getAlarm: (id) => this.alarms.get(id) });
      if (opts.source) draft.source = opts.source;
      const rec = await this.db.transaction(async (q) => {
        if (draft.alarmId !== null) {
          const existing = await repo.pendingForAlarm(q, draft.alarmId);
          if (existing !== null) throw new HttpError(409, `alarm ${draft.alarmId} already has pending work order ${existing}`, { workOrderId: existing });
        }
        // the assignee first: one of another compound's staff is refused before anything is written
        const assignee = await resolveAssignee(q, draft.compoundId, input.assignee);
        const id = await repo.insertWorkOrder(q, draft);
        await repo.addWorkOrderEvents(q, [
          { workOrderId: id, at: now, action: 'created', by, from: null, to: 'open', comment: input.comment ?? null, detail: null },
        ]);
        await opts.inTransaction?.(q, id);
        const created = (await repo.getWorkOrder(q, id))!;
        if (!assignee) return created;
        const { patch, events } = planChange(created, { assignee }, by, now);
        await repo.updateWorkOrder(q, id, patch);
        await repo.addWorkOrderEvents(q, events);
        return (await repo.getWorkOrder(q, id))!;
      });
      return this.publish(rec, now);
    });
  }

  /** Applies a change (status move, assignee, priority, category, text, comment) atomically. */
  update(id: number, change: WorkOrderUpdate, by: string, now = Date.now(), compounds: readonly string[] | null = null): Promise<WorkOrder> {
    return this.serial(async () => {
      const result = await this.db.transaction(async (q) => {
        const cur = await repo.getWorkOrder(q, id, true, compounds);
        if (!cur) throw new HttpError(404, `work order ${id} not found`);
        const assignee = await resolveAssignee(q, cur.compoundId, change.assignee);
        const { patch, events } = planChange(cur, { ...change, assignee }, by, now);
        if (!events.length) return { rec: cur, changed: false };
        await repo.updateWorkOrder(q, id, patch);
        await repo.addWorkOrderEvents(q, events);
        return { rec: (await repo.getWorkOrder(q, id))!, changed: true };
      });
      return result.changed ? this.publish(result.rec, now) : withSla(result.rec, now);
    });
  }

  /**
   * A change outside the status/assignee plan (a resident's rating): `fn` writes it in one transaction with the
   * order locked (a throw undoes it), then memory and every screen get the order as it stands after.
   */
  change(id: number, fn: (q: Queryable, cur: WorkOrderRecord) => Promise<void>, now = Date.now()): Promise<WorkOrder> {
    return this.serial(async () => {
      const rec = await this.db.transaction(async (q) => {
        const cur = await repo.getWorkOrder(q, id, true);
        if (!cur) throw new HttpError(404, `work order ${id} not found`);
        await fn(q, cur);
        return (await repo.getWorkOrder(q, id))!;
      });
      return this.publish(rec, now);
    });
  }

  comment(id: number, text: string, by: string, now = Date.now(), compounds: readonly string[] | null = null): Promise<WorkOrder> {
    return this.update(id, { comment: text }, by, now, compounds);
  }

  /** The compound of work order `id`, or undefined when there is none. */
  compoundOf(id: number): Promise<string | undefined> {
    return repo.workOrderCompound(this.db, id);
  }

  /** `compounds`: the caller's scope (null: every compound); an order outside it is not found. */
  async get(id: number, now = Date.now(), compounds: readonly string[] | null = null): Promise<WorkOrderDetail | null> {
    const w = await repo.getWorkOrder(this.db, id, false, compounds);
    if (!w) return null;
    return { ...withSla(w, now), events: await repo.workOrderEvents(this.db, id) };
  }

  async list(query: WorkOrderListQuery, compounds: readonly string[] | null = null, now = Date.now()): Promise<WorkOrder[]> {
    if (query.compoundId && !this.twins.get(query.compoundId)) throw new HttpError(404, `compound "${query.compoundId}" not found`);
    const rows = await repo.listWorkOrders(this.db, {
      compoundId: query.compoundId,
      compounds,
      statuses: parseStatuses(query.status),
      assignee: query.assignee,
      buildingId: query.buildingId,
      deviceId: query.deviceId,
      alarmId: query.alarmId,
      overdue: query.overdue === undefined ? undefined : query.overdue === 'true',
      now,
      limit: query.limit,
    });
    return rows.map((w) => withSla(w, now));
  }

  /** Re-reads the SLA clocks of the work orders in memory; announces those whose overdue/breach flags flipped. */
  sweepSla(now = Date.now()): number {
    let n = 0;
    for (const twin of this.twins.owned()) {
      for (const w of twin.workOrders.values()) {
        const s = workOrderSla(w, now);
        if (s.overdue === w.overdue && s.responseBreached === w.responseBreached && s.resolveBreached === w.resolveBreached) continue;
        const next = { ...w, ...s };
        twin.workOrders.set(w.id, next);
        this.hub.emit(w.compoundId, 'workorder:updated', { workOrder: next });
        n++;
      }
    }
    return n;
  }

  /** The pending work order linked to an alarm, from memory (the alarm service asks synchronously). */
  pendingForAlarm(alarmId: number): WorkOrder | null {
    for (const twin of this.twins.all()) {
      for (const w of twin.workOrders.values()) if (w.alarmId === alarmId && PENDING_STATUSES.includes(w.status)) return w;
    }
    return null;
  }

  private async publish(rec: WorkOrderRecord, now: number): Promise<WorkOrder> {
    const w = withSla(rec, now);
    const before = w.deviceId ? this.maintenanceOf(w.deviceId) : null;
    this.remember(w);
    this.hub.emit(w.compoundId, 'workorder:updated', { workOrder: w });
    // the device went into or came out of maintenance: its status and its alarms follow
    if (w.deviceId && (before?.id ?? null) !== (this.maintenanceOf(w.deviceId)?.id ?? null)) await this.maintenanceChanged(w.deviceId, now);
    return w;
  }

  /** Memory keeps every work order not yet closed (the snapshot's and the KPIs' working set). */
  private remember(w: WorkOrder): void {
    const twin = this.twins.get(w.compoundId);
    if (!twin) return;
    if (w.status === 'closed') twin.workOrders.delete(w.id);
    else twin.workOrders.set(w.id, w);
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.chain.then(fn, fn);
    this.chain = p.catch(() => undefined);
    return p;
  }
}

/** Work that takes its device out of service while it is being done (ISA-18.2 out-of-service). */
const MAINTENANCE_CATEGORIES: readonly string[] = ['repair', 'inspection'];
export function isMaintenance(w: Pick<WorkOrder, 'status' | 'category'>): boolean {
  return w.status === 'in_progress' && MAINTENANCE_CATEGORIES.includes(w.category);
}

function parseStatuses(s: string | undefined): WorkOrderStatus[] | undefined {
  if (!s) return undefined;
  if (s === 'pending') return [...PENDING_STATUSES];
  if (s === 'active') return WORK_ORDER_STATUSES.filter((x) => x !== 'closed');
  const list = s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  const bad = list.find((x) => !(WORK_ORDER_STATUSES as readonly string[]).includes(x));
  if (bad) throw new HttpError(400, `status: unknown status "${bad}" (use ${WORK_ORDER_STATUSES.join(', ')}, pending or active)`);
  return list as WorkOrderStatus[];
}
