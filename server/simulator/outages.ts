import type { Device, DeviceType } from '../../models';
import { OFFLINE_AFTER_INTERVALS } from '../live/liveState';
import { hashString, mix, Seeded } from './seeded';

const MIN = 60_000;
/** Each flaky device gets at most one outage per slot; slots are staggered per device. */
const SLOT_MS = 6 * 60 * MIN;

/**
 * How likely a device of each type is to be dark, relative to the others: networked cameras, screens and
 * speakers drop most, radio meters and detectors now and then; hydrant monitors and building meters are not
 * flaky here (their silence is an incident of its own: see the power-loss episode).
 */
const WEIGHT: Partial<Record<DeviceType, number>> = {
  camera: 6,
  info_screen: 8,
  broadcast_speaker: 5,
  ebike_charger: 1,
  parking_gate: 1,
  health_kiosk: 1,
  env_sensor: 1,
  electronic_fence: 0.5,
  access_gate: 0.5,
  smoke_detector: 0.3,
  elderly_sensor: 0.1,
};
const HOUSEHOLD_METER_WEIGHT = 0.7;
/**
 * Types whose silence raises an alarm (the offline.* rules in data/rules/default.json). Their outages only
 * begin after the simulator starts: a demo that opened with every outage already under way would open with
 * a burst of offline alarms. Screens, flats' meters and chargers may already be dark at the start.
 */
const ALARMED_WHEN_SILENT = new Set<DeviceType>(['camera', 'broadcast_speaker', 'smoke_detector', 'electronic_fence', 'access_gate', 'elderly_sensor']);

interface Flaky {
  key: number;
  /** Outages begin at or after this time (alarmed types: the start). */
  since: number;
  /** Chance of an outage in a slot. */
  p: number;
  /** How long the console shows it offline: [min, max] ms. */
  shown: [number, number];
  /** Silence before the console calls it offline. */
  lagMs: number;
  phase: number;
}

/**
 * Speakers and screens that never answer while the simulator plays (a blown amplifier, a dead screen, a cut
 * cable): about 2 × `share` of them (4 % at the default 2 %), so the console shows offline ones in every broadcast.
 * The demo names two in 雅广新村 buildings 4 and 3 (where its evacuation drill is sent); the rest are drawn from
 * the seed. None when `share` is 0 (tests that count online devices).
 */
export const DEMO_SILENT: Readonly<Record<string, readonly string[]>> = { 'yaguang-xincun': ['yg-b4-u2-spk', 'yg-b3-u3-screen'] };
const SILENT_TYPES = new Set<DeviceType>(['broadcast_speaker', 'info_screen']);

export function silentDevices(compoundId: string, devices: readonly Device[], share: number, seed: number): Set<string> {
  const out = new Set<string>();
  if (share <= 0) return out;
  const candidates = devices.filter((d) => SILENT_TYPES.has(d.type));
  const want = Math.round(Math.min(0.1, 2 * share) * candidates.length);
  const ids = new Set(candidates.map((d) => d.id));
  for (const id of DEMO_SILENT[compoundId] ?? []) if (ids.has(id) && out.size < Math.max(want, 1)) out.add(id);
  const ranked = candidates
    .map((d) => ({ id: d.id, key: mix(mix(seed, 0x5113e47), hashString(d.id)) }))
    .sort((a, b) => a.key - b.key || (a.id < b.id ? -1 : 1));
  for (const r of ranked) {
    if (out.size >= want) break;
    out.add(r.id);
  }
  return out;
}

const ALWAYS: [number, number] = [-Infinity, Infinity];

const weightOf = (d: Device): number =>
  d.type === 'electric_meter' || d.type === 'water_meter' ? (d.households === 1 ? HOUSEHOLD_METER_WEIGHT : 0) : (WEIGHT[d.type] ?? 0);

/**
 * Which devices of a compound are dark when: a pure function of seed, device and time. On average `share`
 * of all devices show offline (silent past the console's threshold), each outage lasting tens of minutes
 * to a few hours and then ending.
 */
export class OutageSchedule {
  private readonly flaky = new Map<string, Flaky>();
  private readonly gen = new Seeded();

  /** `since`: when the simulator started (default: outages at any time, the steady state); `silent`: devices dark all the time (silentDevices). */
  constructor(
    devices: readonly Device[],
    share: number,
    private readonly seed: number,
    since = -Infinity,
    private readonly silent: ReadonlySet<string> = new Set(),
  ) {
    const weights = devices.reduce((s, d) => s + weightOf(d), 0);
    if (share <= 0 || weights === 0) return;
    // Visible-offline fraction per unit weight, so the expected count is share × devices.
    const k = (share * devices.length) / weights;
    for (const d of devices) {
      const w = weightOf(d);
      if (w === 0) continue;
      const fast = d.intervalS <= 120;
      const shown: [number, number] = fast ? [30 * MIN, 150 * MIN] : [60 * MIN, 180 * MIN];
      const mean = (shown[0] + shown[1]) / 2;
      const key = hashString(d.id);
      this.flaky.set(d.id, {
        key,
        since: ALARMED_WHEN_SILENT.has(d.type) ? since : -Infinity,
        p: Math.min(1, (k * w * SLOT_MS) / mean),
        shown,
        lagMs: OFFLINE_AFTER_INTERVALS * d.intervalS * 1000,
        phase: (key % 3600) * 6_000,
      });
    }
  }

  /** The device's silent window in the slot holding `t`, if it has one there. */
  window(id: string, t: number): [number, number] | null {
    if (this.silent.has(id)) return ALWAYS;
    const f = this.flaky.get(id);
    if (!f) return null;
    const slot = Math.floor((t - f.phase) / SLOT_MS);
    const r = this.gen.reset(mix(mix(this.seed, f.key), slot)).next;
    if (r() >= f.p) return null;
    // Silent for the lag plus the time shown offline, placed anywhere inside the slot.
    const silence = f.lagMs + f.shown[0] + r() * (f.shown[1] - f.shown[0]);
    const start = Math.round(slot * SLOT_MS + f.phase + r() * (SLOT_MS - silence));
    return start >= f.since ? [start, Math.round(start + silence)] : null;
  }

  /** Silent at `t`: sends nothing. */
  dark(id: string, t: number): boolean {
    const w = this.window(id, t);
    return w !== null && t >= w[0] && t < w[1];
  }

  /** Silent long enough at `t` that the console shows it offline. */
  shownOffline(id: string, t: number): boolean {
    if (this.silent.has(id)) return true;
    const w = this.window(id, t);
    return w !== null && t >= w[0] + this.flaky.get(id)!.lagMs && t < w[1];
  }

  /** Dark at any moment in [from, to]. */
  darkDuring(id: string, from: number, to: number): boolean {
    if (this.silent.has(id)) return true;
    const f = this.flaky.get(id);
    if (!f) return false;
    for (let t = from; ; t += SLOT_MS) {
      const w = this.window(id, Math.min(t, to));
      if (w && w[0] <= to && w[1] > from) return true;
      if (t >= to) return false;
    }
  }
}
