import { create } from 'zustand';
import type { EnergyItem, EnergyMap, EnergyMetric } from '../../models/energy';

export type HeatWindow = 'today' | '24h' | '7d' | '30d' | 'custom';
export type HeatPer = 'total' | 'household' | 'm2';

/** What the heatmap colours by: energy use, or the fee collection rate (client/fees/feeHeat.ts, lazy). */
export type HeatMetric = EnergyMetric | 'fee_rate';

/** An item of the map: the energy API's, or a building's collection rate in % with its households in arrears. */
export type HeatItem = EnergyItem & { arrears?: number | null };

/** What the heatmap draws: the energy API's answer, or the fee rates in its shape (with the months that have bills). */
export type HeatMap = Omit<EnergyMap, 'metric' | 'items'> & { metric: HeatMetric; items: HeatItem[]; months?: string[]; month?: string | null };

/** What the heatmap colours by. `from`/`to` are used with the custom window; `month` (YYYY-MM, null: latest) with fee_rate. */
export interface HeatSettings {
  metric: HeatMetric;
  month?: string | null;
  window: HeatWindow;
  per: HeatPer;
  from: number | null;
  to: number | null;
}

/** The heatmap's settings and the figures loaded for them: per building, and per cell of the building drilled into. */
export interface HeatmapState {
  settings: HeatSettings;
  buildings: HeatMap | null;
  /** Units or floor cells of the opened building (null when none is open). */
  cells: HeatMap | null;
  loading: boolean;
  error: string | null;
  set: (s: Partial<HeatSettings>) => void;
  loaded: (kind: 'buildings' | 'cells', data: HeatMap | null, error?: string | null) => void;
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
