import { createStore } from 'zustand/vanilla';
import type { DeviceState, DeviceStatus, ReadingTuple } from '../../models/reading';
import type { DeviceAt, ReadingAt } from '../../models/replay';
import { throughGate } from './liveGate';

/** Live state of one device, mutated in place as readings arrive. */
export interface DeviceLive {
  status: DeviceStatus;
  lastSeen: number | null;
  values: Record<string, number>;
}

/**
 * Transient live values: readings land here at several batches a second and must never re-render
 * React. The scene reads it in useFrame with getState(); panels subscribe into refs and write DOM.
 * `changedReadings` / `changedStatus` name what the latest update touched ('*' = everything).
 */
export interface LiveState {
  devices: Map<string, DeviceLive>;
  readingRev: number;
  statusRev: number;
  lastEventAt: number;
  changedReadings: readonly string[];
  changedStatus: readonly string[];
}

export const ALL_CHANGED: readonly string[] = ['*'];

export const liveStore = createStore<LiveState>()(() => ({
  devices: new Map(),
  readingRev: 0,
  statusRev: 0,
  lastEventAt: 0,
  changedReadings: [],
  changedStatus: [],
}));

function entry(devices: Map<string, DeviceLive>, id: string): DeviceLive {
  let d = devices.get(id);
  if (!d) {
    d = { status: 'offline', lastSeen: null, values: {} };
    devices.set(id, d);
  }
  return d;
}

/** Replaces every device's state (initial load or a server snapshot); held or dropped while replaying (liveGate). */
export function applyDeviceStates(states: readonly DeviceState[], now = Date.now()): void {
  throughGate(() => resetDeviceStates(states, now));
}

/** Replaces every device's state whatever the gate says: the resync after a replay. */
export function resetDeviceStates(states: readonly DeviceState[], now = Date.now()): void {
  const devices = new Map<string, DeviceLive>();
  for (const s of states) devices.set(s.deviceId, { status: s.status, lastSeen: s.lastSeen, values: { ...s.values } });
  const st = liveStore.getState();
  liveStore.setState({
    devices,
    readingRev: st.readingRev + 1,
    statusRev: st.statusRev + 1,
    lastEventAt: now,
    changedReadings: ALL_CHANGED,
    changedStatus: ALL_CHANGED,
  });
}

/** Applies a coalesced reading batch; a device seen reporting counts as seen at the reading's time. */
export function applyReadings(readings: readonly ReadingTuple[], now = Date.now()): void {
  throughGate(() => writeReadings(readings, now));
}

function writeReadings(readings: readonly ReadingTuple[], now: number): void {
  const st = liveStore.getState();
  const changed: string[] = [];
  for (const [deviceId, metric, ts, value] of readings) {
    const d = entry(st.devices, deviceId);
    d.values[metric] = value;
    if (d.lastSeen === null || ts > d.lastSeen) d.lastSeen = ts;
    changed.push(deviceId);
  }
  liveStore.setState({ readingRev: st.readingRev + 1, lastEventAt: now, changedReadings: changed });
}

export function applyStatusChanges(changes: readonly { deviceId: string; status: DeviceStatus; at: number }[], now = Date.now()): void {
  throughGate(() => writeStatusChanges(changes, now));
}

function writeStatusChanges(changes: readonly { deviceId: string; status: DeviceStatus; at: number }[], now: number): void {
  const st = liveStore.getState();
  const changed: string[] = [];
  for (const c of changes) {
    const d = entry(st.devices, c.deviceId);
    if (d.status === c.status) continue;
    d.status = c.status;
    changed.push(c.deviceId);
  }
  liveStore.setState({ statusRev: st.statusRev + (changed.length ? 1 : 0), lastEventAt: now, changedStatus: changed });
}

/** Shows devices as they were at a past moment (replay): only the ones whose status differs are repainted. */
export function showReplayStatuses(devices: readonly DeviceAt[]): void {
  const st = liveStore.getState();
  const changed: string[] = [];
  for (const d of devices) {
    const e = entry(st.devices, d.deviceId);
    e.lastSeen = d.lastSeen;
    if (e.status === d.status) continue;
    e.status = d.status;
    changed.push(d.deviceId);
  }
  liveStore.setState({ statusRev: st.statusRev + (changed.length ? 1 : 0), changedStatus: changed });
}

/**
 * Replay: the readings the console shows are those at the replayed moment. Entering replay forgets the live
 * values (no present number may pass for a past one); each answer writes the asked devices' last readings at or
 * before the moment (`lastSeen` from them). The resync after the replay restores the live values.
 */
export function clearValuesForReplay(): void {
  const st = liveStore.getState();
  for (const d of st.devices.values()) d.values = {};
  liveStore.setState({ readingRev: st.readingRev + 1, changedReadings: ALL_CHANGED });
}

export function showReplayReadings(deviceIds: readonly string[], readings: readonly ReadingAt[]): void {
  if (deviceIds.length === 0) return;
  const st = liveStore.getState();
  for (const id of deviceIds) {
    const d = entry(st.devices, id);
    d.values = {};
    d.lastSeen = null;
  }
  for (const r of readings) {
    const d = entry(st.devices, r.deviceId);
    d.values[r.metric] = r.value;
    if (d.lastSeen === null || r.ts > d.lastSeen) d.lastSeen = r.ts;
  }
  liveStore.setState({ readingRev: st.readingRev + 1, changedReadings: deviceIds });
}

export function touchLive(now = Date.now()): void {
  liveStore.setState({ lastEventAt: now });
}

export function statusOf(deviceId: string): DeviceStatus | null {
  return liveStore.getState().devices.get(deviceId)?.status ?? null;
}
