import { describe, expect, it } from 'vitest';
import type { Building } from '../../models/compound';
import { patrolStops } from './patrolStops';

const box = (id: string, x: number, y: number, use: Building['use'] = 'residential') =>
  ({
    id,
    use,
    footprint: [
      [x - 5, y - 5],
      [x + 5, y - 5],
      [x + 5, y + 5],
      [x - 5, y + 5],
    ],
  }) as unknown as Building;

describe('patrolStops', () => {
  it('when buildings surround the middle, then the patrol sweeps clockwise from north and skips bike sheds', () => {
    const stops = patrolStops({ buildings: [box('s', 0, -100), box('w', -100, 0), box('n', 0, 100), box('e', 100, 0), box('shed', 50, 50, 'bikeshed')] });
    expect(stops).toEqual(['n', 'e', 's', 'w']);
  });
  it('when there is nothing to visit, then there are no stops', () => {
    expect(patrolStops({ buildings: [] })).toEqual([]);
  });
});
