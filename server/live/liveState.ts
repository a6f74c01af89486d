import type { Device, DeviceState, DeviceStatus } from '../../models';

/** Missed intervals after which a silent device counts as offline. */
export const OFFLINE_AFTER_INTERVALS = 3;

/** The live state of one compound's devices, in memory: the hot path never waits on the database for it. */
export class LiveState {
  readonly states = new Map<string, DeviceState>();
  /** Devices with an active alarm: how many active alarms each has. */
  private readonly alarmCount = new Map<string, number>();
  /** Devices with repair or inspection work in progress (set by the work-order service): they read 'maintenance'. */
  private readonly maintenance = new Set<string>();

  constructor(private readonly devices: Map<string, Device>) {
    for (const id of devices.keys()) this.states.set(id, { deviceId: id, status: 'offline', lastSeen: null, values: {} });
  }

  /** Records a reading; returns the new status if it changed. */
  applyReading(deviceId: string, metric: string, t: number, value: number, now: number): DeviceStatus | null {
    const s = this.states.get(deviceId);
    if (!s) return null;
    // Keep the newest value per metric even when readings arrive out of order.
    const prevT = s.lastSeen ?? -Infinity;
    if (!(metric in s.values) || t >= prevT) s.values[metric] = value;
    if (t > prevT) s.lastSeen = t;
    return this.recompute(deviceId, now);
  }

  setAlarmCount(deviceId: string, n: number, now: number): DeviceStatus | null {
    if (n > 0) this.alarmCount.set(deviceId, n);
    else this.alarmCount.delete(deviceId);
    return this.recompute(deviceId, now);
  }

  setMaintenance(deviceId: string, on: boolean, now: number): DeviceStatus | null {
    if (on) this.maintenance.add(deviceId);
    else this.maintenance.delete(deviceId);
    return this.recompute(deviceId, now);
  }

  /** Cluster mode: the status the compound's owner announced (its sweep decides offline, not a replica's clock). */
  setStatus(deviceId: string, status: DeviceStatus): void {
    const s = this.states.get(deviceId);
    if (s) s.status = status;
  }

  /** Re-derives a device's status; returns it when it changed, else null. */
  recompute(deviceId: string, now: number): DeviceStatus | null {
    const s = this.states.get(deviceId);
    const d = this.devices.get(deviceId);
    if (!s || !d) return null;
    let next: DeviceStatus;
    if (this.maintenance.has(deviceId)) next = 'maintenance';
    else if (this.alarmCount.has(deviceId)) next = 'alarm';
    else if (s.lastSeen !== null && now - s.lastSeen <= d.intervalS * 1000 * OFFLINE_AFTER_INTERVALS) next = 'online';
    else next = 'offline';
    if (next === s.status) return null;
    s.status = next;
    return next;
  }

  /** Devices whose silence just crossed the offline threshold. */
  sweep(now: number): { deviceId: string; status: DeviceStatus }[] {
    const out: { deviceId: string; status: DeviceStatus }[] = [];
    for (const id of this.states.keys()) {
      const st = this.recompute(id, now);
      if (st) out.push({ deviceId: id, status: st });
    }
    return out;
  }

  /** A device under maintenance counts as online: planned work is not an outage. */
  counts(): { total: number; online: number } {
    let online = 0;
    for (const s of this.states.values()) if (s.status !== 'offline') online++;
    return { total: this.states.size, online };
  }

  list(): DeviceState[] {
    return [...this.states.values()];
  }
}
