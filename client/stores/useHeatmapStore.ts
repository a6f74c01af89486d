import { create } from 'zustand';
import type { EnergyMap, EnergyMetric } from '../../models/energy';

export type HeatWindow = 'today' | '24h' | '7d' | '30d' | 'custom';
export type HeatPer = 'total' | 'household' | 'm2';

/** What the energy heatmap colours by. `from`/`to` are used with the custom window. */
export interface HeatSettings {
  metric: EnergyMetric;
  window: HeatWindow;
  per: HeatPer;
  from: number | null;
  to: number | null;
}

/** The heatmap's settings and the figures loaded for them: per building, and per cell of the building drilled into. */
export interface HeatmapState {
  settings: HeatSettings;
  buildings: EnergyMap | null;
  /** Units or floor cells of the opened building (null when none is open). */
  cells: EnergyMap | null;
  loading: boolean;
  error: string | null;
  set: (s: Partial<HeatSettings>) => void;
  loaded: (kind: 'buildings' | 'cells', data: EnergyMap | null, error?: string | null) => void;
  setLoading: () => void;
}

export const useHeatmapStore = create<HeatmapState>()((set) => ({
  settings: { metric: 'energy_kwh', window: '24h', per: 'total', from: null, to: null },
  buildings: null,
  cells: null,
  loading: false,
  error: null,
  set: (s) => set((st) => ({ settings: { ...st.settings, ...s } })),
  loaded: (kind, data, error = null) => set(kind === 'buildings' ? { buildings: data, loading: false, error } : { cells: data, loading: false, error }),
  setLoading: () => set({ loading: true, error: null }),
}));

/** The energy API's query for the settings, at the building level or one building's cells. */
export function energyQuery(s: HeatSettings, drill: { buildingId: string; level: 'unit' | 'floor' } | null): Record<string, string> {
  const q: Record<string, string> = { metric: s.metric, window: s.window, per: s.per };
  if (s.window === 'custom') {
    if (s.from !== null) q.from = String(s.from);
    if (s.to !== null) q.to = String(s.to);
  }
  if (drill) {
    q.level = drill.level;
    q.buildingId = drill.buildingId;
  }
  return q;
}
