import type { ThreeEvent } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import { AdditiveBlending, Color, type Mesh, MeshBasicMaterial, RingGeometry } from 'three';
import { useTwinStore } from '../stores/useTwinStore';
import { useWorkOrderUiStore } from '../stores/useWorkOrderUiStore';
import { modelPoint } from './coords';

/**
 * "New work order here": while the mode is on, a click on the ground opens the create form at that
 * point (a click on a building does the same through the building shell). A ring follows the pointer.
 */
export function PlacementPicker() {
  const placing = useWorkOrderUiStore((s) => s.placing);
  const index = useTwinStore((s) => s.index);
  const ring = useRef<Mesh>(null);
  const ringGeo = useMemo(() => new RingGeometry(1.6, 2.2, 32).rotateX(-Math.PI / 2), []);
  const ringMat = useMemo(
    () => new MeshBasicMaterial({ color: new Color(0xffb020), transparent: true, blending: AdditiveBlending, depthTest: false, depthWrite: false }),
    [],
  );
  const catcher = useMemo(() => new MeshBasicMaterial({ transparent: true, opacity: 0, depthWrite: false, colorWrite: false }), []);
  useEffect(
    () => () => {
      ringGeo.dispose();
      ringMat.dispose();
      catcher.dispose();
    },
    [ringGeo, ringMat, catcher],
  );
  if (!placing || !index) return null;
  const b = index.bounds;
  const size = Math.max(b.maxX - b.minX, b.maxY - b.minY) * 3;
  const onMove = (e: ThreeEvent<PointerEvent>) => {
    if (ring.current) ring.current.position.set(e.point.x, 0.15, e.point.z);
  };
  const onClick = (e: ThreeEvent<MouseEvent>) => {
    if (e.delta > 6) return;
    e.stopPropagation();
    useWorkOrderUiStore.getState().startDraft({ location: modelPoint(e.point) });
  };
  return (
    <group>
      <mesh position={[(b.minX + b.maxX) / 2, 0, -(b.minY + b.maxY) / 2]} rotation-x={-Math.PI / 2} material={catcher} onPointerMove={onMove} onClick={onClick}>
        <planeGeometry args={[size, size]} />
      </mesh>
      <mesh ref={ring} geometry={ringGeo} material={ringMat} renderOrder={17} raycast={() => null} />
    </group>
  );
}
