import { clampToRange, type Device } from '../../models';
import type { Episode, EpisodePlan } from './episodes';
import type { OutageSchedule } from './outages';
import { hashOf, readingsFor, type SimContext } from './profiles';
import { hashString, mix, Seeded, timeWord } from './seeded';

export interface SimReading {
  deviceId: string;
  metric: string;
  ts: number;
  value: number;
}

/**
 * How far back the first pass looks: a periodic report may stand for up to one interval (15 min) before now,
 * so the reports sent as episodes started or ended in that time go too (a door propped open before the start).
 */
const REPLAY_MS = 16 * 60_000;
/** Metrics that count what happened over an interval: an extra report between intervals leaves them out (or they would count twice). */
const PER_INTERVAL = new Set(['energy_kwh', 'water_m3', 'passes', 'vehicles', 'visits']);

/**
 * Plays one compound: which device reports what, when. Given the seed and the times it is called with, the
 * readings are always the same; the Simulator only hands them to ingest.
 */
export class CompoundPlayer {
  private readonly next = new Map<string, number>();
  private readonly keys = new Map<string, number>();
  private readonly byId = new Map<string, Device>();
  private readonly gen = new Seeded();
  private readonly ctx: SimContext;
  private last: number | null = null;

  constructor(
    readonly compoundId: string,
    readonly devices: readonly Device[],
    readonly outages: OutageSchedule,
    readonly episodes: EpisodePlan,
    private readonly opts: { seed: number; rate: number; timeZone?: string },
  ) {
    for (const d of devices) {
      this.keys.set(d.id, mix(opts.seed, hashString(d.id)));
      this.byId.set(d.id, d);
    }
    const meters = devices.filter((d) => d.type === 'water_meter' && d.households === 1);
    this.ctx = { rand: this.gen.next, leakingMeter: meters[Math.floor(meters.length / 3)]?.id ?? null, timeZone: opts.timeZone };
  }

  private intervalMs(d: Device): number {
    return Math.max(1_000, Math.round((d.intervalS * 1000) / this.opts.rate));
  }

  /** Normal-operation readings of `d` at `t`, with noise seeded by (seed, device, t). */
  private normal(d: Device, t: number, intervalS: number): [string, number][] {
    this.gen.reset(mix(this.keys.get(d.id)!, timeWord(t)));
    return readingsFor(d, t, intervalS, this.ctx).filter(([m]) => d.metrics.includes(m));
  }

  /** Readings due at `now` since the previous pass: periodic reports, and the reports devices send as an episode starts or ends. */
  pass(now: number): SimReading[] {
    const from = Math.max(this.last ?? -Infinity, now - REPLAY_MS);
    this.last = now;
    const eps = this.episodes.between(now - REPLAY_MS, now);
    const byDevice = new Map<string, Episode[]>();
    for (const e of eps) byDevice.set(e.deviceId, [...(byDevice.get(e.deviceId) ?? []), e]);
    const powerCuts = eps.filter((e) => e.silent);
    const dark = (id: string, t: number) => this.outages.dark(id, t) || powerCuts.some((e) => t >= e.start && t < e.end && e.silent!.has(id));
    const out: SimReading[] = [];
    const push = (deviceId: string, ts: number, values: Iterable<[string, number]>) => {
      for (const [metric, value] of values) out.push({ deviceId, metric, ts, value: clampToRange(metric, value) });
    };

    for (const e of eps) {
      const d = this.byId.get(e.deviceId)!;
      const own = ([m]: [string, number]) => d.metrics.includes(m);
      if (e.start > from && e.start <= now && !dark(d.id, e.start)) push(d.id, e.start, Object.entries(e.values).filter(own));
      if (e.end > from && e.end <= now) {
        // Power back: the building's devices report first, so their offline alarms clear while the cut still explains them.
        for (const id of e.silent ?? []) {
          if (!this.outages.dark(id, e.end))
            push(
              id,
              e.end,
              this.normal(this.byId.get(id)!, e.end, 60).filter(([m]) => !PER_INTERVAL.has(m)),
            );
        }
        if (!dark(d.id, e.end))
          push(d.id, e.end, e.after ? Object.entries(e.after).filter(own) : this.normal(d, e.end, d.intervalS).filter(([m]) => m in e.values));
      }
    }

    for (const d of this.devices) {
      const iv = this.intervalMs(d);
      let due = this.next.get(d.id);
      if (due !== undefined && due > now) continue;
      // Each device reports on its own fixed grid; first, or after a stall, from its latest point (not every missed one).
      if (due === undefined || due <= now - iv) {
        const phase = Math.floor(hashOf(d.id) * iv);
        due = Math.floor((now - phase) / iv) * iv + phase;
      }
      this.next.set(d.id, due + iv);
      if (dark(d.id, due)) continue;
      push(d.id, due, this.withEpisodes(d, due, iv, this.normal(d, due, iv / 1000), byDevice.get(d.id)));
    }
    return out;
  }

  /** Hourly (or `intervalS`) history of every device at `t`: normal operation, outages and quiet spells, no fault events. */
  history(t: number, intervalS: number): SimReading[] {
    const states = this.episodes.background(t, t, true);
    const out: SimReading[] = [];
    for (const d of this.devices) {
      if (this.outages.dark(d.id, t)) continue;
      const rs = this.withEpisodes(
        d,
        t,
        intervalS * 1000,
        this.normal(d, t, intervalS),
        states.filter((e) => e.deviceId === d.id),
      );
      for (const [metric, value] of rs) out.push({ deviceId: d.id, metric, ts: t, value: clampToRange(metric, value) });
    }
    return out;
  }

  /** The episodes' values over the normal ones; a power cut also takes its share off the interval's energy. */
  private withEpisodes(d: Device, t: number, ivMs: number, rs: [string, number][], eps: Episode[] | undefined): [string, number][] {
    if (!eps?.length) return rs;
    return rs.map(([m, v]) => {
      for (const e of eps) {
        if (e.kind === 'power_loss' && m === 'energy_kwh') {
          const cut = Math.max(0, Math.min(t, e.end) - Math.max(t - ivMs, e.start));
          v *= 1 - Math.min(1, cut / ivMs);
        } else if (m === 'energy_kwh' && 'power_kw' in e.values && t >= e.start && t < e.end) {
          v = (e.values.power_kw * ivMs) / 3_600_000;
        } else if (t >= e.start && t < e.end && m in e.values) v = e.values[m];
      }
      return [m, v];
    });
  }
}
