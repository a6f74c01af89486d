import { create } from 'zustand';

export type ModelStatus = 'loading' | 'ready' | 'failed';

/**
 * glTF models of buildings, by building id: whether each is loading, drawn or failed (then the
 * extrusion is drawn instead), and a point on top of each drawn one (three coordinates) for the
 * test probe. The merged extrusion leaves out exactly the buildings whose model is ready.
 */
export interface ModelStoreState {
  status: Record<string, ModelStatus>;
  top: Record<string, [number, number, number]>;
  setStatus: (id: string, status: ModelStatus, top?: [number, number, number]) => void;
  clear: (id: string) => void;
}

export const useModelStore = create<ModelStoreState>()((set) => ({
  status: {},
  top: {},
  setStatus: (id, status, top) =>
    set((s) => {
      const nextTop = { ...s.top };
      if (top) nextTop[id] = top;
      else delete nextTop[id];
      return { status: { ...s.status, [id]: status }, top: nextTop };
    }),
  clear: (id) =>
    set((s) => {
      if (!(id in s.status)) return s;
      const status = { ...s.status };
      const top = { ...s.top };
      delete status[id];
      delete top[id];
      return { status, top };
    }),
}));
