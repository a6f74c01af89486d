import { useCallback, useEffect, useMemo } from 'react';
import { buildingLabel } from '../i18n/names';
import { buildingHeight } from '../stores/twinIndex';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { BUILDING_LABEL, SERVICE_LABEL } from './labelAtlas';
import { LabelLayer, type LabelItem } from './LabelLayer';
import { sceneStats } from './sceneStats';

/** "1栋 / Bldg 1" (or the building's name from the data) above every home, quieter names above the other buildings; sized for a wall display. */
export function BuildingLabels() {
  const compound = useTwinStore((s) => s.compound);
  const index = useTwinStore((s) => s.index);
  const lang = useUiStore((s) => s.lang);
  const items = useMemo<LabelItem[]>(() => {
    if (!compound || !index) return [];
    return compound.buildings.map((b, i) => {
      const a = index.anchor.get(b.id)!;
      return {
        text: buildingLabel(lang, b),
        at: [a[0], a[1], buildingHeight(b) + 1.5] as const,
        building: i,
        style: b.use === 'residential' ? undefined : SERVICE_LABEL,
      };
    });
  }, [compound, index, lang]);
  useEffect(() => {
    sceneStats.labels = compound ? Object.fromEntries(items.map((it) => [compound.buildings[it.building].id, it.text])) : {};
  }, [items, compound]);
  const pick = useCallback((it: LabelItem) => {
    const b = useTwinStore.getState().compound?.buildings[it.building];
    if (b) useUiStore.getState().selectBuilding(b.id);
  }, []);
  return <LabelLayer items={items} style={BUILDING_LABEL} heightPx={38} anchor="bottom" declutter onPick={pick} />;
}
