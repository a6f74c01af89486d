import { useEffect } from 'react';
import { useOverlayStore } from '../stores/useOverlayStore';
import { watchFreshCriticals } from './freshCriticals';
import { beep, unlockAudioOnGesture } from './alarmSound';

/**
 * Beeps once for each new critical alarm while the console is live (not for what the first snapshot
 * or a replay shows), unless muted. Audio blocked by the autoplay policy stays silent, never throws.
 */
export function useAlarmSound(): void {
  useEffect(() => {
    const unsub = watchFreshCriticals(() => {
      if (!useOverlayStore.getState().muted) beep();
    });
    const unlock = unlockAudioOnGesture();
    return () => {
      unsub();
      unlock();
    };
  }, []);
}
