import { useEffectEvent, useLayoutEffect, type RefObject } from 'react';
import { InstancedBufferAttribute, type InstancedMesh } from 'three';
import type { Alarm } from '../../models/alarm';
import { worstAlarmPerDevice } from '../overlays/alarmMarkers';
import { useOpsStore } from '../stores/useOpsStore';
import { useOverlayStore } from '../stores/useOverlayStore';
import { useTwinStore } from '../stores/useTwinStore';

/**
 * For instanced alarm overlays: gives the mesh per-instance colours, then calls `apply` with the most
 * severe active alarm per device (none while the alarm overlay is off) whenever the alarms, the twin or
 * that switch change. Store subscriptions, not React state: an alarm never re-renders the scene.
 */
export function useWorstAlarms(ref: RefObject<InstancedMesh | null>, capacity: number, apply: (alarms: Alarm[]) => void, onUnmount?: () => void): void {
  // the callers' latest callbacks, without re-subscribing when they change (every render)
  const applyLatest = useEffectEvent(apply);
  const unmounted = useEffectEvent(() => onUnmount?.());
  useLayoutEffect(() => {
    const mesh = ref.current;
    if (mesh && !mesh.instanceColor) mesh.instanceColor = new InstancedBufferAttribute(new Float32Array(capacity * 3), 3);
    const sync = () => applyLatest(useOverlayStore.getState().on.alarms ? worstAlarmPerDevice(useOpsStore.getState().alarms) : []);
    sync();
    const unsubOps = useOpsStore.subscribe((s, p) => s.alarms !== p.alarms && sync());
    const unsubTwin = useTwinStore.subscribe((s, p) => s.index !== p.index && sync());
    const unsubOn = useOverlayStore.subscribe((s, p) => s.on.alarms !== p.on.alarms && sync());
    return () => {
      unsubOps();
      unsubTwin();
      unsubOn();
      unmounted();
    };
  }, [ref, capacity]);
}
