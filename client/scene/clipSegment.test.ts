import { describe, expect, it } from 'vitest';
import type { Building } from '../../models/compound';
import { pointInRing, type Point2 } from '../../models/geo';
import { buildLineArrays, LINE_UNIT } from './buildingLines';
import { clipOutside } from './clipSegment';

const court: Point2[] = [
  [4, 4],
  [6, 4],
  [6, 6],
  [4, 6],
];

describe('clipOutside', () => {
  it('when a roof line crosses a courtyard, then it stops at both of its edges', () => {
    expect(clipOutside([0, 5], [10, 5], [court])).toEqual([
      [
        [0, 5],
        [4, 5],
      ],
      [
        [6, 5],
        [10, 5],
      ],
    ]);
  });
  it('when a line misses every courtyard, then it stays whole', () => {
    expect(clipOutside([0, 1], [10, 1], [court])).toEqual([
      [
        [0, 1],
        [10, 1],
      ],
    ]);
  });
  it('when a line runs through a courtyard corner only, then nothing is cut away', () => {
    const parts = clipOutside(
      [2, 2],
      [8, 8],
      [
        [
          [4, 4],
          [6, 4],
          [6, 2],
        ],
      ],
    );
    expect(parts).toEqual([
      [
        [2, 2],
        [8, 8],
      ],
    ]);
  });
});

describe('roof unit lines of a courtyard building', () => {
  it('when units are cut across a courtyard, then no roof line hangs over it', () => {
    const unit = (i: number) => ({
      id: `u${i}`,
      number: i + 1,
      span: [i / 3, (i + 1) / 3] as [number, number],
      entrance: [0, 0] as Point2,
      residents: 0,
      floors: [{ level: 1, households: 1, occupied: 1, elderlyAlone: 0 }],
    });
    const hole: Point2[] = [
      [10, 10],
      [50, 10],
      [50, 20],
      [10, 20],
    ];
    const b: Building = {
      id: 'c',
      number: '4',
      use: 'residential',
      floors: 5,
      floorHeight: 3,
      footprint: [
        [0, 0],
        [60, 0],
        [60, 30],
        [0, 30],
      ],
      holes: [hole],
      units: [0, 1, 2].map(unit),
    };
    const { position, kind } = buildLineArrays([b]);
    let roofSegments = 0;
    for (let i = 0; i < position.length; i += 6) {
      const top = kind[i / 3] === LINE_UNIT && position[i + 1] > 15 && position[i + 4] > 15;
      if (!top) continue;
      roofSegments++;
      const mid: Point2 = [(position[i] + position[i + 3]) / 2, -(position[i + 2] + position[i + 5]) / 2];
      expect(pointInRing(mid, hole), `segment through ${mid}`).toBe(false);
    }
    expect(roofSegments).toBe(4);
  });
});
