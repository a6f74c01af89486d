import type { ReadingTuple } from '../../models';

export interface FeedEvent {
  seq: number;
  event: string;
  payload: Record<string, unknown> & { seq: number };
}

/**
 * One compound room's ordered delta stream: a monotonic seq, a bounded replay buffer,
 * and readings coalesced to the latest value per device-metric between flushes.
 */
export class RoomFeed {
  /**
   * Alone: starts at wall-clock ms so seqs stay monotonic across server restarts. Cluster mode: 0 until the
   * compound's stream gives the first seq (a clock reading there would be ahead of the cluster's counter, and a
   * client would drop every later delta as old).
   */
  seq: number;
  private readonly buffer: FeedEvent[] = [];
  private bufferedReadings = 0;
  private readonly pending = new Map<string, ReadingTuple>();

  constructor(
    private readonly maxEvents = 2_000,
    private readonly maxReadings = 200_000,
    startSeq = Date.now(),
  ) {
    this.seq = startSeq;
  }

  /** Appends an event with the next seq and returns it (the caller emits it). */
  push(event: string, body: Record<string, unknown>): FeedEvent {
    return this.append(this.seq + 1, event, body);
  }

  /** Appends an event whose seq was given elsewhere (cluster mode: the compound's Redis counter); seqs only go up. */
  append(seq: number, event: string, body: Record<string, unknown>): FeedEvent {
    this.seq = Math.max(this.seq, seq);
    const e: FeedEvent = { seq, event, payload: { ...body, seq } };
    this.buffer.push(e);
    if (event === 'reading:batch') this.bufferedReadings += (body.readings as unknown[]).length;
    while (this.buffer.length > this.maxEvents || this.bufferedReadings > this.maxReadings) {
      const old = this.buffer.shift()!;
      if (old.event === 'reading:batch') this.bufferedReadings -= (old.payload.readings as unknown[]).length;
    }
    return e;
  }

  /** Keeps only the newest reading per device and metric until the next flush. */
  addReading(t: ReadingTuple): void {
    const key = t[0] + '\u0000' + t[1];
    const cur = this.pending.get(key);
    if (!cur || cur[2] <= t[2]) this.pending.set(key, t);
  }

  /** Takes the coalesced readings, or null when there are none. */
  takePending(): ReadingTuple[] | null {
    if (this.pending.size === 0) return null;
    const out = [...this.pending.values()];
    this.pending.clear();
    return out;
  }

  /** The events after `sinceSeq`, or null when some of them are no longer buffered (the client needs a snapshot). */
  since(sinceSeq: number): FeedEvent[] | null {
    if (sinceSeq > this.seq) return null;
    if (sinceSeq === this.seq) return [];
    const first = this.buffer[0];
    if (!first || first.seq > sinceSeq + 1) return null;
    return this.buffer.filter((e) => e.seq > sinceSeq);
  }
}
