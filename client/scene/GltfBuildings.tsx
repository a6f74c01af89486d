import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import type { Building } from '../../models/compound';
import { GltfBuilding } from './GltfBuilding';
import { createModelMaterial } from './modelMaterial';
import { useSceneResources } from './SceneContext';

export interface GltfBuildingsProps {
  buildings: readonly Building[];
}

function ModelSet({ buildings }: GltfBuildingsProps) {
  const { buildingState, heat } = useSceneResources();
  // one material for every model: per-building looks come from the shared state texture by aBuilding
  const material = useMemo(() => createModelMaterial(buildingState, heat), [buildingState, heat]);
  useEffect(() => () => material.dispose(), [material]);
  useFrame((state) => {
    material.uniforms.uTime.value = state.clock.elapsedTime;
  });
  return <group>{buildings.map((b, i) => (b.model ? <GltfBuilding key={b.id} building={b} index={i} material={material} /> : null))}</group>;
}

/** The buildings that name a glTF model; nothing at all for compounds without one. */
export function GltfBuildings({ buildings }: GltfBuildingsProps) {
  return buildings.some((b) => b.model) ? <ModelSet buildings={buildings} /> : null;
}
