/**
 * Turns a stream of seek positions (a dragged scrubber, playback) into few requests: waits `delayMs`
 * after the last position, keeps at most one request in flight, and applies only answers for the
 * latest position asked (an answer overtaken by a newer position is dropped).
 */
export class SeekScheduler<T> {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight = false;
  private wanted: number | null = null;
  private asked: number | null = null;
  private stopped = false;

  constructor(
    private readonly load: (t: number) => Promise<T>,
    private readonly apply: (t: number, result: T) => void,
    private readonly delayMs: number,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  /** Asks for moment `t`; `immediate` skips the wait (a click on a mark, playback). */
  seek(t: number, immediate = false): void {
    if (this.stopped) return;
    this.wanted = t;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.inFlight) return;
    if (immediate) this.fire();
    else this.timer = setTimeout(() => this.fire(), this.delayMs);
  }

  /** Loads the latest moment again now (what is asked for besides the moment changed, e.g. the devices whose readings are shown). */
  refresh(): void {
    if (this.stopped || this.wanted === null) return;
    this.asked = null;
    this.seek(this.wanted, true);
  }

  private fire(): void {
    this.timer = null;
    if (this.stopped || this.wanted === null || this.wanted === this.asked) return;
    const t = this.wanted;
    this.asked = t;
    this.inFlight = true;
    this.load(t).then(
      (r) => {
        this.inFlight = false;
        if (this.stopped) return;
        // overtaken by a newer position, or by a refresh (asked reset): ask again rather than show a stale answer
        if (this.wanted === t && this.asked === t) this.apply(t, r);
        else this.fire();
      },
      (err) => {
        this.inFlight = false;
        if (this.stopped) return;
        this.asked = null;
        this.onError(err);
        if (this.wanted !== t) this.fire();
      },
    );
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
