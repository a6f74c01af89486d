import { describe, expect, it } from 'vitest';
import { BUILDING_USES } from '../../models/compound';
import { legendRows, tintOf, USE_TINTS } from './useTints';

describe('use-class tints', () => {
  it('when a building is residential, then it keeps its look; every other class has a tint', () => {
    expect(tintOf('residential')[3]).toBe(0);
    for (const u of BUILDING_USES) if (u !== 'residential') expect(USE_TINTS[u].strength, u).toBeGreaterThan(0);
  });

  it('when the main classes are compared, then each has its own colour', () => {
    const main = ['commercial', 'office', 'school', 'hospital', 'hotel', 'industrial', 'parking', 'public', 'unknown'] as const;
    expect(new Set(main.map((u) => USE_TINTS[u].color)).size).toBe(main.length);
  });

  it('when a compound has only homes and service buildings, then there is no legend; otherwise one row per tint', () => {
    expect(legendRows(['residential', 'public', 'bikeshed', 'garage'])).toEqual([]);
    expect(legendRows(['residential', 'office', 'retail', 'garage'])).toEqual(['residential', 'retail', 'office', 'parking']);
    expect(legendRows(['residential', 'retail', 'commercial'])).toEqual(['residential', 'commercial']);
    expect(legendRows(['unknown'])).toEqual(['unknown']);
  });
});
