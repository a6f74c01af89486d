import type { FocusCandidate } from './alarmFocus';

export type PatrolKind = 'overview' | 'building' | 'alarm';

export interface PatrolTiming {
  /** Seconds on each building. */
  stopS: number;
  /** Seconds on an alarm before the patrol resumes. */
  dwellS: number;
  /** Seconds on the whole-compound view between rounds. */
  overviewS: number;
}

/**
 * Decides where the wall's camera looks: a round of the buildings (with the whole compound between
 * rounds), interrupted by unacknowledged alarms, most severe first and then the one waiting longest.
 * An alarm holds the camera for `dwellS`, or until someone acknowledges or clears it; a more severe
 * alarm takes over at once. `tick` runs every frame and allocates nothing; the candidate list is
 * replaced only when the alarms change.
 */
export class PatrolDirector {
  kind: PatrolKind = 'overview';
  /** The building looked at ('building'), or the alarm's building ('alarm'; null for outdoor devices). */
  buildingId: string | null = null;
  alarm: FocusCandidate | null = null;
  /** Seconds (tick's clock) when the current target began. */
  since = 0;
  /** Bumped on every change of target: the camera reframes when it moves. */
  rev = 0;
  private stop = -1;
  private candidates: readonly FocusCandidate[] = [];
  private readonly visited = new Set<number>();

  constructor(
    private stops: readonly string[],
    readonly timing: PatrolTiming,
  ) {}

  /** Buildings in patrol order (a new compound). */
  setStops(stops: readonly string[]): void {
    this.stops = stops;
    if (this.stop >= stops.length) this.stop = -1;
  }

  /** The unacknowledged active alarms, already in visiting order (see focusCandidates). */
  setCandidates(list: readonly FocusCandidate[]): void {
    // an alarm that left the list (acknowledged, cleared) is forgotten: the set never outgrows the list
    if (this.visited.size) {
      const live = new Set(list.map((c) => c.alarmId));
      for (const id of this.visited) if (!live.has(id)) this.visited.delete(id);
    }
    this.candidates = list;
    if (this.alarm) for (const c of list) if (c.alarmId === this.alarm.alarmId) this.alarm = c;
  }

  /** 1-based place of the current building in the round (0 for the overview or an alarm). */
  get stopNumber(): number {
    return this.kind === 'building' ? this.stop + 1 : 0;
  }

  get stopCount(): number {
    return this.stops.length;
  }

  get visitedCount(): number {
    return this.visited.size;
  }

  /** Advances to `nowS` (seconds); true when the target changed. */
  tick(nowS: number): boolean {
    const best = this.firstCandidate();
    if (this.kind === 'alarm' && this.alarm) {
      const cur = this.alarm;
      if (!this.isCandidate(cur.alarmId)) return this.afterAlarm(nowS);
      if (nowS - this.since >= this.timing.dwellS) {
        this.visited.add(cur.alarmId);
        return this.afterAlarm(nowS);
      }
      if (best && best.rank < cur.rank) return this.focus(best, nowS);
      return false;
    }
    if (best) return this.focus(best, nowS);
    const hold = this.kind === 'overview' ? this.timing.overviewS : this.timing.stopS;
    if (nowS - this.since >= hold) return this.advance(nowS);
    return false;
  }

  private firstCandidate(): FocusCandidate | null {
    for (const c of this.candidates) if (!this.visited.has(c.alarmId)) return c;
    return null;
  }

  private isCandidate(id: number): boolean {
    for (const c of this.candidates) if (c.alarmId === id) return true;
    return false;
  }

  private afterAlarm(nowS: number): boolean {
    const best = this.firstCandidate();
    // the round goes on where the alarm interrupted it
    return best ? this.focus(best, nowS) : this.advance(nowS);
  }

  private focus(c: FocusCandidate, nowS: number): boolean {
    if (this.kind === 'alarm' && this.alarm?.alarmId === c.alarmId) return false;
    this.kind = 'alarm';
    this.alarm = c;
    this.buildingId = c.buildingId;
    return this.changed(nowS);
  }

  private advance(nowS: number): boolean {
    if (this.stops.length === 0) {
      const was = this.kind;
      this.kind = 'overview';
      this.alarm = null;
      this.buildingId = null;
      this.since = nowS;
      if (was !== 'overview') this.rev++;
      return was !== 'overview';
    }
    this.stop = this.stop + 1 >= this.stops.length ? -1 : this.stop + 1;
    this.alarm = null;
    this.kind = this.stop < 0 ? 'overview' : 'building';
    this.buildingId = this.stop < 0 ? null : this.stops[this.stop];
    return this.changed(nowS);
  }

  private changed(nowS: number): true {
    this.since = nowS;
    this.rev++;
    return true;
  }
}
