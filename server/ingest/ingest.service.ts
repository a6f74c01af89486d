import type { DeviceStatus, IngestResult, ReadingTuple } from '../../models';
import type { Db } from '../db/db';
import { insertReadings } from '../db/readings.repo';
import type { AlarmEngine } from '../alarms/engine';
import type { RealtimeHub } from '../realtime/hub';
import type { Twins } from '../live/twins';
import { HttpError } from '../http/errors';
import { validateReadings } from './validateReadings';

export interface IngestOptions {
  maxAgeDays: number;
  maxFutureMs: number;
  /** Batches allowed in flight at once; more answer 503 + Retry-After rather than queue without bound. */
  maxInFlight: number;
}

/** Ingest as one flow: validate → store (ack only after commit) → live state → alarms → realtime. */
export class IngestService {
  private inFlight = 0;
  readings = 0;

  constructor(
    private readonly db: Db,
    private readonly twins: Twins,
    private readonly hub: RealtimeHub,
    private readonly engine: AlarmEngine,
    private readonly opts: IngestOptions,
    private readonly log: (msg: string) => void = console.error,
  ) {}

  async ingest(compoundId: string, items: unknown[]): Promise<IngestResult> {
    const twin = this.twins.get(compoundId);
    if (!twin) throw new HttpError(404, `unknown compound "${compoundId}"`);
    if (this.inFlight >= this.opts.maxInFlight) throw new HttpError(503, 'ingest is overloaded, retry later', { retryAfterS: 1 });
    this.inFlight++;
    try {
      const now = Date.now();
      const { cols, rejected, duplicates } = validateReadings(items, twin.entry.devices, {
        now,
        maxAgeMs: this.opts.maxAgeDays * 86_400_000,
        maxFutureMs: this.opts.maxFutureMs,
      });
      const inserted = await insertReadings(this.db, cols);
      this.readings += inserted.length;
      // Apply in time order so thresholds with a duration see the sequence as it happened.
      inserted.sort((a, b) => cols.ts[a] - cols.ts[b]);
      const tuples: ReadingTuple[] = [];
      const changes: { deviceId: string; status: DeviceStatus; at: number }[] = [];
      const work: Promise<unknown>[] = [];
      for (const i of inserted) {
        const d = cols.devices[i];
        const st = twin.live.applyReading(d.id, cols.metrics[i], cols.ts[i], cols.values[i], now);
        if (st) changes.push({ deviceId: d.id, status: st, at: now });
        tuples.push([d.id, cols.metrics[i], cols.ts[i], cols.values[i]]);
        this.engine.onReading(d, cols.metrics[i], cols.ts[i], cols.values[i], work);
      }
      if (changes.length) this.hub.emit(compoundId, 'device:status', { changes });
      this.hub.readings(compoundId, tuples);
      // The readings are committed whatever happens to alarm bookkeeping; a failure there is logged, not un-acked.
      for (const r of await Promise.allSettled(work)) if (r.status === 'rejected') this.log(`[ingest] alarm evaluation failed: ${String(r.reason)}`);
      return { accepted: inserted.length, duplicates: duplicates + (cols.ts.length - inserted.length), rejected };
    } finally {
      this.inFlight--;
    }
  }
}
