import { useFrame, type ThreeEvent } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { BufferAttribute, BufferGeometry } from 'three';
import type { Building } from '../../models/compound';
import { useModelStore } from '../stores/useModelStore';
import { useUiStore } from '../stores/useUiStore';
import { useWorkOrderUiStore } from '../stores/useWorkOrderUiStore';
import { buildLineArrays } from './buildingLines';
import { HIDDEN } from './buildingState';
import { buildShellArrays } from './buildingShell';
import { GltfBuildings } from './GltfBuildings';
import { createLineMaterial } from './lineMaterial';
import { modelPoint, sceneFx } from './coords';
import { useSceneResources } from './SceneContext';
import { sceneStats } from './sceneStats';
import { createShellMaterial } from './shellMaterial';
import { tintOf } from './useTints';

export interface BuildingsProps {
  buildings: readonly Building[];
}

/** Building index under a pointer event on the merged shell (from the hit triangle's first vertex). */
function buildingAt(e: ThreeEvent<PointerEvent | MouseEvent>, geometry: BufferGeometry): number {
  if (e.faceIndex == null || !geometry.index) return -1;
  const v = geometry.index.getX(e.faceIndex * 3);
  return geometry.getAttribute('aBuilding').getX(v);
}

/** All shells in one mesh and all floor/unit lines in one LineSegments: two draw calls for any number of buildings. */
export function Buildings({ buildings }: BuildingsProps) {
  const { buildingState, heat } = useSceneResources();
  // buildings whose glTF model is drawn are left out (until then, or if it fails, they are extruded)
  const readyKey = useModelStore((s) => buildings.map((b, i) => (b.model && s.status[b.id] === 'ready' ? i : '')).join(','));
  const modelled = useMemo(() => new Set(readyKey.split(',').filter(Boolean).map(Number)), [readyKey]);
  const shell = useMemo(() => {
    const a = buildShellArrays(buildings, modelled);
    const g = new BufferGeometry();
    g.setAttribute('position', new BufferAttribute(a.position, 3));
    g.setAttribute('normal', new BufferAttribute(a.normal, 3));
    g.setAttribute('aWall', new BufferAttribute(a.wall, 2));
    g.setAttribute('aBuilding', new BufferAttribute(a.building, 1));
    g.setAttribute('aRoof', new BufferAttribute(a.roof, 1));
    g.setAttribute('aFloorH', new BufferAttribute(a.floorH, 1));
    g.setAttribute('aTint', new BufferAttribute(a.tint, 4));
    g.setIndex(new BufferAttribute(a.index, 1));
    g.computeBoundingSphere();
    return g;
  }, [buildings, modelled]);
  const lines = useMemo(() => {
    const a = buildLineArrays(buildings, modelled);
    const g = new BufferGeometry();
    g.setAttribute('position', new BufferAttribute(a.position, 3));
    g.setAttribute('aBuilding', new BufferAttribute(a.building, 1));
    g.setAttribute('aKind', new BufferAttribute(a.kind, 1));
    g.computeBoundingSphere();
    return g;
  }, [buildings, modelled]);
  const shellMat = useMemo(() => createShellMaterial(buildingState, heat), [buildingState, heat]);
  const lineMat = useMemo(() => createLineMaterial(buildingState), [buildingState]);
  useEffect(
    () => () => {
      shell.dispose();
      lines.dispose();
      shellMat.dispose();
      lineMat.dispose();
    },
    [shell, lines, shellMat, lineMat],
  );

  useEffect(() => {
    sceneStats.tints = Object.fromEntries(buildings.map((b) => [b.id, tintOf(b.use)]));
  }, [buildings]);

  useFrame((state) => {
    const t = state.clock.elapsedTime;
    shellMat.uniforms.uTime.value = t;
    lineMat.uniforms.uTime.value = t;
  });

  // A building shown in detail is dropped by the shader but still in the CPU geometry: let its hits fall through.
  const visibleAt = (e: ThreeEvent<PointerEvent | MouseEvent>) => {
    const i = buildingAt(e, shell);
    return i >= 0 && buildingState.get(i, HIDDEN) === 0 ? buildings[i] : undefined;
  };
  const onMove = (e: ThreeEvent<PointerEvent>) => {
    const b = visibleAt(e);
    if (!b) return;
    e.stopPropagation();
    useUiStore.getState().setHover({ kind: 'building', id: b.id });
  };
  const onOut = () => {
    const h = useUiStore.getState().hover;
    if (h?.kind === 'building') useUiStore.getState().setHover(null);
  };
  const onClick = (e: ThreeEvent<MouseEvent>) => {
    const b = visibleAt(e);
    if (!b) return;
    e.stopPropagation();
    if (e.delta > 6) return;
    if (sceneFx.pickBuilding?.(b.id)) return;
    // "new work order here": the point clicked on the building, not a selection
    if (useWorkOrderUiStore.getState().placing) useWorkOrderUiStore.getState().startDraft({ buildingId: b.id, location: modelPoint(e.point) });
    else useUiStore.getState().selectBuilding(b.id);
  };

  return (
    <group>
      <mesh geometry={shell} material={shellMat} onPointerMove={onMove} onPointerOut={onOut} onClick={onClick} />
      <lineSegments geometry={lines} material={lineMat} raycast={() => null} renderOrder={1} />
      <GltfBuildings buildings={buildings} />
    </group>
  );
}
