/**
 * Tracks the room's monotonic seq: every delta must be exactly one past the last one seen.
 * A repeat is dropped; a jump means something was missed and the client must re-join with sinceSeq.
 */
export type SeqVerdict = 'apply' | 'duplicate' | 'gap' | 'unsynced';

export class SeqTracker {
  /** Last applied seq; null until a snapshot or join result sets it. */
  last: number | null = null;

  reset(seq: number | null): void {
    this.last = seq;
  }

  judge(seq: number): SeqVerdict {
    if (this.last === null) return 'unsynced';
    if (seq <= this.last) return 'duplicate';
    if (seq === this.last + 1) return 'apply';
    return 'gap';
  }

  /** Judges and, when the delta applies, advances. */
  accept(seq: number): SeqVerdict {
    const v = this.judge(seq);
    if (v === 'apply') this.last = seq;
    return v;
  }
}
