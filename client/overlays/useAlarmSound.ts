import { useEffect } from 'react';
import { liveGate } from '../stores/liveGate';
import { useOpsStore } from '../stores/useOpsStore';
import { useOverlayStore } from '../stores/useOverlayStore';
import { newCriticalAlarms } from './alarmFilter';
import { beep, unlockAudioOnGesture } from './alarmSound';

/**
 * Beeps once for each new critical alarm while the console is live (not for what the first snapshot
 * or a replay shows), unless muted. Audio blocked by the autoplay policy stays silent, never throws.
 */
export function useAlarmSound(): void {
  useEffect(() => {
    const known = new Set<number>();
    const look = () => {
      const s = useOpsStore.getState();
      const learnOnly = s.connection !== 'live' || liveGate.mode !== 'live';
      const fresh = newCriticalAlarms(s.alarms, known, learnOnly);
      if (fresh.length && !useOverlayStore.getState().muted) beep();
    };
    look();
    const unsub = useOpsStore.subscribe((s, p) => {
      if (s.alarms !== p.alarms || s.connection !== p.connection) look();
    });
    const unlock = unlockAudioOnGesture();
    return () => {
      unsub();
      unlock();
    };
  }, []);
}
