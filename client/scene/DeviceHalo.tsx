import { useFrame } from '@react-three/fiber';
import { useMemo, useRef } from 'react';
import { AdditiveBlending, Color, type Mesh, MeshBasicMaterial, RingGeometry } from 'three';
import type { TwinIndex } from '../stores/twinIndex';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { sceneFx } from './coords';
import { deviceWorldPosition } from './deviceLocator';

/** Puts a halo under a device (or hides it); runs every frame, so it allocates nothing. */
function placeHalo(mesh: Mesh | null, index: TwinIndex | null, id: string | null | undefined, pulse: number): void {
  if (!mesh) return;
  mesh.visible = !!index && !!id && deviceWorldPosition(index, id, mesh.position) !== null;
  if (!mesh.visible) return;
  mesh.position.y += 0.08;
  mesh.scale.setScalar(sceneFx.markerScale * (1 + pulse));
}

/** Flat glowing rings under the hovered and the selected device; they follow exploded floors. */
export function DeviceHalo() {
  const hoverRef = useRef<Mesh>(null);
  const selRef = useRef<Mesh>(null);
  const geometry = useMemo(() => new RingGeometry(1.0, 1.35, 40).rotateX(-Math.PI / 2), []);
  const hoverMat = useMemo(
    () =>
      new MeshBasicMaterial({ color: new Color(0x9be7ff), transparent: true, opacity: 0.7, blending: AdditiveBlending, depthWrite: false, depthTest: false }),
    [],
  );
  const selMat = useMemo(
    () => new MeshBasicMaterial({ color: new Color(0x3fd0ff), transparent: true, opacity: 1, blending: AdditiveBlending, depthWrite: false, depthTest: false }),
    [],
  );
  useFrame((state) => {
    const index = useTwinStore.getState().index;
    const ui = useUiStore.getState();
    placeHalo(hoverRef.current, index, ui.hover?.kind === 'device' ? ui.hover.id : null, 0);
    placeHalo(selRef.current, index, ui.selection.deviceId, 0.25 * (0.5 + 0.5 * Math.sin(state.clock.elapsedTime * 4)));
  });
  return (
    <group>
      <mesh ref={hoverRef} geometry={geometry} material={hoverMat} renderOrder={15} raycast={() => null} visible={false} />
      <mesh ref={selRef} geometry={geometry} material={selMat} renderOrder={16} raycast={() => null} visible={false} />
    </group>
  );
}
