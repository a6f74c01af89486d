import { createContext, useContext } from 'react';
import type { BuildingState } from './buildingState';
import type { CellHeat } from './cellHeat';

/** Shared scene resources built once per compound. */
export interface SceneResources {
  buildingState: BuildingState;
  /** Heatmap colour per building (RGB, A: 0 none, 128 coloured, 255 outlier), read by the shell shader. */
  heat: BuildingState;
  /** Heatmap colour per unit and floor of the opened building, read by the see-through storeys. */
  cellHeat: CellHeat;
}

export const SceneContext = createContext<SceneResources | null>(null);

export function useSceneResources(): SceneResources {
  const r = useContext(SceneContext);
  if (!r) throw new Error('useSceneResources outside <SceneContext.Provider>');
  return r;
}
