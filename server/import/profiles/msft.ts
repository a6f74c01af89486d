// Microsoft Global ML Building Footprints: every feature a polygon with exactly `height` and
// `confidence`, −1 meaning unknown. Nothing says what a building is used for.
import type { Classified, Profile } from './types';
import { POLYGONAL } from './types';
import { mapped, NO_HEIGHT } from './vocab';

export const msftProfile: Profile = {
  id: 'msft',
  rules: ['polygon → building'],
  signature(p) {
    const keys = Object.keys(p);
    return keys.includes('confidence') && keys.every((k) => k === 'height' || k === 'confidence') ? keys.sort() : null;
  },
  classify(p, geometry, m): Classified {
    if (!POLYGONAL.has(geometry)) return { as: 'skip', rule: null, reason: `not a footprint (${geometry})` };
    const h = typeof p.height === 'number' ? p.height : Number(p.height);
    const known = Number.isFinite(h) && h > 0;
    return { as: 'building', rule: 'polygon → building', ...mapped({ ...NO_HEIGHT, height: known ? h : null, unknownHeight: !known, use: 'unknown' }, p, m) };
  },
};
