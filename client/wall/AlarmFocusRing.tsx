import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import { AdditiveBlending, Color, type Mesh, MeshBasicMaterial, RingGeometry } from 'three';
import { SEVERITY_RANK } from '../../models/alarm';
import { markerStyle } from '../overlays/alarmMarkers';
import { sceneFx } from '../scene/coords';
import { deviceWorldPosition } from '../scene/deviceLocator';
import { useOpsStore } from '../stores/useOpsStore';
import { useTwinStore } from '../stores/useTwinStore';
import { usePatrolStore } from './usePatrolStore';

const SEVERITY_COLORS = [0xff2d55, 0xff6a2d, 0xffb020, 0xffd84a];

/**
 * A ring spreading from the device the patrol is showing an alarm for (never a household's device), in
 * the alarm's severity colour and sized by it: critical widest and fastest; a returned alarm's ring
 * spreads slowly, an acknowledged one stands still.
 */
export function AlarmFocusRing() {
  const ref = useRef<Mesh>(null);
  const geometry = useMemo(() => new RingGeometry(2.2, 3.0, 48).rotateX(-Math.PI / 2), []);
  const material = useMemo(
    () =>
      new MeshBasicMaterial({ color: new Color(0xff2d55), transparent: true, opacity: 0.95, blending: AdditiveBlending, depthWrite: false, depthTest: false }),
    [],
  );
  // the focused alarm's look, kept up to date by store subscriptions so the frame loop only reads it
  const look = useRef({ size: 1, speed: 1.2, spread: 1.6 });
  useEffect(() => {
    const sync = () => {
      const id = usePatrolStore.getState().alarmId;
      const a = id === null ? undefined : useOpsStore.getState().alarms.find((x) => x.id === id);
      const style = a ? markerStyle(a) : null;
      const l = look.current;
      material.color.setHex(SEVERITY_COLORS[a ? SEVERITY_RANK[a.severity] : 0]);
      l.size = style ? 0.6 + 0.4 * style.size : 1;
      l.speed = !style || style.motion === 'pulse' ? 0.6 + 0.6 * (style?.speed ?? 1) : style.motion === 'returned' ? 0.4 : 0;
      l.spread = style && style.motion === 'steady' ? 0.4 : 1.6;
    };
    sync();
    const unsubPatrol = usePatrolStore.subscribe((s, p) => s.alarmId !== p.alarmId && sync());
    const unsubOps = useOpsStore.subscribe((s, p) => s.alarms !== p.alarms && sync());
    return () => {
      unsubPatrol();
      unsubOps();
      geometry.dispose();
      material.dispose();
    };
  }, [geometry, material]);
  useFrame((state) => {
    const mesh = ref.current;
    if (!mesh) return;
    const p = usePatrolStore.getState();
    const index = useTwinStore.getState().index;
    mesh.visible = p.kind === 'alarm' && !!p.deviceId && !!index && deviceWorldPosition(index, p.deviceId, mesh.position) !== null;
    if (!mesh.visible) return;
    mesh.position.y += 0.1;
    const l = look.current;
    const t = l.speed > 0 ? (state.clock.elapsedTime * l.speed) % 1 : 0.25;
    mesh.scale.setScalar(sceneFx.markerScale * l.size * (1 + l.spread * t));
    material.opacity = 0.95 * (1 - t);
  });
  return <mesh ref={ref} geometry={geometry} material={material} renderOrder={17} raycast={() => null} visible={false} />;
}
