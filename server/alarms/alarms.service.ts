import type { Alarm, AlarmRule, Device } from '../../models';
import type { Db } from '../db/db';
import * as repo from '../db/alarms.repo';
import type { RealtimeHub } from '../realtime/hub';
import { buildingOf } from '../compounds/registry';
import { alarmKey, type Twin, type Twins } from '../live/twins';
import { HttpError } from '../http/errors';

/** Raises, repeats, acknowledges and clears alarms: database first, then memory, then every screen. */
export class AlarmsService {
  private chain: Promise<unknown> = Promise.resolve();
  /** Checks that clearing with an open linked work order was confirmed (set by the work-order service). */
  linkedOpenWorkOrder: (alarmId: number) => boolean = () => false;

  constructor(private readonly db: Db, private readonly twins: Twins, private readonly hub: RealtimeHub) {}

  /** Loads open alarms into memory at start-up. */
  async load(): Promise<void> {
    for (const a of await repo.openAlarms(this.db)) {
      const twin = this.twins.get(a.compoundId);
      if (!twin) continue;
      this.remember(twin, a);
    }
    for (const twin of this.twins.all()) this.refreshDeviceCounts(twin, Date.now());
  }

  /** Raises an alarm for (device, rule), or bumps the count of the one already active. */
  raise(device: Device, rule: AlarmRule, value: number | null, at: number): Promise<Alarm | null> {
    return this.serial(async () => {
      const twin = this.twins.ofDevice(device.id);
      if (!twin) return null;
      const existing = twin.activeByKey.get(alarmKey(device.id, rule.id));
      const alarm =
        existing !== undefined
          ? await repo.bumpAlarm(this.db, existing, value, at)
          : await repo.insertAlarm(this.db, {
              compoundId: twin.entry.doc.id,
              deviceId: device.id,
              deviceType: device.type,
              buildingId: buildingOf(device),
              ruleId: rule.id,
              severity: rule.severity,
              message: rule.message,
              value,
              at,
            });
      this.remember(twin, alarm);
      this.hub.emit(twin.entry.doc.id, existing !== undefined ? 'alarm:updated' : 'alarm:raised', { alarm });
      this.deviceChanged(twin, device.id, Date.now());
      return alarm;
    });
  }

  /** Clears the active alarm of (device, rule) because the condition went away. */
  autoClear(deviceId: string, ruleId: string, at: number): Promise<Alarm | null> {
    return this.serial(async () => {
      const twin = this.twins.ofDevice(deviceId);
      const id = twin?.activeByKey.get(alarmKey(deviceId, ruleId));
      if (!twin || id === undefined) return null;
      const alarm = await repo.clearAlarm(this.db, id, null, null, at);
      if (alarm) this.publish(twin, alarm);
      return alarm;
    });
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

  clear(id: number, by: string, comment: string, confirm = false, compounds: readonly string[] | null = null): Promise<Alarm> {
    return this.serial(async () => {
      const cur = await this.mustGet(id, compounds);
      if (!cur.active) throw new HttpError(409, `alarm ${id} is already cleared`);
      if (!confirm && this.linkedOpenWorkOrder(id)) {
        throw new HttpError(409, `alarm ${id} has an open linked work order; repeat with "confirm": true to clear it anyway`, { needsConfirm: true });
      }
      const alarm = await repo.clearAlarm(this.db, id, by, comment, Date.now());
      if (!alarm) throw new HttpError(409, `alarm ${id} is already cleared`);
      this.publish(this.twins.get(alarm.compoundId), alarm);
      return alarm;
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
    if (a.active || !a.acknowledged) twin.alarms.set(a.id, a);
    else twin.alarms.delete(a.id);
  }

  private activeCount(twin: Twin, deviceId: string): number {
    let n = 0;
    for (const a of twin.alarms.values()) if (a.active && a.deviceId === deviceId) n++;
    return n;
  }

  private deviceChanged(twin: Twin, deviceId: string, now: number): void {
    const st = twin.live.setAlarmCount(deviceId, this.activeCount(twin, deviceId), now);
    if (st) this.hub.emit(twin.entry.doc.id, 'device:status', { changes: [{ deviceId, status: st, at: now }] });
  }

  private refreshDeviceCounts(twin: Twin, now: number): void {
    const counts = new Map<string, number>();
    for (const a of twin.alarms.values()) if (a.active) counts.set(a.deviceId, (counts.get(a.deviceId) ?? 0) + 1);
    for (const [id, n] of counts) twin.live.setAlarmCount(id, n, now);
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.chain.then(fn, fn);
    this.chain = p.catch(() => undefined);
    return p;
  }
}
