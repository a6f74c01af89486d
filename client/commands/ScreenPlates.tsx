import { Html } from '@react-three/drei';
import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Vector3 } from 'three';
import type { ScreenContent } from '../../models/commands';
import { deviceWorldPosition } from '../scene/deviceLocator';
import { useReplayStore } from '../stores/useReplayStore';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { commandApi } from './commandApi';
import { ringFx } from './commandFx';
import { useCommandStore } from './useCommandStore';
import './commands.css';

const PLATE_RANGE_M = 80;
const PLATE_MAX = 12;
const PLATE_EVERY_S = 0.25;

/** Screens' notices as small plates on their markers, for the screens within ~80 m of the camera (at most 12). */
export default function ScreenPlates() {
  const compoundId = useTwinStore((s) => s.compound?.id ?? null);
  const index = useTwinStore((s) => s.index);
  const screensRev = useCommandStore((s) => s.screensRev);
  const replaying = useReplayStore((s) => s.active);
  const lang = useUiStore((s) => s.lang);
  const [screens, setScreens] = useState<ScreenContent[]>([]);
  const [shown, setShown] = useState<number[]>([]);
  useEffect(() => {
    if (!compoundId || replaying) return setScreens([]);
    let live = true;
    // a settled screen_show/screen_clear: asked again shortly after (deltas arrive in bursts)
    const timer = setTimeout(
      () =>
        void commandApi.screens(compoundId).then(
          (r) => live && setScreens(r.screens),
          () => undefined,
        ),
      screensRev === 0 ? 0 : 400,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [compoundId, screensRev, replaying]);
  const pos = useMemo(() => {
    const a = new Float32Array(screens.length * 3);
    const v = new Vector3();
    screens.forEach((s, i) => {
      if (index && deviceWorldPosition(index, s.deviceId, v)) a.set([v.x, v.y + 2.6, v.z], i * 3);
      else a.set([NaN, NaN, NaN], i * 3);
    });
    return a;
  }, [screens, index]);
  const scratch = useMemo(() => ({ d: new Float32Array(Math.max(1, screens.length)), pick: new Int32Array(PLATE_MAX), last: 0, n: 0 }), [screens]);
  const shownRef = useRef(shown);
  shownRef.current = shown;
  useFrame(({ camera, clock }) => {
    const t = clock.elapsedTime;
    if (t - scratch.last < PLATE_EVERY_S) return;
    scratch.last = t;
    const cp = camera.position;
    const n = screens.length;
    for (let i = 0; i < n; i++) {
      const dx = pos[i * 3] - cp.x;
      const dy = pos[i * 3 + 1] - cp.y;
      const dz = pos[i * 3 + 2] - cp.z;
      const d2 = dx * dx + dy * dy + dz * dz;
      scratch.d[i] = Number.isNaN(d2) || d2 > PLATE_RANGE_M * PLATE_RANGE_M ? Infinity : d2;
    }
    // the nearest few, by repeated scan (n is tens)
    let k = 0;
    for (; k < PLATE_MAX; k++) {
      let best = -1;
      for (let i = 0; i < n; i++) if (scratch.d[i] !== Infinity && (best < 0 || scratch.d[i] < scratch.d[best])) best = i;
      if (best < 0) break;
      scratch.pick[k] = best;
      scratch.d[best] = Infinity;
    }
    // React hears of it only when the set changed
    const cur = shownRef.current;
    let same = cur.length === k;
    for (let i = 0; same && i < k; i++) same = cur.includes(scratch.pick[i]);
    if (!same) setShown(Array.from(scratch.pick.subarray(0, k)).sort((a, b) => a - b));
  });
  useEffect(() => {
    ringFx.plates = shown.map((i) => screens[i]?.deviceId).filter(Boolean);
  }, [shown, screens]);
  return (
    <>
      {shown.map((i) => {
        const s = screens[i];
        if (!s) return null;
        const title = lang === 'en' && s.title.en ? s.title.en : s.title.zh;
        const body = lang === 'en' && s.body.en ? s.body.en : s.body.zh;
        return (
          <Html key={s.deviceId} position={[pos[i * 3], pos[i * 3 + 1], pos[i * 3 + 2]]} center zIndexRange={[4, 0]} style={{ pointerEvents: 'none' }}>
            <div className={`screen-plate lvl-${s.level}`} data-testid="screen-plate" data-device-id={s.deviceId}>
              <b>{title}</b>
              <span>{body}</span>
            </div>
          </Html>
        );
      })}
    </>
  );
}
