// The footprint profiles and how one is chosen: forced by the option, or detected from the
// properties (the profile whose give-away keys most features carry), with the reason in words.
import type { ImportOptions, ImportProfile } from '../../../models';
import { ImportError } from '../importErrors';
import { cnGisProfile } from './cnGis';
import { genericProfile } from './generic';
import { msftProfile } from './msft';
import { osmProfile } from './osm';
import { overtureProfile } from './overture';
import { tilezenProfile } from './tilezen';
import type { Profile, Props } from './types';

export const PROFILES: Record<ImportProfile, Profile> = {
  osm: osmProfile,
  tilezen: tilezenProfile,
  overture: overtureProfile,
  msft: msftProfile,
  'cn-gis': cnGisProfile,
  generic: genericProfile,
};
/** On a tie the more specific schema wins. */
const ORDER: ImportProfile[] = ['tilezen', 'overture', 'msft', 'cn-gis', 'osm'];

/**
 * A feature's properties, flattened the ways exporters nest them: osmtogeojson's older output keeps
 * the tags under `properties.tags` (with `id`, `type`, `meta` beside them).
 */
export function propsOf(feature: unknown): Props {
  const raw = feature && typeof feature === 'object' ? (feature as { properties?: unknown }).properties : null;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const p = raw as Props;
  const tags = p.tags;
  if (tags && typeof tags === 'object' && !Array.isArray(tags)) {
    const { tags: _t, ...rest } = p;
    const id = typeof rest.type === 'string' && (typeof rest.id === 'number' || typeof rest.id === 'string') ? { '@id': `${rest.type}/${rest.id}` } : {};
    return { ...rest, ...id, ...(tags as Props) };
  }
  return p;
}

export interface ProfileChoice {
  profile: Profile;
  reason: string;
}

export function chooseProfile(
  props: readonly Props[],
  o: Pick<ImportOptions, 'profile' | 'allPolygons' | 'heightField' | 'levelsField' | 'nameField' | 'useField'>,
  what = 'the file',
): ProfileChoice {
  if (o.profile !== 'auto') return { profile: PROFILES[o.profile], reason: 'option' };
  const counts = new Map<ImportProfile, { n: number; keys: Map<string, number> }>();
  // A sample is enough to tell schemas apart and keeps this linear in a bounded number of features.
  const step = Math.max(1, Math.floor(props.length / 5_000));
  for (let i = 0; i < props.length; i += step) {
    for (const id of ORDER) {
      const keys = PROFILES[id].signature(props[i]);
      if (!keys) continue;
      const c = counts.get(id) ?? { n: 0, keys: new Map() };
      c.n++;
      for (const k of keys) c.keys.set(k, (c.keys.get(k) ?? 0) + 1);
      counts.set(id, c);
    }
  }
  let best: ImportProfile | null = null;
  for (const id of ORDER) if ((counts.get(id)?.n ?? 0) > (best ? counts.get(best)!.n : 0)) best = id;
  if (best) {
    const c = counts.get(best)!;
    const keys = [...c.keys.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([k]) => k);
    return { profile: PROFILES[best], reason: `${c.n} of ${Math.ceil(props.length / step)} features carry ${keys.join(', ')}` };
  }
  const mapping = (['heightField', 'levelsField', 'nameField', 'useField'] as const).filter((k) => o[k]);
  if (o.allPolygons || mapping.length)
    return { profile: genericProfile, reason: `no known schema; every polygon is a building (${o.allPolygons ? 'allPolygons' : mapping.join(', ')})` };
  const seen = [...new Set(props.slice(0, 200).flatMap((p) => Object.keys(p)))].slice(0, 8);
  throw new ImportError(
    `${what}: no profile recognises these properties (${seen.length ? seen.join(', ') : 'none'}): not OSM (building=*), Tilezen (kind), Overture (names, subtype, num_floors), Microsoft (height, confidence) or a Chinese GIS export (层数, 名称…). ` +
      'Pass allPolygons=true (CLI --all-polygons) to take every polygon as a building, with heightField / levelsField / nameField / useField to read its properties, or force one with profile=…',
  );
}
