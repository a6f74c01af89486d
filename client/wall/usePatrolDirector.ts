import { useEffect } from 'react';
import { useOpsStore } from '../stores/useOpsStore';
import { useTwinStore } from '../stores/useTwinStore';
import { focusCandidates } from './alarmFocus';
import { isHouseholdDevice } from './householdDevice';
import { PatrolDirector } from './patrolDirector';
import { patrolStops } from './patrolStops';
import { usePatrolStore } from './usePatrolStore';
import { publishWallProbe } from './wallProbe';

const TICK_MS = 250;

/**
 * Runs the patrol's decisions off the render loop (a 250 ms timer): the round of buildings, alarms
 * pre-empting it by severity, the dwell (a multiple of `dwellS` per severity, see DWELL_FACTOR).
 * Publishes each change of target to usePatrolStore and window.__wall.
 */
export function usePatrolDirector(timing: { stopS: number; dwellS: number }): void {
  const { stopS, dwellS } = timing;
  useEffect(() => {
    // a critical alarm nobody acknowledges comes back every few minutes
    const director = new PatrolDirector([], { stopS, dwellS, overviewS: Math.max(stopS, 10), revisitS: Math.max(120, dwellS * 3) });
    const now = () => performance.now() / 1000;
    const publish = () => {
      const a = director.alarm;
      const kind = director.kind;
      const state = {
        kind,
        buildingId: director.buildingId,
        deviceId: a && !a.household ? a.deviceId : null,
        alarmId: a?.alarmId ?? null,
        since: Date.now(),
        holdS: director.holdS,
        stop: director.stopNumber,
        stops: director.stopCount,
        rev: director.rev,
      };
      usePatrolStore.setState(state);
      publishWallProbe(state);
    };
    const tick = () => {
      if (director.tick(now())) publish();
    };
    const syncStops = () => {
      const c = useTwinStore.getState().compound;
      director.setStops(c ? patrolStops(c) : []);
    };
    const syncAlarms = () => {
      const index = useTwinStore.getState().index;
      const household = (id: string) => {
        const d = index?.deviceById.get(id);
        return d ? isHouseholdDevice(d) : false;
      };
      director.setCandidates(focusCandidates(useOpsStore.getState().alarms, household));
      tick();
    };
    syncStops();
    syncAlarms();
    publish();
    const timer = setInterval(tick, TICK_MS);
    const unsubTwin = useTwinStore.subscribe((s, p) => {
      if (s.compound !== p.compound) {
        syncStops();
        syncAlarms();
      }
    });
    const unsubOps = useOpsStore.subscribe((s, p) => s.alarms !== p.alarms && syncAlarms());
    return () => {
      clearInterval(timer);
      unsubTwin();
      unsubOps();
    };
  }, [stopS, dwellS]);
}
