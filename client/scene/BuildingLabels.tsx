import { useMemo } from 'react';
import { buildingTitle } from '../i18n/names';
import { buildingHeight } from '../stores/twinIndex';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { BUILDING_LABEL, SERVICE_LABEL } from './labelAtlas';
import { LabelLayer, type LabelItem } from './LabelLayer';

/** "1栋 / Bldg 1" above every home, quieter names above service buildings; sized for a wall display. */
export function BuildingLabels() {
  const compound = useTwinStore((s) => s.compound);
  const index = useTwinStore((s) => s.index);
  const lang = useUiStore((s) => s.lang);
  const [homes, services] = useMemo<[LabelItem[], LabelItem[]]>(() => {
    const h: LabelItem[] = [];
    const sv: LabelItem[] = [];
    if (!compound || !index) return [h, sv];
    compound.buildings.forEach((b, i) => {
      const a = index.anchor.get(b.id)!;
      (b.use === 'residential' ? h : sv).push({ text: buildingTitle(lang, b), at: [a[0], a[1], buildingHeight(b) + 1.5] as const, building: i });
    });
    return [h, sv];
  }, [compound, index, lang]);
  return (
    <>
      <LabelLayer items={homes} style={BUILDING_LABEL} heightPx={38} anchor="bottom" renderOrder={21} />
      <LabelLayer items={services} style={SERVICE_LABEL} heightPx={26} anchor="bottom" renderOrder={20} />
    </>
  );
}
