import { useMemo } from 'react';
import { useT } from '../i18n/useT';
import { buildingHeight } from '../stores/twinIndex';
import { useTwinStore } from '../stores/useTwinStore';
import { BUILDING_LABEL } from './labelAtlas';
import { LabelLayer, type LabelItem } from './LabelLayer';

/** "1栋 / Bldg 1" above every roof, sized for a wall display. */
export function BuildingLabels() {
  const compound = useTwinStore((s) => s.compound);
  const index = useTwinStore((s) => s.index);
  const t = useT();
  const items = useMemo<LabelItem[]>(() => {
    if (!compound || !index) return [];
    return compound.buildings.map((b, i) => {
      const a = index.anchor.get(b.id)!;
      return { text: t('building.label', { n: b.number }), at: [a[0], a[1], buildingHeight(b) + 1.5] as const, building: i };
    });
  }, [compound, index, t]);
  return <LabelLayer items={items} style={BUILDING_LABEL} heightPx={38} anchor="bottom" />;
}
