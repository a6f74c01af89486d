import { isOpenAlarm, type Alarm, type AlarmRule, type Device } from '../../models';
import type { Db, Queryable } from '../db/db';
import * as repo from '../db/alarms.repo';
import type { RealtimeHub } from '../realtime/hub';
import { buildingOf } from '../compounds/registry';
import { alarmKey, type Twin, type Twins } from '../live/twins';
import { HttpError } from '../http/errors';

/** Whether a rule's alarms latch (ISA-18.2): stay active after the condition returns, until a person clears them. */
export function latches(rule: AlarmRule): boolean {
  if (rule.kind === 'threshold' || rule.kind === 'event' || rule.kind === 'camera_event') return rule.latch || !rule.autoClear;
  // an hour's anomaly has no "return": it stands until someone has looked at it
  return rule.kind === 'energy_anomaly';
}

type Suppression = { kind: 'design' | 'service'; why: string } | null;

/**
 * The ISA-18.2 alarm lifecycle: raises, repeats, reactivates, returns, acknowledges, clears, shelves and
 * suppresses alarms: database first, then memory, then every screen. One chain, so each alarm's steps
 * happen in order.
 */
export class AlarmsService {
  private chain: Promise<unknown> = Promise.resolve();
  /** Checks that clearing with an open linked work order was confirmed (set by the work-order service). */
  linkedOpenWorkOrder: (alarmId: number) => boolean = () => false;
  /** The work order that has a device out of service (maintenance in progress), if any (set by the work-order service). */
  maintenanceOf: (deviceId: string) => string | null = () => null;
  /** device|rule → the point's shelf. */
  private readonly shelves = new Map<string, repo.Shelf>();
  /** rule id → the rules whose active alarms suppress it (in the same building). */
  private readonly suppressedByRules = new Map<string, string[]>();
  private readonly rulesById = new Map<string, AlarmRule>();
  /** Alarms closed lately and their last version (cluster mode: an older copy of one must not reopen it). */
  private readonly closedVersions = new Map<number, number>();

  constructor(
    private readonly db: Db,
    private readonly twins: Twins,
    private readonly hub: RealtimeHub,
    rules: readonly AlarmRule[] = [],
  ) {
    for (const r of rules) {
      this.rulesById.set(r.id, r);
      for (const s of r.suppresses) this.suppressedByRules.set(s, [...(this.suppressedByRules.get(s) ?? []), r.id]);
    }
  }

  /** Loads open alarms and shelves into memory at start-up. */
  async load(): Promise<void> {
    for (const a of await repo.openAlarms(this.db)) {
      const twin = this.twins.get(a.compoundId);
      if (!twin) continue;
      this.remember(twin, a);
    }
    for (const s of await repo.allShelves(this.db)) this.shelves.set(alarmKey(s.deviceId, s.ruleId), s);
    for (const twin of this.twins.all()) this.refreshDeviceCounts(twin, Date.now());
  }

  /**
   * Cluster mode, on taking a compound over: its open alarms from the database, replacing what memory held.
   * An alarm the previous owner wrote but died before announcing is announced now (screens converge).
   */
  async reload(compoundId: string): Promise<void> {
    const twin = this.twins.get(compoundId);
    if (!twin) return;
    const open = (await repo.openAlarms(this.db)).filter((a) => a.compoundId === compoundId);
    await this.serial(async () => {
      const known = new Map([...twin.alarms.values()].map((a) => [a.id, a.version]));
      twin.alarms.clear();
      twin.activeByKey.clear();
      for (const a of open) {
        this.remember(twin, a);
        if ((known.get(a.id) ?? 0) < a.version) this.hub.emit(compoundId, 'alarm:updated', { alarm: a });
      }
      for (const s of await repo.allShelves(this.db)) if (s.compoundId === compoundId) this.shelves.set(alarmKey(s.deviceId, s.ruleId), s);
      for (const id of twin.live.states.keys()) twin.live.setAlarmCount(id, this.activeCount(twin, id), Date.now());
    });
  }

  /**
   * Cluster mode: an alarm another process changed (its event on the compound's stream). Memory follows when
   * the copy is newer; nothing is written or sent (that process did both).
   */
  applyRemote(a: Alarm): void {
    const twin = this.twins.get(a.compoundId);
    if (!twin) return;
    const known = twin.alarms.get(a.id)?.version ?? this.closedVersions.get(a.id);
    // processes publish in their own order: an older copy arriving after a newer one (even a closing one) changes nothing
    if (known !== undefined && known >= a.version) return;
    this.remember(twin, a);
    const key = alarmKey(a.deviceId, a.ruleId);
    if (a.shelvedUntil !== null && a.shelvedUntil > Date.now())
      this.shelves.set(key, {
        compoundId: a.compoundId,
        deviceId: a.deviceId,
        ruleId: a.ruleId,
        until: a.shelvedUntil,
        by: a.shelvedBy ?? '',
        comment: a.shelveComment ?? '',
      });
    else if (a.shelvedUntil === null) this.shelves.delete(key);
    twin.live.setAlarmCount(a.deviceId, this.activeCount(twin, a.deviceId), Date.now());
  }

  /** Whether (device, rule) is in alarm and its condition still holds (a latched alarm whose condition returned is not). */
  conditionActive(twin: Twin, deviceId: string, ruleId: string): boolean {
    const id = twin.activeByKey.get(alarmKey(deviceId, ruleId));
    return id !== undefined && twin.alarms.get(id)?.returnedAt === null;
  }

  /**
   * The condition holds: raises an alarm for (device, rule); bumps the active one; or reactivates the one that
   * returned to normal and was never acknowledged (one alarm to acknowledge, not one per recurrence).
   * `attach`: runs in the transaction that writes the row, before anyone is told (a camera event links its snapshot):
   * if it fails, nothing of the raise is stored or remembered, and the next raise starts afresh.
   */
  raise(device: Device, rule: AlarmRule, value: number | null, at: number, attach?: (alarm: Alarm, q: Queryable) => Promise<Alarm>): Promise<Alarm | null> {
    return this.serial(async () => {
      const twin = this.twins.ofDevice(device.id);
      if (!twin) return null;
      const key = alarmKey(device.id, rule.id);
      const activeId = twin.activeByKey.get(key);
      const write = async (q: Queryable): Promise<{ alarm: Alarm; event: 'alarm:raised' | 'alarm:updated' }> => {
        let alarm = activeId !== undefined ? await repo.bumpAlarm(q, activeId, value, at) : null;
        let event: 'alarm:raised' | 'alarm:updated' = 'alarm:updated';
        if (!alarm) {
          const returned = this.returnedUnacknowledged(twin, device.id, rule.id);
          alarm = returned ? await repo.reactivateAlarm(q, returned.id, value, at) : null;
          if (!alarm) {
            const buildingId = buildingOf(device);
            const sup = this.suppressionFor(twin, device.id, rule.id, buildingId);
            alarm = await repo.insertAlarm(q, {
              compoundId: twin.entry.doc.id,
              deviceId: device.id,
              deviceType: device.type,
              buildingId,
              ruleId: rule.id,
              severity: rule.severity,
              message: rule.message,
              value,
              at,
              latched: latches(rule),
              shelf: this.shelves.get(key) ?? null,
              suppressed: sup?.kind ?? null,
              suppressedBy: sup?.why ?? null,
            });
            event = 'alarm:raised';
          }
        }
        return { alarm: attach ? await attach(alarm, q) : alarm, event };
      };
      const { alarm, event } = attach ? await this.db.transaction(write) : await write(this.db);
      this.remember(twin, alarm);
      this.hub.emit(twin.entry.doc.id, event, { alarm });
      this.deviceChanged(twin, device.id, Date.now());
      // a reactivated alarm is suppressed if its device or building now calls for it
      if (event === 'alarm:updated') await this.resuppress(twin, alarm, at);
      await this.applyDesignSuppression(twin, alarm, at);
      return twin.alarms.get(alarm.id) ?? alarm;
    });
  }

  /**
   * The condition went away: a latched alarm records the return and stays active until a person clears it;
   * any other clears by itself, and if nobody acknowledged it, it stays open (returned, unacknowledged).
   */
  returned(deviceId: string, ruleId: string, at: number): Promise<Alarm | null> {
    const twin = this.twins.ofDevice(deviceId);
    const id = twin?.activeByKey.get(alarmKey(deviceId, ruleId));
    const cur = id === undefined ? undefined : twin!.alarms.get(id);
    // nothing to do (the hot path: most readings of an alarmed device change nothing)
    if (!twin || !cur || (cur.latched && cur.returnedAt !== null)) return Promise.resolve(null);
    return this.serial(async () => {
      const now = twin.alarms.get(cur.id);
      if (!now || !now.active) return null;
      const alarm = now.latched ? await repo.markReturned(this.db, now.id, at) : await repo.clearAlarm(this.db, now.id, null, null, at);
      if (!alarm) return null;
      this.publish(twin, alarm);
      await this.applyDesignSuppression(twin, alarm, at);
      return alarm;
    });
  }

  /** @deprecated name kept for callers outside the engine: the condition returned to normal. */
  autoClear(deviceId: string, ruleId: string, at: number): Promise<Alarm | null> {
    return this.returned(deviceId, ruleId, at);
  }

  /** `compounds`: the caller's scope (null: every compound); an alarm outside it is not found. */
  acknowledge(id: number, by: string, comment: string, compounds: readonly string[] | null = null): Promise<Alarm> {
    return this.serial(async () => {
      const cur = await this.mustGet(id, compounds);
      if (cur.acknowledged) throw new HttpError(409, `alarm ${id} is already acknowledged (by ${cur.ackBy})`);
      const alarm = await repo.acknowledgeAlarm(this.db, id, by, comment, Date.now());
      if (!alarm) throw new HttpError(409, `alarm ${id} is already acknowledged`);
      this.publish(this.twins.get(alarm.compoundId), alarm);
      return alarm;
    });
  }

  /** A person resets an active alarm (a latched one, or one they judge over); it is acknowledged with it if it was not. */
  clear(id: number, by: string, comment: string, confirm = false, compounds: readonly string[] | null = null): Promise<Alarm> {
    return this.serial(async () => {
      const cur = await this.mustGet(id, compounds);
      if (!cur.active) throw new HttpError(409, `alarm ${id} is already cleared`);
      if (!confirm && this.linkedOpenWorkOrder(id)) {
        throw new HttpError(409, `alarm ${id} has an open linked work order; repeat with "confirm": true to clear it anyway`, { needsConfirm: true });
      }
      const at = Date.now();
      const alarm = await this.db.transaction(async (q) => {
        if (!cur.acknowledged) await repo.acknowledgeAlarm(q, id, by, comment, at);
        return repo.clearAlarm(q, id, by, comment, at);
      });
      if (!alarm) throw new HttpError(409, `alarm ${id} is already cleared`);
      const twin = this.twins.get(alarm.compoundId);
      this.publish(twin, alarm);
      if (twin) await this.applyDesignSuppression(twin, alarm, at);
      return alarm;
    });
  }

  /**
   * Shelves the alarm's point (device and rule) for `minutes`: its open alarms and any new occurrence leave
   * attention until then, when they come back by themselves (`expireShelves`).
   */
  shelve(id: number, minutes: number, by: string, comment: string, compounds: readonly string[] | null = null, now = Date.now()): Promise<Alarm> {
    return this.serial(async () => {
      const cur = await this.mustGet(id, compounds);
      if (!isOpenAlarm(cur)) throw new HttpError(409, `alarm ${id} is closed (returned and acknowledged, or cleared): nothing to shelve`);
      if (cur.suppressed)
        throw new HttpError(
          409,
          `alarm ${id} is ${cur.suppressed === 'service' ? 'out of service' : 'suppressed'} (${cur.suppressedBy}): it does not call for attention, nothing to shelve`,
        );
      const shelf: repo.Shelf = { deviceId: cur.deviceId, ruleId: cur.ruleId, compoundId: cur.compoundId, until: now + minutes * 60_000, by, comment };
      const changed = await this.db.transaction((q) => repo.shelvePoint(q, shelf, now));
      this.shelves.set(alarmKey(cur.deviceId, cur.ruleId), shelf);
      const twin = this.twins.get(cur.compoundId);
      for (const a of changed) this.publish(twin, a);
      return changed.find((a) => a.id === id) ?? (await this.mustGet(id, compounds));
    });
  }

  unshelve(id: number, by: string, comment: string, compounds: readonly string[] | null = null, now = Date.now()): Promise<Alarm> {
    return this.serial(async () => {
      const cur = await this.mustGet(id, compounds);
      if (cur.shelvedUntil === null) throw new HttpError(409, `alarm ${id} is not shelved`);
      await this.unshelvePoint(cur.compoundId, cur.deviceId, cur.ruleId, by, comment, now);
      return this.mustGet(id, compounds);
    });
  }

  /** Brings back every point whose shelving time is up; returns how many alarms came back. */
  expireShelves(now = Date.now()): Promise<number> {
    const due = [...this.shelves.values()].filter((s) => s.until <= now && this.twins.isOwned(s.compoundId));
    if (!due.length) return Promise.resolve(0);
    return this.serial(async () => {
      let n = 0;
      for (const s of due) n += await this.unshelvePoint(s.compoundId, s.deviceId, s.ruleId, null, null, now);
      return n;
    });
  }

  /**
   * A device's maintenance changed (a work order started or ended): its active alarms go out of service or
   * come back (suppression by design still applies where its cause is active).
   */
  serviceChanged(deviceId: string, at = Date.now()): Promise<void> {
    const twin = this.twins.ofDevice(deviceId);
    if (!twin) return Promise.resolve();
    return this.serial(async () => {
      for (const a of [...twin.alarms.values()]) {
        if (a.deviceId !== deviceId || !a.active) continue;
        await this.resuppress(twin, a, at);
      }
    });
  }

  async get(id: number, compounds: readonly string[] | null = null): Promise<Alarm | null> {
    return repo.getAlarm(this.db, id, compounds);
  }

  private async mustGet(id: number, compounds: readonly string[] | null = null): Promise<Alarm> {
    const a = await repo.getAlarm(this.db, id, compounds);
    if (!a) throw new HttpError(404, `alarm ${id} not found`);
    return a;
  }

  private async unshelvePoint(compoundId: string, deviceId: string, ruleId: string, by: string | null, comment: string | null, at: number): Promise<number> {
    const changed = await this.db.transaction((q) => repo.unshelvePoint(q, deviceId, ruleId, by, comment, at));
    this.shelves.delete(alarmKey(deviceId, ruleId));
    const twin = this.twins.get(compoundId);
    for (const a of changed) this.publish(twin, a);
    return changed.length;
  }

  /** The unacknowledged, returned alarm of (device, rule) still open, if any. */
  private returnedUnacknowledged(twin: Twin, deviceId: string, ruleId: string): Alarm | undefined {
    for (const a of twin.alarms.values()) if (!a.active && !a.acknowledged && a.deviceId === deviceId && a.ruleId === ruleId) return a;
    return undefined;
  }

  /** Out of service (its device under maintenance) first, then suppression by design (an active cause in its building). */
  private suppressionFor(twin: Twin, deviceId: string, ruleId: string, buildingId: string | null): Suppression {
    const wo = this.maintenanceOf(deviceId);
    if (wo) return { kind: 'service', why: wo };
    const causes = this.suppressedByRules.get(ruleId);
    if (!causes || buildingId === null) return null;
    for (const a of twin.alarms.values()) {
      if (a.active && a.returnedAt === null && a.buildingId === buildingId && causes.includes(a.ruleId))
        return { kind: 'design', why: `alarm ${a.id} (${a.ruleId})` };
    }
    return null;
  }

  /** Sets an active alarm's suppression to what its device and building call for now. */
  private async resuppress(twin: Twin, a: Alarm, at: number): Promise<void> {
    const want = this.suppressionFor(twin, a.deviceId, a.ruleId, a.buildingId);
    if ((want?.kind ?? null) === a.suppressed && (want?.why ?? null) === a.suppressedBy) return;
    const next = await repo.setSuppression(this.db, a.id, want?.kind ?? null, want?.why ?? null, at);
    if (next) this.publish(twin, next);
  }

  /** After a cause changed (raised, returned, cleared): the alarms it suppresses in its building follow. */
  private async applyDesignSuppression(twin: Twin, cause: Alarm, at: number): Promise<void> {
    const rule = this.rulesById.get(cause.ruleId);
    if (!rule?.suppresses.length || cause.buildingId === null) return;
    for (const a of [...twin.alarms.values()]) {
      if (!a.active || a.buildingId !== cause.buildingId || !rule.suppresses.includes(a.ruleId)) continue;
      await this.resuppress(twin, a, at);
    }
  }

  private publish(twin: Twin | undefined, alarm: Alarm): void {
    if (!twin) return;
    this.remember(twin, alarm);
    this.hub.emit(alarm.compoundId, 'alarm:updated', { alarm });
    this.deviceChanged(twin, alarm.deviceId, Date.now());
  }

  private remember(twin: Twin, a: Alarm): void {
    const key = alarmKey(a.deviceId, a.ruleId);
    if (a.active) twin.activeByKey.set(key, a.id);
    else if (twin.activeByKey.get(key) === a.id) twin.activeByKey.delete(key);
    if (isOpenAlarm(a)) twin.alarms.set(a.id, a);
    else {
      twin.alarms.delete(a.id);
      this.closedVersions.set(a.id, a.version);
      if (this.closedVersions.size > 10_000) this.closedVersions.delete(this.closedVersions.keys().next().value!);
    }
  }

  /** A device shows "alarm" while one of its alarms is in alarm and calling for attention (not shelved, suppressed or returned). */
  private static showsAlarm(a: Alarm): boolean {
    return a.state === 'unack' || a.state === 'ack';
  }

  private activeCount(twin: Twin, deviceId: string): number {
    let n = 0;
    for (const a of twin.alarms.values()) if (a.deviceId === deviceId && AlarmsService.showsAlarm(a)) n++;
    return n;
  }

  private deviceChanged(twin: Twin, deviceId: string, now: number): void {
    const st = twin.live.setAlarmCount(deviceId, this.activeCount(twin, deviceId), now);
    if (st) this.hub.emit(twin.entry.doc.id, 'device:status', { changes: [{ deviceId, status: st, at: now }] });
  }

  private refreshDeviceCounts(twin: Twin, now: number): void {
    const counts = new Map<string, number>();
    for (const a of twin.alarms.values()) if (AlarmsService.showsAlarm(a)) counts.set(a.deviceId, (counts.get(a.deviceId) ?? 0) + 1);
    for (const [id, n] of counts) twin.live.setAlarmCount(id, n, now);
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.chain.then(fn, fn);
    this.chain = p.catch(() => undefined);
    return p;
  }
}
