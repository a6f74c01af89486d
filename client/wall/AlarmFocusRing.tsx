import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import { AdditiveBlending, Color, type Mesh, MeshBasicMaterial, RingGeometry } from 'three';
import { sceneFx } from '../scene/coords';
import { deviceWorldPosition } from '../scene/deviceLocator';
import { useTwinStore } from '../stores/useTwinStore';
import { usePatrolStore } from './usePatrolStore';

/** A pulsing red ring on the device the patrol is showing an alarm for (never on a household's device). */
export function AlarmFocusRing() {
  const ref = useRef<Mesh>(null);
  const geometry = useMemo(() => new RingGeometry(2.2, 3.0, 48).rotateX(-Math.PI / 2), []);
  const material = useMemo(() => new MeshBasicMaterial({ color: new Color(0xff2d55), transparent: true, opacity: 0.95, blending: AdditiveBlending, depthWrite: false, depthTest: false }), []);
  useEffect(() => () => {
    geometry.dispose();
    material.dispose();
  }, [geometry, material]);
  useFrame((state) => {
    const mesh = ref.current;
    if (!mesh) return;
    const p = usePatrolStore.getState();
    const index = useTwinStore.getState().index;
    mesh.visible = p.kind === 'alarm' && !!p.deviceId && !!index && deviceWorldPosition(index, p.deviceId, mesh.position) !== null;
    if (!mesh.visible) return;
    mesh.position.y += 0.1;
    const t = (state.clock.elapsedTime * 1.2) % 1;
    mesh.scale.setScalar(sceneFx.markerScale * (1 + 1.6 * t));
    material.opacity = 0.95 * (1 - t);
  });
  return <mesh ref={ref} geometry={geometry} material={material} renderOrder={17} raycast={() => null} visible={false} />;
}
