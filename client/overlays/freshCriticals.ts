import type { Alarm } from '../../models/alarm';
import { liveGate } from '../stores/liveGate';
import { useOpsStore } from '../stores/useOpsStore';
import { newCriticalAlarms } from './alarmFilter';

/**
 * Calls `onFresh` with the critical alarms that arrive over the live feed, once each: never for what the
 * first snapshot, a resync or a replay shows (those are only learnt). Returns the unsubscribe. The one
 * watch behind the console's beep and its critical-alarm toast.
 */
export function watchFreshCriticals(onFresh: (fresh: Alarm[]) => void): () => void {
  const known = new Set<number>();
  const look = () => {
    const s = useOpsStore.getState();
    const learnOnly = s.connection !== 'live' || liveGate.mode !== 'live';
    const fresh = newCriticalAlarms(s.alarms, known, learnOnly);
    if (fresh.length) onFresh(fresh);
  };
  look();
  return useOpsStore.subscribe((s, p) => {
    if (s.alarms !== p.alarms || s.connection !== p.connection) look();
  });
}
