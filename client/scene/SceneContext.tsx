import { createContext, useContext } from 'react';
import type { BuildingState } from './buildingState';

/** Shared scene resources built once per compound. */
export interface SceneResources {
  buildingState: BuildingState;
}

export const SceneContext = createContext<SceneResources | null>(null);

export function useSceneResources(): SceneResources {
  const r = useContext(SceneContext);
  if (!r) throw new Error('useSceneResources outside <SceneContext.Provider>');
  return r;
}
