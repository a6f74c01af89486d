import type { Building, Device } from '../../models/compound';
import type { TwinIndex } from '../stores/twinIndex';
import { deviceTypeName, translate, type Lang } from './translate';

/**
 * A device's display name. Compound files name devices in Chinese only, so English composes one
 * from the device type and where it is ("Smoke detector · Bldg 3 Unit 2 F5").
 */
export function deviceLabel(lang: Lang, d: Device, index: TwinIndex | null): string {
  if (lang !== 'en') return d.name;
  const type = deviceTypeName(lang, d.type);
  const p = d.placement;
  if (p.kind !== 'building' || !index) return `${type} · ${d.id}`;
  const b = index.buildingById.get(p.buildingId);
  const u = p.unitId ? index.unitById.get(p.unitId)?.unit : undefined;
  const f = index.deviceFloor.get(d.id);
  const where = [b ? translate(lang, 'crumb.building', { n: b.number }) : null, u ? translate(lang, 'crumb.unit', { n: u.number }) : null, f ? `F${f}` : null].filter(Boolean).join(' ');
  return where ? `${type} · ${where}` : `${type} · ${d.id}`;
}

/** What a building is called on labels and titles: "3栋" for homes, the name of a named service building. */
export function buildingTitle(lang: Lang, b: Building): string {
  if (b.use === 'residential' || (lang !== 'en' && !b.name)) return translate(lang, 'building.label', { n: b.number });
  if (lang !== 'en') return b.name!;
  return `${translate(lang, `building.use.${b.use}`)} ${b.number}`;
}

/** Building names exist in Chinese only; English shows none rather than untranslated text. */
export function buildingName(lang: Lang, b: Building): string | undefined {
  return lang === 'en' ? undefined : b.name;
}
