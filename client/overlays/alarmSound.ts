const MUTE_KEY = 'twin.alarmMute';

/** Whether the officer muted the alarm beep (remembered across visits). */
export function loadMuted(): boolean {
  try {
    return typeof window !== 'undefined' && window.localStorage.getItem(MUTE_KEY) === '1';
  } catch {
    return false;
  }
}

export function saveMuted(muted: boolean): void {
  try {
    window.localStorage.setItem(MUTE_KEY, muted ? '1' : '0');
  } catch {
    // storage blocked: the switch still holds for this page
  }
}

let ctx: AudioContext | null = null;
/** Beeps sounded (or tried while the browser kept audio blocked): what a test can count. */
export const beepStats = { played: 0, blocked: 0 };

/**
 * A short two-tone beep for a new critical alarm. Never throws: without an audio device, or while
 * the autoplay policy keeps audio suspended until the page is touched, it stays silent.
 */
export function beep(): void {
  try {
    if (typeof AudioContext === 'undefined') return;
    ctx ??= new AudioContext();
    if (ctx.state === 'suspended') {
      beepStats.blocked++;
      void ctx.resume().catch(() => undefined);
      return;
    }
    const t = ctx.currentTime;
    [988, 740].forEach((f, i) => {
      const osc = ctx!.createOscillator();
      const gain = ctx!.createGain();
      osc.type = 'square';
      osc.frequency.value = f;
      const at = t + i * 0.18;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.12, at + 0.015);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.16);
      osc.connect(gain).connect(ctx!.destination);
      osc.start(at);
      osc.stop(at + 0.17);
    });
    beepStats.played++;
  } catch {
    beepStats.blocked++;
  }
}

/** Lets the first touch of the page unlock audio (autoplay policy), so later alarms can sound. */
export function unlockAudioOnGesture(): () => void {
  const unlock = () => {
    try {
      if (typeof AudioContext === 'undefined') return;
      ctx ??= new AudioContext();
      if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
    } catch {
      // no audio here
    }
  };
  window.addEventListener('pointerdown', unlock, { once: true, capture: true });
  window.addEventListener('keydown', unlock, { once: true, capture: true });
  return () => {
    window.removeEventListener('pointerdown', unlock, { capture: true });
    window.removeEventListener('keydown', unlock, { capture: true });
  };
}
