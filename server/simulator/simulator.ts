import type { Device } from '../../models';
import type { IngestService } from '../ingest/ingest.service';
import type { Twins } from '../live/twins';
import { hashOf, readingsFor, type SimContext } from './profiles';

export interface SimulatorOptions {
  /** Real milliseconds between passes. */
  tickMs: number;
  /** Devices report this many times more often than their nominal interval (1 = realistic). */
  rate: number;
  /** Days of history to write on start when a compound has no readings yet. */
  backfillDays: number;
  /** Share of devices that drop offline for a while (0..1). */
  flakyShare: number;
}

const DEFAULTS: SimulatorOptions = { tickMs: 2_000, rate: 1, backfillDays: 0, flakyShare: 0.01 };
const BATCH = 5_000;

/** Plays the devices of every compound through the real ingest path: curves, peaks, rare faults and outages. */
export class Simulator {
  readonly opts: SimulatorOptions;
  private timer: NodeJS.Timeout | null = null;
  private readonly next = new Map<string, number>();
  private readonly outageUntil = new Map<string, number>();
  private seed = 0x9e3779b9;
  private readonly ctx: SimContext;
  private busy = false;
  sent = 0;

  constructor(private readonly twins: Twins, private readonly ingest: IngestService, opts: Partial<SimulatorOptions> = {}, private readonly log: (m: string) => void = console.log) {
    this.opts = { ...DEFAULTS, ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) };
    this.ctx = { rand: () => this.rand(), drops: new Map(), leakingMeter: null, events: true };
  }

  private rand(): number {
    // mulberry32: cheap and good enough for plausible noise.
    let t = (this.seed += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  private intervalMs(d: Device): number {
    return Math.max(1_000, (d.intervalS * 1000) / this.opts.rate);
  }

  async start(): Promise<void> {
    for (const twin of this.twins.all()) {
      const meters = twin.entry.doc.devices.filter((d) => d.type === 'water_meter' && d.households === 1);
      this.ctx.leakingMeter ??= meters[Math.floor(meters.length / 3)]?.id ?? null;
      const empty = [...twin.live.states.values()].every((s) => s.lastSeen === null);
      if (empty && this.opts.backfillDays > 0) await this.backfill(twin.entry.doc.id, twin.entry.doc.devices, this.opts.backfillDays);
    }
    this.timer = setInterval(() => void this.tick(), this.opts.tickMs);
    this.timer.unref();
    await this.tick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Writes `days` of history (hourly for meters and sensors) through ingest, rare events off. */
  async backfill(compoundId: string, devices: Device[], days: number): Promise<number> {
    const t0 = Date.now();
    // Hourly points ending just before now, so devices start out online.
    const end = t0 - 60_000;
    const ctx: SimContext = { ...this.ctx, events: false };
    let batch: unknown[] = [];
    let n = 0;
    const flush = async () => {
      if (!batch.length) return;
      const r = await this.ingest.ingest(compoundId, batch);
      n += r.accepted;
      batch = [];
    };
    for (let t = end - days * 86_400_000; t <= end; t += 3_600_000) {
      for (const d of devices) {
        for (const [metric, value] of readingsFor(d, t, 3600, ctx)) {
          if (!d.metrics.includes(metric)) continue;
          batch.push({ deviceId: d.id, metric, ts: t, value });
          if (batch.length >= BATCH) await flush();
        }
      }
    }
    await flush();
    this.log(`[simulator] backfilled ${n} readings over ${days} days for ${compoundId} in ${Date.now() - t0} ms`);
    return n;
  }

  /** One pass: every device whose next report is due sends it (skipped while in a simulated outage). */
  async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const now = Date.now();
      for (const twin of this.twins.all()) {
        const batch: unknown[] = [];
        for (const d of twin.entry.doc.devices) {
          const iv = this.intervalMs(d);
          let due = this.next.get(d.id);
          if (due === undefined) due = now - iv + Math.floor(hashOf(d.id) * iv);
          if (due > now) {
            this.next.set(d.id, due);
            continue;
          }
          if (due < now - iv) due = now - (now % iv);
          this.next.set(d.id, due + iv);
          if (this.inOutage(d.id, now)) continue;
          for (const [metric, value] of readingsFor(d, due, iv / 1000, this.ctx)) {
            if (d.metrics.includes(metric)) batch.push({ deviceId: d.id, metric, ts: due, value });
          }
        }
        for (let i = 0; i < batch.length; i += BATCH) {
          const r = await this.ingest.ingest(twin.entry.doc.id, batch.slice(i, i + BATCH));
          this.sent += r.accepted;
        }
      }
    } catch (err) {
      this.log(`[simulator] ingest failed, will retry next pass: ${(err as Error).message}`);
    } finally {
      this.busy = false;
    }
  }

  private inOutage(id: string, now: number): boolean {
    const until = this.outageUntil.get(id);
    if (until !== undefined) {
      if (now < until) return true;
      this.outageUntil.delete(id);
    }
    // Flaky devices: a small share goes dark for 10–40 minutes now and then.
    if (hashOf(id) < this.opts.flakyShare && this.rand() < 0.002) {
      this.outageUntil.set(id, now + (10 + this.rand() * 30) * 60_000);
      return true;
    }
    return false;
  }
}
