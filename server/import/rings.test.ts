import { describe, expect, it } from 'vitest';
import { openRing, ringProblem, selfIntersection, wind } from './rings';
import { ringArea } from '../../models';

describe('rings', () => {
  it('when a ring is closed with repeated points, then it comes back open and de-duplicated', () => {
    const r = openRing([
      [0, 0],
      [1, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ]);
    expect(r).toEqual({
      ok: true,
      ring: [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
      ],
    });
  });

  it('when a ring is unclosed, too short, non-numeric or not lon/lat, then the reason says which', () => {
    expect(
      openRing([
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
      ]),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/not closed/) });
    expect(
      openRing([
        [0, 0],
        [1, 0],
        [0, 0],
      ]),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/3 positions/) });
    expect(
      openRing([
        [0, 0],
        [1, 0],
        [1, 0],
        [0, 0],
      ]),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/2 distinct points/) });
    expect(
      openRing([
        [0, 0],
        [1, 'x'],
        [1, 1],
        [0, 0],
      ]),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/position 1/) });
    expect(
      openRing([
        [500000, 3300000],
        [1, 0],
        [1, 1],
        [500000, 3300000],
      ]),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/projected/) });
  });

  it('when a ring crosses, touches or folds back on itself, then it is found', () => {
    expect(
      selfIntersection([
        [0, 0],
        [10, 10],
        [10, 0],
        [0, 10],
      ]),
    ).toMatch(/cross/);
    expect(
      selfIntersection([
        [0, 0],
        [10, 0],
        [5, 0],
        [5, 5],
      ]),
    ).toMatch(/fold back/);
    expect(
      selfIntersection([
        [0, 0],
        [10, 0],
        [10, 10],
        [5, 0],
        [0, 10],
      ]),
    ).toMatch(/cross/);
    expect(
      selfIntersection([
        [0, 0],
        [10, 0],
        [10, 10],
        [0, 10],
      ]),
    ).toBeNull();
    expect(
      ringProblem([
        [0, 0],
        [10, 0],
        [20, 0.00001],
      ]),
    ).toMatch(/no area/);
  });

  it('when rings are wound, then outlines turn counter-clockwise and holes clockwise', () => {
    const cw = [
      [0, 0],
      [0, 1],
      [1, 1],
      [1, 0],
    ] as [number, number][];
    expect(ringArea(wind(cw, true))).toBeGreaterThan(0);
    expect(ringArea(wind(cw, false))).toBeLessThan(0);
  });
});
