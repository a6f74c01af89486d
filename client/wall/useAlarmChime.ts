import { useEffect } from 'react';
import { useOpsStore } from '../stores/useOpsStore';
import { usePatrolStore } from './usePatrolStore';

/** Two falling tones: loud enough for a control room, short enough not to annoy. */
function chime(ctx: AudioContext, urgent: boolean): void {
  const t = ctx.currentTime;
  const tones = urgent ? [880, 660, 880, 660] : [740, 560];
  tones.forEach((f, i) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = f;
    const at = t + i * 0.22;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.2);
    osc.connect(gain).connect(ctx.destination);
    osc.start(at);
    osc.stop(at + 0.21);
  });
}

/**
 * Sounds a chime when the patrol turns to a critical or major alarm (the wall's "sound" on alarm).
 * Browsers may keep audio muted until someone has touched the page; a kiosk runs Chromium with
 * --autoplay-policy=no-user-gesture-required. `?sound=off` silences it.
 */
export function useAlarmChime(enabled: boolean): void {
  useEffect(() => {
    if (!enabled || typeof AudioContext === 'undefined') return;
    let ctx: AudioContext | null = null;
    const unsub = usePatrolStore.subscribe((s, prev) => {
      if (s.kind !== 'alarm' || s.alarmId === null || s.alarmId === prev.alarmId) return;
      const a = useOpsStore.getState().alarms.find((x) => x.id === s.alarmId);
      if (!a || (a.severity !== 'critical' && a.severity !== 'major')) return;
      try {
        ctx ??= new AudioContext();
        if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
        chime(ctx, a.severity === 'critical');
      } catch {
        // no audio device or not allowed: the wall stays silent, the camera still flies there
      }
    });
    return () => {
      unsub();
      void ctx?.close().catch(() => undefined);
    };
  }, [enabled]);
}
