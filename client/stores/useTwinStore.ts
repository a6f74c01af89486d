import { create } from 'zustand';
import type { Compound } from '../../models/compound';
import { buildTwinIndex, type TwinIndex } from './twinIndex';

/** The static twin: the compound document and its lookups. Changes only when a compound loads. */
export interface TwinStoreState {
  compoundId: string;
  compound: Compound | null;
  index: TwinIndex | null;
  loading: boolean;
  error: string | null;
  setLoading: (compoundId: string) => void;
  setCompound: (c: Compound) => void;
  setError: (message: string) => void;
}

export const useTwinStore = create<TwinStoreState>()((set) => ({
  compoundId: '',
  compound: null,
  index: null,
  loading: false,
  error: null,
  setLoading: (compoundId) => set({ compoundId, loading: true, error: null }),
  setCompound: (c) => set({ compound: c, index: buildTwinIndex(c), loading: false, error: null }),
  setError: (message) => set({ loading: false, error: message }),
}));
