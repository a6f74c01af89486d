import type { Severity } from '../../models/alarm';
import type { FocusCandidate } from './alarmFocus';

export type PatrolKind = 'overview' | 'building' | 'alarm';

export interface PatrolTiming {
  /** Seconds on each building. */
  stopS: number;
  /** Base seconds on an alarm before the patrol resumes; each severity holds a multiple of it (DWELL_FACTOR). */
  dwellS: number;
  /** Seconds on the whole-compound view between rounds. */
  overviewS: number;
  /** A critical alarm still unacknowledged after its dwell is visited again this many seconds later. */
  revisitS: number;
}

/** Dwell per severity, in multiples of `dwellS`: critical longest (120 s at the default 60), warnings never. */
export const DWELL_FACTOR: Record<Severity, number> = { critical: 2, major: 0.75, minor: 0.35, warning: 0 };
/** A returned-to-normal alarm is still unacknowledged but no longer happening: half the dwell. */
const RETURNED_FACTOR = 0.5;

/** Seconds the camera holds on an alarm (unless someone acknowledges it first). */
export function dwellFor(c: Pick<FocusCandidate, 'severity' | 'returned'>, dwellS: number): number {
  return dwellS * DWELL_FACTOR[c.severity] * (c.returned ? RETURNED_FACTOR : 1);
}

/**
 * How an alarm may interrupt the round: `now` at the next tick (critical, major), `stop` when the
 * building or overview on screen has had its time (minor), `never` (warnings: ticker only).
 */
export function preemption(severity: Severity): 'now' | 'stop' | 'never' {
  return severity === 'critical' || severity === 'major' ? 'now' : severity === 'minor' ? 'stop' : 'never';
}

/**
 * Decides where the wall's camera looks: a round of the buildings (with the whole compound between
 * rounds), interrupted by unacknowledged alarms, most severe first and then the one waiting longest.
 * Critical and major alarms interrupt at once, minor ones when the current stop ends, warnings never.
 * An alarm holds the camera for its severity's dwell or until someone acknowledges or clears it; a
 * more severe alarm takes over at once. A critical alarm still unacknowledged is visited again every
 * `revisitS`; others once. `tick` runs on a timer and allocates nothing; the candidate list is replaced
 * only when the alarms change.
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
  /** Alarms whose dwell ended, and when (seconds): not visited again, or (critical) not before revisitS. */
  private readonly visited = new Map<number, number>();

  constructor(
    private stops: readonly string[],
    readonly timing: PatrolTiming,
  ) {}

  /** Buildings in patrol order (a new compound). */
  setStops(stops: readonly string[]): void {
    this.stops = stops;
    if (this.stop >= stops.length) this.stop = -1;
  }

  /** The unacknowledged alarms, already in visiting order (see focusCandidates). */
  setCandidates(list: readonly FocusCandidate[]): void {
    // an alarm that left the list (acknowledged, cleared) is forgotten: the map never outgrows the list
    if (this.visited.size) {
      const live = new Set(list.map((c) => c.alarmId));
      for (const id of this.visited.keys()) if (!live.has(id)) this.visited.delete(id);
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

  /** Seconds the current target holds the camera at most. */
  get holdS(): number {
    if (this.kind === 'alarm' && this.alarm) return dwellFor(this.alarm, this.timing.dwellS);
    return this.kind === 'overview' ? this.timing.overviewS : this.timing.stopS;
  }

  /** Advances to `nowS` (seconds); true when the target changed. */
  tick(nowS: number): boolean {
    const best = this.firstCandidate(nowS);
    if (this.kind === 'alarm' && this.alarm) {
      const cur = this.alarm;
      if (!this.isCandidate(cur.alarmId)) return this.afterAlarm(nowS);
      if (nowS - this.since >= this.holdS) {
        this.visited.set(cur.alarmId, nowS);
        return this.afterAlarm(nowS);
      }
      if (best && best.rank < cur.rank) return this.focus(best, nowS);
      return false;
    }
    if (best && preemption(best.severity) === 'now') return this.focus(best, nowS);
    if (nowS - this.since >= this.holdS) return best ? this.focus(best, nowS) : this.advance(nowS);
    return false;
  }

  /** The first alarm due a visit: never a warning; a visited one only if critical and revisitS has passed. */
  private firstCandidate(nowS: number): FocusCandidate | null {
    for (const c of this.candidates) {
      if (preemption(c.severity) === 'never') continue;
      const at = this.visited.get(c.alarmId);
      if (at === undefined || (c.severity === 'critical' && nowS - at >= this.timing.revisitS)) return c;
    }
    return null;
  }

  private isCandidate(id: number): boolean {
    for (const c of this.candidates) if (c.alarmId === id) return true;
    return false;
  }

  private afterAlarm(nowS: number): boolean {
    const best = this.firstCandidate(nowS);
    // the round goes on where the alarm interrupted it
    return best ? this.focus(best, nowS) : this.advance(nowS);
  }

  private focus(c: FocusCandidate, nowS: number): boolean {
    if (this.kind === 'alarm' && this.alarm?.alarmId === c.alarmId) return false;
    this.visited.delete(c.alarmId);
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
