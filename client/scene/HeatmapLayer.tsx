import { useEffect, useMemo } from 'react';
import { useT } from '../i18n/useT';
import { heatRgb, heatT, mapDomain, rampOf } from '../overlays/heatScale';
import { overlayFx } from '../overlays/overlayFx';
import { buildingHeight, type TwinIndex } from '../stores/twinIndex';
import { useHeatmapStore, type HeatMap } from '../stores/useHeatmapStore';
import { useOverlayStore } from '../stores/useOverlayStore';
import { useTwinStore } from '../stores/useTwinStore';
import type { BuildingState } from './buildingState';
import type { CellHeat } from './cellHeat';
import { LabelLayer, type LabelItem } from './LabelLayer';
import type { LabelStyle } from './labelAtlas';
import { useSceneResources } from './SceneContext';

const OUTLIER_LABEL: LabelStyle = { fontPx: 24, padX: 10, height: 36, tip: 0, fill: 'rgba(60, 24, 4, 0.9)', stroke: '#ffb020', text: '#ffe6b0' };
const rgb: [number, number, number] = [0, 0, 0];

/** Building colours: RGB of the value on the domain (from zero, see heatScale), alpha 128, 255 for outliers; buildings not in the map untinted. */
function paintBuildings(heat: BuildingState, index: TwinIndex, map: HeatMap | null): void {
  for (let i = 0; i < index.buildingIndex.size; i++) heat.set(i, 3, 0);
  if (!map) return;
  const domain = mapDomain(map);
  const ramp = rampOf(map);
  for (const it of map.items) {
    const i = index.buildingIndex.get(it.buildingId) ?? -1;
    if (i < 0) continue;
    heatRgb(heatT(it.value, domain), rgb, ramp);
    heat.set(i, 0, rgb[0]);
    heat.set(i, 1, rgb[1]);
    heat.set(i, 2, rgb[2]);
    heat.set(i, 3, it.outlier ? 255 : 128);
  }
}

/** Unit or floor cells of one building into the cell texture (a unit-level map colours all its floors). */
function paintCells(cells: CellHeat, index: TwinIndex, map: HeatMap | null): void {
  cells.clear();
  const b = map?.buildingId ? index.buildingById.get(map.buildingId) : undefined;
  if (!map || !b) return;
  // nothing used anywhere (no sub-meter readings in the window) reads as no data, not as the middle of a flat scale
  const scale = map.scale && map.scale.max > 0 ? mapDomain(map) : null;
  for (const it of map.items) {
    const unit = it.unitId ? b.units.findIndex((u) => u.id === it.unitId) : -1;
    heatRgb(heatT(it.value, scale), rgb);
    if (it.floor !== null) cells.set(unit, it.floor, rgb, it.outlier);
    else for (let f = 1; f <= b.floors; f++) cells.set(unit, f, rgb, it.outlier);
  }
}

/**
 * The energy heatmap in 3D: building shells take the colour of their use over the window (drilled into
 * a building, its units and floors do), outliers are hatched and tagged. Writes textures; draws only
 * the tags (one draw call).
 */
export function HeatmapLayer() {
  const { heat, cellHeat } = useSceneResources();
  const on = useOverlayStore((s) => s.on.heatmap);
  const buildings = useHeatmapStore((s) => s.buildings);
  const cells = useHeatmapStore((s) => s.cells);
  const index = useTwinStore((s) => s.index);
  const t = useT();

  useEffect(() => {
    if (!index) return;
    const map = on ? buildings : null;
    paintBuildings(heat, index, map);
    overlayFx.heatCells = map?.items.length ?? 0;
    overlayFx.heatOutliers = map?.items.filter((i) => i.outlier).length ?? 0;
  }, [heat, index, on, buildings]);

  useEffect(() => {
    if (!index) return;
    const map = on ? cells : null;
    paintCells(cellHeat, index, map);
    cellHeat.on.value = map ? 1 : 0;
  }, [cellHeat, index, on, cells]);

  useEffect(
    () => () => {
      cellHeat.on.value = 0;
      overlayFx.heatCells = 0;
      overlayFx.heatOutliers = 0;
    },
    [cellHeat],
  );

  const tags = useMemo<LabelItem[]>(() => {
    if (!on || !buildings || !index) return [];
    return buildings.items.flatMap((it) => {
      const b = index.buildingById.get(it.buildingId);
      const a = index.anchor.get(it.buildingId);
      if (!it.outlier || !b || !a) return [];
      return [
        {
          text: t('heat.outlierTag', { ratio: it.ratio === null ? '—' : it.ratio.toFixed(1) }),
          at: [a[0], a[1], buildingHeight(b) * 0.55] as const,
          building: index.buildingIndex.get(b.id) ?? -1,
        },
      ];
    });
  }, [on, buildings, index, t]);
  if (!tags.length) return null;
  return <LabelLayer items={tags} style={OUTLIER_LABEL} heightPx={26} anchor="center" renderOrder={21} />;
}
