import type { ThreeEvent } from '@react-three/fiber';
import { useEffect, useState } from 'react';
import type { BufferGeometry, ShaderMaterial } from 'three';
import type { Building } from '../../models/compound';
import { footprintAnchor } from '../stores/twinIndex';
import { useModelStore } from '../stores/useModelStore';
import { useUiStore } from '../stores/useUiStore';
import { useWorkOrderUiStore } from '../stores/useWorkOrderUiStore';
import { HIDDEN } from './buildingState';
import { modelPoint, sceneFx } from './coords';
import { bakeModel, modelTop } from './modelGeometry';
import { useSceneResources } from './SceneContext';

export interface GltfBuildingProps {
  building: Building;
  /** Position in compound.buildings (the per-building state texel). */
  index: number;
  material: ShaderMaterial;
}

const why = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** A decoder that dies in its worker never answers: give up (and say so) after this long. */
const LOAD_TIMEOUT_MS = 45_000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
    p.then(resolve, reject).finally(() => clearTimeout(t));
  });
}

/**
 * One building drawn from its glTF model: loaded lazily, baked into one mesh, picked like an extruded
 * building (hover, click → selection and fly-to, "new work order here"). Until it is ready, and for
 * good if it fails, the building stays in the merged extrusion.
 */
export function GltfBuilding({ building, index, material }: GltfBuildingProps) {
  const { buildingState } = useSceneResources();
  const [geometry, setGeometry] = useState<BufferGeometry | null>(null);

  useEffect(() => {
    const model = building.model;
    if (!model) return;
    let live = true;
    let made: BufferGeometry | null = null;
    useModelStore.getState().setStatus(building.id, 'loading');
    withTimeout(
      import('./gltfLoader').then(({ loadModel }) => loadModel(model.url)),
      LOAD_TIMEOUT_MS,
    )
      .then((root) => {
        if (!live) return;
        made = bakeModel(root, model, index);
        if (!made) throw new Error('it has no triangles');
        setGeometry(made);
        useModelStore.getState().setStatus(building.id, 'ready', modelTop(made, footprintAnchor(building.footprint, building.holes)));
      })
      .catch((err: unknown) => {
        if (!live) return;
        console.warn(`[twin] building ${building.id}: glTF model ${model.url} could not be drawn (${why(err)}); showing its extruded footprint instead`);
        useModelStore.getState().setStatus(building.id, 'failed');
      });
    return () => {
      live = false;
      made?.dispose();
      setGeometry(null);
      useModelStore.getState().clear(building.id);
    };
  }, [building, index]);

  if (!geometry) return null;
  // opened in detail, the model is dropped by its shader: let the pointer through to the storeys
  const shown = () => buildingState.get(index, HIDDEN) === 0;
  const onMove = (e: ThreeEvent<PointerEvent>) => {
    if (!shown()) return;
    e.stopPropagation();
    useUiStore.getState().setHover({ kind: 'building', id: building.id });
  };
  const onOut = () => {
    const h = useUiStore.getState().hover;
    if (h?.kind === 'building' && h.id === building.id) useUiStore.getState().setHover(null);
  };
  const onClick = (e: ThreeEvent<MouseEvent>) => {
    if (!shown()) return;
    e.stopPropagation();
    if (e.delta > 6) return;
    if (sceneFx.pickBuilding?.(building.id)) return;
    if (useWorkOrderUiStore.getState().placing) useWorkOrderUiStore.getState().startDraft({ buildingId: building.id, location: modelPoint(e.point) });
    else useUiStore.getState().selectBuilding(building.id);
  };
  return <mesh geometry={geometry} material={material} onPointerMove={onMove} onPointerOut={onOut} onClick={onClick} />;
}
