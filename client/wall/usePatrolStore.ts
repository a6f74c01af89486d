import { create } from 'zustand';
import type { PatrolKind } from './patrolDirector';

/**
 * Where the wall's patrol looks now. Written by the director a few times a minute at most (never
 * per frame); the scene reads it with getState()/subscribe, the patrol panel renders from it.
 */
export interface PatrolState {
  kind: PatrolKind;
  buildingId: string | null;
  /** The alarm's device (null for a household device: the wall frames its building instead). */
  deviceId: string | null;
  alarmId: number | null;
  /** Epoch ms when this target began. */
  since: number;
  /** Seconds this target holds (the alarm dwell or the stop time). */
  holdS: number;
  /** Stop number in the round (1-based; 0 for the overview or an alarm) and the round's length. */
  stop: number;
  stops: number;
  rev: number;
}

export const usePatrolStore = create<PatrolState>()(() => ({
  kind: 'overview',
  buildingId: null,
  deviceId: null,
  alarmId: null,
  since: Date.now(),
  holdS: 0,
  stop: 0,
  stops: 0,
  rev: 0,
}));
