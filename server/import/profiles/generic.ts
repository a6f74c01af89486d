// Any other polygon layer: every Polygon / MultiPolygon is a building, read through the field
// mapping the user gave (heightField, levelsField, nameField, useField). Nothing else is known.
import type { Classified, Profile } from './types';
import { POLYGONAL } from './types';
import { mapped, NO_HEIGHT } from './vocab';

export const genericProfile: Profile = {
  id: 'generic',
  rules: ['polygon → building'],
  signature: () => null,
  classify(p, geometry, m): Classified {
    if (!POLYGONAL.has(geometry)) return { as: 'skip', rule: null, reason: `not a footprint (${geometry})` };
    return { as: 'building', rule: 'polygon → building', ...mapped({ ...NO_HEIGHT, use: 'unknown' }, p, m) };
  },
};
