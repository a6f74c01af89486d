import { useEffect } from 'react';
import type { EnergyMap } from '../../models/energy';
import { ApiError } from '../live/api';
import { energyQuery, useHeatmapStore, type HeatMap, type HeatSettings } from '../stores/useHeatmapStore';
import { useOverlayStore } from '../stores/useOverlayStore';
import { useUiStore } from '../stores/useUiStore';
import { overlayApi } from './overlayApi';

const REFRESH_MS = 60_000;

/** Per floor cell of a building, or per unit where floor cells are not allowed (evaluators). */
async function loadCells(compoundId: string, settings: HeatSettings, buildingId: string, signal: AbortSignal): Promise<EnergyMap> {
  try {
    return await overlayApi.energy(compoundId, energyQuery(settings, { buildingId, level: 'floor' }), signal);
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 403)) throw err;
    return overlayApi.energy(compoundId, energyQuery(settings, { buildingId, level: 'unit' }), signal);
  }
}

/** For an effect: runs `load` now and every minute until the returned cleanup; answers after it are dropped. */
function refreshing(enabled: boolean, load: (signal: AbortSignal) => Promise<HeatMap>, kind: 'buildings' | 'cells'): (() => void) | undefined {
  if (!enabled) {
    useHeatmapStore.getState().loaded(kind, null);
    return;
  }
  const ctrl = new AbortController();
  const run = () => {
    useHeatmapStore.getState().setLoading();
    load(ctrl.signal).then(
      (d) => !ctrl.signal.aborted && useHeatmapStore.getState().loaded(kind, d),
      (err: unknown) => !ctrl.signal.aborted && useHeatmapStore.getState().loaded(kind, null, err instanceof Error ? err.message : String(err)),
    );
  };
  run();
  const timer = setInterval(run, REFRESH_MS);
  return () => {
    ctrl.abort();
    clearInterval(timer);
  };
}

/**
 * Loads the heatmap's figures while the layer is on: per building always, and per unit-floor cell of
 * the building drilled into (opened: exploded or see-through); both refreshed every minute.
 */
export function useHeatmapData(compoundId: string): void {
  const on = useOverlayStore((s) => s.on.heatmap);
  const settings = useHeatmapStore((s) => s.settings);
  const drill = useUiStore((s) => (s.selection.buildingId && (s.explode || s.translucent) ? s.selection.buildingId : null));
  const fees = settings.metric === 'fee_rate';
  const ready = fees || !(settings.window === 'custom' && settings.from === null);
  useEffect(
    () =>
      refreshing(
        on && ready,
        (signal) =>
          fees
            ? import('../fees/feeHeat').then((m) => m.loadFeeHeat(compoundId, settings.month ?? null, signal))
            : overlayApi.energy(compoundId, energyQuery(settings, null), signal),
        'buildings',
      ),
    [on, ready, settings, compoundId, fees],
  );
  useEffect(
    () => refreshing(on && ready && drill !== null && !fees, (signal) => loadCells(compoundId, settings, drill!, signal), 'cells'),
    [on, ready, settings, compoundId, drill, fees],
  );
}
