import type { PatrolState } from './usePatrolStore';

/** What a browser test can read about the wall's patrol: `window.__wall` (test builds only: VITE_TEST_PROBE). */
export interface WallProbe {
  kind: PatrolState['kind'];
  buildingId: string | null;
  deviceId: string | null;
  alarmId: number | null;
  rev: number;
  /** The point the camera looks at now (three coordinates), updated in place by the rig. */
  lookAt: { x: number; y: number; z: number } | null;
}

declare global {
  interface Window {
    __wall?: WallProbe;
  }
}

/** Copies the patrol's target into window.__wall (on each change of target only). */
export function publishWallProbe(s: Pick<PatrolState, 'kind' | 'buildingId' | 'deviceId' | 'alarmId' | 'rev'>): void {
  if (import.meta.env.VITE_TEST_PROBE !== '1' || typeof window === 'undefined') return;
  const p = (window.__wall ??= { kind: s.kind, buildingId: null, deviceId: null, alarmId: null, rev: 0, lookAt: null });
  p.kind = s.kind;
  p.buildingId = s.buildingId;
  p.deviceId = s.deviceId;
  p.alarmId = s.alarmId;
  p.rev = s.rev;
}

/** Lets the probe show the rig's live look-at point (the same object, mutated by the rig). */
export function attachLookAt(v: { x: number; y: number; z: number } | null): void {
  if (import.meta.env.VITE_TEST_PROBE !== '1' || typeof window === 'undefined') return;
  const p = (window.__wall ??= { kind: 'overview', buildingId: null, deviceId: null, alarmId: null, rev: 0, lookAt: null });
  p.lookAt = v;
}
