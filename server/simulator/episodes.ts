import type { Device, DeviceType } from '../../models';
import type { OutageSchedule } from './outages';
import { localHour } from './profiles';
import { hashString, mix, seeded, type Rand } from './seeded';

const S = 1_000;
const MIN = 60 * S;
const HOUR = 60 * MIN;

export type EpisodeKind = 'hydrant_dip' | 'charger_overpower' | 'door_held_open' | 'fence_breach' | 'smoke' | 'pm25' | 'elderly_quiet' | 'power_loss';

/** Something that goes wrong for a while on one device, then ends. */
export interface Episode {
  kind: EpisodeKind;
  deviceId: string;
  start: number;
  end: number;
  /** Values that replace the device's normal ones while it lasts; the device also reports them the moment it starts. */
  values: Record<string, number>;
  /** What it reports the moment it ends; unset: its normal values. */
  after?: Record<string, number>;
  /** Devices silent while it lasts (a building without power). */
  silent?: ReadonlySet<string>;
}

interface Spec {
  kind: EpisodeKind;
  type: DeviceType;
  slotMs: number;
  /** Chance of one episode in a slot starting at local hour `h`. */
  chance: (h: number) => number;
  durMs: [number, number];
  values: (r: Rand) => Record<string, number>;
  after?: Record<string, number>;
  /** Also in the backfilled history (a state, not an event). */
  history?: boolean;
}

const isNight = (h: number): boolean => h >= 22 || h < 5;

/**
 * The background mix, per compound. Rates keep a compound's episode alarms to a couple an hour; offline
 * devices (outages.ts) add the rest. Durations are sized against the rules in data/rules/default.json.
 */
const SPECS: Spec[] = [
  // pump switch-over or a hydrant opened: below 0.15 MPa long enough (30 s) to alarm, then back
  {
    kind: 'hydrant_dip',
    type: 'hydrant_pressure',
    slotMs: HOUR,
    chance: () => 0.3,
    durMs: [40 * S, 90 * S],
    values: (r) => ({ pressure_mpa: 0.05 + r() * 0.07 }),
  },
  // an unsafe battery pack draws past 1.5 kW for minutes, mostly when everybody charges in the evening
  {
    kind: 'charger_overpower',
    type: 'ebike_charger',
    slotMs: HOUR,
    chance: (h) => 0.08 + 0.35 * Math.exp(-((h - 21) ** 2) / 8),
    durMs: [2 * MIN, 6 * MIN],
    values: (r) => ({ charging: 1, power_kw: 1.6 + r() * 0.6 }),
  },
  // a unit door propped open past the 5-minute rule (moving furniture, deliveries)
  {
    kind: 'door_held_open',
    type: 'access_gate',
    slotMs: HOUR,
    chance: (h) => (h >= 7 && h < 21 ? 0.3 : 0.05),
    durMs: [6 * MIN, 15 * MIN],
    values: () => ({ door_open: 1 }),
    after: { door_open: 0 },
  },
  // intrusions: mostly at night
  {
    kind: 'fence_breach',
    type: 'electronic_fence',
    slotMs: HOUR,
    chance: (h) => (isNight(h) ? 0.45 : h >= 18 || h < 7 ? 0.06 : 0.02),
    durMs: [10 * S, 40 * S],
    values: () => ({ breach: 1 }),
    after: { breach: 0 },
  },
  // cooking smoke, rare
  {
    kind: 'smoke',
    type: 'smoke_detector',
    slotMs: 6 * HOUR,
    chance: () => 0.15,
    durMs: [1 * MIN, 4 * MIN],
    values: (r) => ({ smoke: 1, smoke_obscuration: 4 + r() * 3 }),
    after: { smoke: 0, smoke_obscuration: 0.1 },
  },
  // haze or a construction site next door: PM2.5 over 150 for longer than the 10-minute rule
  { kind: 'pm25', type: 'env_sensor', slotMs: 6 * HOUR, chance: () => 0.4, durMs: [20 * MIN, 60 * MIN], values: (r) => ({ pm25: 160 + Math.round(r() * 60) }) },
  // an elderly resident alone without motion past the 12-hour rule, until a visit
  {
    kind: 'elderly_quiet',
    type: 'elderly_sensor',
    slotMs: 24 * HOUR,
    chance: () => 0.5,
    durMs: [12.5 * HOUR, 14 * HOUR],
    values: () => ({ motion: 0 }),
    after: { motion: 1 },
    history: true,
  },
];
/** A building's supply fails: its main meter reads 0 kW, its public meters, gates and flats' meters go silent. */
const POWER: Spec = { kind: 'power_loss', type: 'electric_meter', slotMs: HOUR, chance: () => 0.5, durMs: [4 * MIN, 8 * MIN], values: () => ({ power_kw: 0 }) };

interface Building {
  mainMeter: string;
  silent: ReadonlySet<string>;
}

/**
 * The episodes of one compound: a pure function of seed, compound, time and when the demo started. The
 * opening (the first minutes after `startedAt`) shows one alarm of every severity and lets them end; after
 * it a seeded background mix plays, in slots of absolute time.
 */
export class EpisodePlan {
  private readonly byType = new Map<DeviceType, Device[]>();
  private readonly buildings: Building[] = [];
  private readonly key: number;
  readonly opening: Episode[];

  constructor(
    readonly compoundId: string,
    devices: readonly Device[],
    seed: number,
    readonly startedAt: number,
    private readonly outages: OutageSchedule,
    /** The compound's time zone: night-time episodes follow its clock. */
    private readonly timeZone?: string,
  ) {
    this.key = mix(seed, hashString(compoundId));
    for (const d of devices) {
      const list = this.byType.get(d.type) ?? [];
      list.push(d);
      this.byType.set(d.type, list);
    }
    for (const m of devices) {
      if (m.type !== 'electric_meter' || m.households === 1 || m.placement.kind !== 'building') continue;
      const b = m.placement.buildingId;
      const powered = (d: Device) =>
        d.placement.kind === 'building' &&
        d.placement.buildingId === b &&
        (d.type === 'public_meter' || d.type === 'access_gate' || (d.type === 'electric_meter' && d.households === 1));
      this.buildings.push({ mainMeter: m.id, silent: new Set(devices.filter(powered).map((d) => d.id)) });
    }
    this.opening = this.openingAt(startedAt);
  }

  /** Every episode overlapping [from, to]. */
  between(from: number, to: number): Episode[] {
    return [...this.background(from, to), ...this.opening.filter((e) => e.start <= to && e.end > from)];
  }

  /** Background episodes overlapping [from, to]; `history`: only the states that belong in backfilled history. */
  background(from: number, to: number, history = false): Episode[] {
    const out: Episode[] = [];
    for (const spec of history ? SPECS.filter((s) => s.history) : [...SPECS, POWER]) {
      for (let slot = Math.floor(from / spec.slotMs); slot <= Math.floor(to / spec.slotMs); slot++) {
        const e = this.inSlot(spec, slot);
        if (e && e.start <= to && e.end > from) out.push(e);
      }
    }
    return out;
  }

  private inSlot(spec: Spec, slot: number): Episode | null {
    const r = seeded(mix(mix(this.key, hashString(spec.kind)), slot));
    const slotStart = slot * spec.slotMs;
    if (r() >= spec.chance(localHour(slotStart, this.timeZone))) return null;
    const dur = spec.durMs[0] + r() * (spec.durMs[1] - spec.durMs[0]);
    const start = Math.round(slotStart + r() * (spec.slotMs - dur));
    const end = Math.round(start + dur);
    if (spec.kind === 'power_loss') {
      const b = this.buildings[Math.floor(r() * this.buildings.length)];
      return b ? { kind: 'power_loss', deviceId: b.mainMeter, start, end, values: spec.values(r), silent: b.silent } : null;
    }
    const list = this.byType.get(spec.type);
    if (!list?.length) return null;
    return { kind: spec.kind, deviceId: list[Math.floor(r() * list.length)].id, start, end, values: spec.values(r), after: spec.after };
  }

  /**
   * The demo's first minutes, against the rules' durations: PM2.5 high since 8 min before (warning at +2 min),
   * a hydrant dip (critical at +50 s, back at +95 s), a charger over 1.5 kW (major at +70 s, back at +4 min),
   * a door propped open 100 s before (minor at +3 min 20 s, closed at +7 min), and at night a fence breach.
   */
  private openingAt(t0: number): Episode[] {
    const r = seeded(mix(this.key, 0x0be11));
    const plan: [EpisodeKind, DeviceType, number, number, Record<string, number>, Record<string, number>?][] = [
      ['pm25', 'env_sensor', -8 * MIN, 14 * MIN, { pm25: 170 + Math.round(r() * 30) }],
      ['hydrant_dip', 'hydrant_pressure', 20 * S, 95 * S, { pressure_mpa: 0.06 + r() * 0.04 }],
      ['charger_overpower', 'ebike_charger', 10 * S, 250 * S, { charging: 1, power_kw: 1.7 + r() * 0.3 }],
      ['door_held_open', 'access_gate', -100 * S, 7 * MIN, { door_open: 1 }, { door_open: 0 }],
    ];
    if (isNight(localHour(t0, this.timeZone))) plan.push(['fence_breach', 'electronic_fence', 45 * S, 65 * S, { breach: 1 }, { breach: 0 }]);
    const out: Episode[] = [];
    for (const [kind, type, from, to, values, after] of plan) {
      const start = t0 + from;
      const end = t0 + to;
      const id = this.quietDevice(type, start, end, r);
      if (id) out.push({ kind, deviceId: id, start, end, values, after });
    }
    return out;
  }

  /** A seeded pick among devices of `type` that nothing else touches in [from, to] (no outage, no power loss, no episode). */
  private quietDevice(type: DeviceType, from: number, to: number, r: Rand): string | null {
    const list = this.byType.get(type) ?? [];
    const busy = new Set<string>();
    for (const e of this.background(from, to)) {
      busy.add(e.deviceId);
      for (const id of e.silent ?? []) busy.add(id);
    }
    const first = Math.floor(r() * list.length);
    for (let i = 0; i < list.length; i++) {
      const d = list[(first + i) % list.length];
      if (!busy.has(d.id) && !this.outages.darkDuring(d.id, from, to)) return d.id;
    }
    return null;
  }
}
