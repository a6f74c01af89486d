import type { DeviceStatus, IngestResult, ReadingTuple } from '../../models';
import type { Db } from '../db/db';
import { insertReadings } from '../db/readings.repo';
import type { AlarmEngine } from '../alarms/engine';
import type { RealtimeHub } from '../realtime/hub';
import type { Twins } from '../live/twins';
import { HttpError } from '../http/errors';
import { validateReadings, type TimeWindow } from './validateReadings';

export interface IngestOptions {
  maxAgeDays: number;
  maxFutureMs: number;
  /** Batches allowed in flight at once; more answer 503 + Retry-After rather than queue without bound. */
  maxInFlight: number;
}

/** Cluster mode: stored readings go to the compound's owner (server/cluster/cluster.ts); resolves once they are queued. */
export type ForwardReadings = (compoundId: string, readings: ReadingTuple[], at: number) => Promise<void>;

/**
 * Camera AI events travel to the owner with the readings as tuples [deviceId, `camera_event:<kind>`, at, confidence
 * (-1: none)]; `applyStored` hands them to `cameraEvents` (server/cameraEvents), not to the live state.
 */
export const CAMERA_EVENT_PREFIX = 'camera_event:';
const isCameraEvent = (r: ReadingTuple) => r[1].startsWith(CAMERA_EVENT_PREFIX);

/**
 * Ingest as one flow: validate → store (ack only after commit) → live state → alarms → realtime. In cluster
 * mode the last three run on the compound's owner: the ack then means stored and queued for it.
 */
export class IngestService {
  private inFlight = 0;
  readings = 0;
  /** Set in cluster mode. */
  forward: ForwardReadings | null = null;
  /** Evaluates stored camera AI events (set by server/cameraEvents). */
  cameraEvents: ((compoundId: string, events: ReadingTuple[], now: number) => Promise<void>) | null = null;

  constructor(
    private readonly db: Db,
    private readonly twins: Twins,
    private readonly hub: RealtimeHub,
    private readonly engine: AlarmEngine,
    private readonly opts: IngestOptions,
    private readonly log: (msg: string) => void = console.error,
  ) {}

  /** The timestamps this ingest accepts (camera events take the same window). */
  get window(): TimeWindow {
    return { maxAgeMs: this.opts.maxAgeDays * 86_400_000, maxFutureMs: this.opts.maxFutureMs };
  }

  async ingest(compoundId: string, items: unknown[]): Promise<IngestResult> {
    const twin = this.twins.get(compoundId);
    if (!twin) throw new HttpError(404, `unknown compound "${compoundId}"`);
    if (this.inFlight >= this.opts.maxInFlight) throw new HttpError(503, 'ingest is overloaded, retry later', { retryAfterS: 1 });
    this.inFlight++;
    try {
      const now = Date.now();
      const { cols, rejected, duplicates } = validateReadings(items, twin.entry.devices, { now, ...this.window });
      const inserted = await insertReadings(this.db, cols);
      this.readings += inserted.length;
      if (this.forward) {
        // Every valid reading, the ones already stored too: a batch stored by a process that died before
        // forwarding it comes back from the gateway as duplicates and must still reach the engine (at least once;
        // the database keeps one active alarm per device and rule).
        const all: ReadingTuple[] = [];
        for (let i = 0; i < cols.ts.length; i++) all.push([cols.devices[i].id, cols.metrics[i], cols.ts[i], cols.values[i]]);
        if (all.length) await this.forward(compoundId, all, now);
      } else {
        const tuples: ReadingTuple[] = [];
        for (const i of inserted) tuples.push([cols.devices[i].id, cols.metrics[i], cols.ts[i], cols.values[i]]);
        await this.applyStored(compoundId, tuples, now);
      }
      return { accepted: inserted.length, duplicates: duplicates + (cols.ts.length - inserted.length), rejected };
    } finally {
      this.inFlight--;
    }
  }

  /** Stored readings into the live state, the alarm engine and the screens (here, or on the owner in cluster mode). */
  async applyStored(compoundId: string, readings: ReadingTuple[], now: number): Promise<void> {
    const twin = this.twins.get(compoundId);
    if (!twin) return;
    if (this.cameraEvents && readings.some(isCameraEvent)) {
      await this.cameraEvents(compoundId, readings.filter(isCameraEvent), now);
      readings = readings.filter((r) => !isCameraEvent(r));
    }
    // Apply in time order so thresholds with a duration see the sequence as it happened.
    readings.sort((a, b) => a[2] - b[2]);
    const changes: { deviceId: string; status: DeviceStatus; at: number }[] = [];
    const work: Promise<unknown>[] = [];
    const tuples: ReadingTuple[] = [];
    for (const r of readings) {
      const d = twin.entry.devices.get(r[0]);
      if (!d) continue;
      const st = twin.live.applyReading(d.id, r[1], r[2], r[3], now);
      if (st) changes.push({ deviceId: d.id, status: st, at: now });
      tuples.push(r);
      this.engine.onReading(d, r[1], r[2], r[3], work);
    }
    if (changes.length) this.hub.emit(compoundId, 'device:status', { changes });
    this.hub.readings(compoundId, tuples);
    // The readings are committed whatever happens to alarm bookkeeping; a failure there is logged, not un-acked.
    for (const r of await Promise.allSettled(work)) if (r.status === 'rejected') this.log(`[ingest] alarm evaluation failed: ${String(r.reason)}`);
  }
}
