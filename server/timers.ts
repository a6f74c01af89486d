/** Named repeating jobs that never overlap themselves, log their failures, and stop cleanly. */
export class Timers {
  private readonly handles: NodeJS.Timeout[] = [];
  private readonly registered: string[] = [];
  private readonly running = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(private readonly log: (msg: string) => void) {}

  every(name: string, ms: number, fn: () => unknown): void {
    this.registered.push(name);
    let busy = false;
    const h = setInterval(() => {
      if (busy || this.stopped) return;
      busy = true;
      const p = Promise.resolve()
        .then(fn)
        .catch((err) => this.log(`[timer] ${name} failed: ${(err as Error)?.message ?? err}`))
        .finally(() => {
          busy = false;
          this.running.delete(p);
        });
      this.running.add(p);
    }, ms);
    h.unref();
    this.handles.push(h);
  }

  /** The jobs registered, in order (tests check which maintenance this process runs itself). */
  names(): string[] {
    return [...this.registered];
  }

  stop(): void {
    this.stopped = true;
    for (const h of this.handles) clearInterval(h);
  }

  /** Resolves when no job is mid-run (so the database can be closed under none). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }
}
