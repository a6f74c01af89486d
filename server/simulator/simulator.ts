import type { IngestService } from '../ingest/ingest.service';
import type { Twins } from '../live/twins';
import { EpisodePlan } from './episodes';
import { OutageSchedule, silentDevices } from './outages';
import { CompoundPlayer, type SimReading } from './player';
import { AiEventPlan } from './aiEvents';
import type { CameraEventService } from '../cameraEvents/cameraEvents.service';
import type { RevenueService } from '../revenue/revenue.service';
import { RevenueSim } from './revenueSim';
import type { CommandSink } from '../commands/transport';
import { createCommandResponder, type CommandResponder, type CommandResponderOptions } from './commandResponder';

export interface SimulatorOptions {
  /** Real milliseconds between passes. */
  tickMs: number;
  /** Devices report this many times more often than their nominal interval (1 = realistic). */
  rate: number;
  /** Days of history to write on start when a compound has no readings yet. */
  backfillDays: number;
  /** Share of all devices offline at any moment (0..1), mostly cameras, info screens and speakers; 0: none. */
  flakyShare: number;
  /** Same seed, same start time: the same readings, outages and episodes. */
  seed: number;
}

const DEFAULTS: SimulatorOptions = { tickMs: 2_000, rate: 1, backfillDays: 0, flakyShare: 0.02, seed: 20_250_601 };
const BATCH = 5_000;

/**
 * Plays the devices of every compound through the real ingest path: daily curves, seeded outages and fault
 * episodes that start and end (player.ts, episodes.ts, outages.ts), with an opening that shows every severity.
 */
export class Simulator {
  readonly opts: SimulatorOptions;
  private timer: NodeJS.Timeout | null = null;
  private readonly players = new Map<string, CompoundPlayer>();
  private busy = false;
  sent = 0;
  /** Camera AI events with generated snapshots go here (set by the app; null: none are played). */
  cameraEvents: CameraEventService | null = null;
  private readonly aiPlans = new Map<string, AiEventPlan>();
  aiEventsSent = 0;
  /** Charging, parking and ad revenue go here (set by the app; null: none is played). */
  revenue: RevenueService | null = null;
  private revenueSim: RevenueSim | null = null;

  constructor(
    private readonly twins: Twins,
    private readonly ingest: IngestService,
    opts: Partial<SimulatorOptions> = {},
    private readonly log: (m: string) => void = console.log,
  ) {
    this.opts = { ...DEFAULTS, ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) };
  }

  async start(): Promise<void> {
    for (const twin of this.twins.owned()) {
      const empty = [...twin.live.states.values()].every((s) => s.lastSeen === null);
      if (empty && this.opts.backfillDays > 0) await this.backfill(twin.entry.doc.id, this.opts.backfillDays);
    }
    if (this.revenue) await this.revenueHistory();
    // The opening counts from now, after the backfill: the console answers only then.
    this.begin(Date.now());
    this.timer = setInterval(() => void this.tick(), this.opts.tickMs);
    this.timer.unref();
    await this.tick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Plans every compound from `startedAt` (its opening plays in the minutes after); start() calls it with the clock. */
  begin(startedAt: number): void {
    this.players.clear();
    this.aiPlans.clear();
    for (const twin of this.twins.all()) this.player(twin.entry.doc.id, startedAt);
  }

  /** The compound's player; a compound imported (or re-imported) while running gets one when first seen at `now`. */
  player(compoundId: string, now: number): CompoundPlayer {
    const doc = this.twins.get(compoundId)?.entry.doc;
    const devices = doc?.devices ?? [];
    let p = this.players.get(compoundId);
    if (!p || p.devices !== devices) {
      const { seed, flakyShare, rate } = this.opts;
      const startedAt = p?.episodes.startedAt ?? now;
      const outages = new OutageSchedule(devices, flakyShare, seed, startedAt, silentDevices(compoundId, devices, flakyShare, seed));
      const timeZone = doc?.timeZone;
      p = new CompoundPlayer(compoundId, devices, outages, new EpisodePlan(compoundId, devices, seed, startedAt, outages, timeZone), { seed, rate, timeZone });
      this.players.set(compoundId, p);
    }
    return p;
  }

  /** The device sends nothing at `now`: an outage, or one of the dead speakers and screens (silentDevices). */
  isDark(compoundId: string, deviceId: string, now: number): boolean {
    return this.player(compoundId, now).outages.dark(deviceId, now);
  }

  /** The simulated devices' answers to commands (a CommandTransport named 'simulator'): dark devices stay silent. */
  commandResponder(sink: CommandSink, opts: Partial<CommandResponderOptions> = {}): CommandResponder {
    return createCommandResponder(this.twins, sink, { seed: this.opts.seed, silent: (c, d, t) => this.isDark(c, d, t), log: this.log, ...opts });
  }

  /** Writes `days` of history (hourly) through ingest: normal operation and outages, no fault events. */
  async backfill(compoundId: string, days: number): Promise<number> {
    const t0 = Date.now();
    // Hourly points ending just before now, so devices start out online (but those in an outage).
    const end = t0 - 60_000;
    const player = this.player(compoundId, t0);
    let n = 0;
    let batch: SimReading[] = [];
    for (let t = end - days * 86_400_000; t <= end; t += 3_600_000) {
      batch.push(...player.history(t, 3600));
      if (batch.length >= BATCH) {
        n += await this.send(compoundId, batch);
        batch = [];
      }
    }
    n += await this.send(compoundId, batch);
    this.log(`[simulator] backfilled ${n} readings over ${days} days for ${compoundId} in ${Date.now() - t0} ms`);
    return n;
  }

  private async send(compoundId: string, readings: SimReading[]): Promise<number> {
    let n = 0;
    for (let i = 0; i < readings.length; i += BATCH) n += (await this.ingest.ingest(compoundId, readings.slice(i, i + BATCH))).accepted;
    return n;
  }

  /** The compound's camera AI events due by `now` (the first soon after start, then one every few minutes). */
  private async playAiEvents(compoundId: string, now: number): Promise<void> {
    const devices = this.twins.get(compoundId)?.entry.doc.devices ?? [];
    let plan = this.aiPlans.get(compoundId);
    if (!plan) this.aiPlans.set(compoundId, (plan = new AiEventPlan(compoundId, devices, this.opts.seed, this.player(compoundId, now).episodes.startedAt)));
    const events = plan.due(now);
    if (events.length) this.aiEventsSent += (await this.cameraEvents!.ingestEvents(compoundId, events, now)).accepted;
    // only once stored and evaluated: a pass that failed sends the same events again (duplicates are harmless)
    plan.sent(now);
  }

  /** The revenue player (server/simulator/revenueSim.ts), made when first needed. */
  revenueDriver(): RevenueSim {
    return (this.revenueSim ??= new RevenueSim(this.twins, this.revenue!, this.opts.seed, this.log));
  }

  /** With a backfill asked for: 35 days (or backfillDays, if more) of revenue for each compound that has none yet. */
  async revenueHistory(now = Date.now()): Promise<void> {
    if (this.opts.backfillDays > 0) await this.revenueDriver().backfill(Math.max(35, this.opts.backfillDays), now);
    this.revenueDriver().startAt(now);
  }

  async tick(): Promise<void> {
    await this.step(Date.now());
  }

  /** One pass at `now`: every compound's due readings go through ingest (tests drive it with their own clock). */
  async step(now: number): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      for (const twin of this.twins.owned()) this.sent += await this.send(twin.entry.doc.id, this.player(twin.entry.doc.id, now).pass(now));
      if (this.cameraEvents) for (const twin of this.twins.owned()) await this.playAiEvents(twin.entry.doc.id, now);
      if (this.revenue) await this.revenueDriver().play(now);
    } catch (err) {
      this.log(`[simulator] ingest failed, will retry next pass: ${(err as Error).message}`);
    } finally {
      this.busy = false;
    }
  }
}
