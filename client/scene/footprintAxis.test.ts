import { describe, expect, it } from 'vitest';
import { ringArea, type Point2 } from '../../models/geo';
import { ccw, footprintAxis, unitCut, unitFootprint } from './footprintAxis';

const slab: Point2[] = [
  [0, 0],
  [60, 0],
  [60, 12],
  [0, 12],
];

describe('footprintAxis', () => {
  it('when the footprint is a long slab, then the axis runs along its long side', () => {
    const fa = footprintAxis(slab);
    expect(fa.axis[0]).toBeCloseTo(1);
    expect(fa.min).toBeCloseTo(0);
    expect(fa.max).toBeCloseTo(60);
  });

  it('when the ring is clockwise, then ccw reverses it', () => {
    expect(ringArea(ccw([...slab].reverse()))).toBeGreaterThan(0);
  });

  it('when cutting at a unit boundary, then the cut crosses both long walls', () => {
    const cut = unitCut(slab, footprintAxis(slab), 0.5);
    expect(cut).toHaveLength(2);
    expect(cut[0][0]).toBeCloseTo(30);
    expect(cut[1][0]).toBeCloseTo(30);
    expect(Math.abs(cut[0][1] - cut[1][1])).toBeCloseTo(12);
  });

  it('when slicing a rotated slab into units, then the slices tile the footprint', () => {
    const a = Math.PI / 6;
    const rot = slab.map(([x, y]) => [x * Math.cos(a) - y * Math.sin(a), x * Math.sin(a) + y * Math.cos(a)] as Point2);
    const fa = footprintAxis(rot);
    const parts = [
      [0, 0.3],
      [0.3, 0.7],
      [0.7, 1],
    ] as const;
    const total = parts.reduce((s, sp) => s + Math.abs(ringArea(unitFootprint(rot, fa, sp))), 0);
    expect(total).toBeCloseTo(720, 3);
    expect(Math.abs(ringArea(unitFootprint(rot, fa, [0, 0.3])))).toBeCloseTo(216, 3);
  });
});
