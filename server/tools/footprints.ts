// Footprint polygons (counter-clockwise, local metres) and the per-unit geometry the household and
// device generators place things against. Shapes stay axis-aligned: Chinese compounds orient slabs
// east–west so every flat faces south, and the renderer extrudes these rings directly.
import type { Point2 } from '../../models/geo';
import { r2 } from './prng';

export type FootprintShape = 'rect' | 'notchN' | 'stepE' | 'notchEW';

/** A residential building as designed, before it is placed on a row. */
export interface ResidentialSpec {
  number: string;
  /** West end, local metres. */
  x0: number;
  units: number;
  /** Width of one unit along the long (east–west) axis. */
  unitWidth: number;
  depth: number;
  floors: number;
  floorHeight: number;
  /** Homes per floor per unit: 一梯两户 = 2, 一梯三户 = 3, 一梯四户 = 4. */
  perFloor: number;
  /** 2 when floor 1 is a lobby / 架空层 with no homes. */
  firstHomeFloor: number;
  /** Fewer homes on the first home floor, where a shop or property room took a flat. */
  groundFloorHomes?: number;
  shape: FootprintShape;
  /** Lifts per unit (0 for walk-ups built before lifts were required above 7 floors). */
  lifts: number;
  /** Stair core distance from the south face, metres. */
  core: number;
}

export interface UnitGeom {
  x0: number;
  x1: number;
  /** South face of this unit (stepped units sit further north). */
  ys: number;
  depth: number;
}

const STEP = 1.8;
const NOTCH_W = 2.4;
const NOTCH_D = 1.2;

export function rectRing(x0: number, y0: number, x1: number, y1: number): Point2[] {
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ].map(([x, y]) => [r2(x), r2(y)] as Point2);
}

export function unitGeoms(s: ResidentialSpec, y0: number): UnitGeom[] {
  return Array.from({ length: s.units }, (_, i) => ({
    x0: s.x0 + i * s.unitWidth,
    x1: s.x0 + (i + 1) * s.unitWidth,
    ys: y0 + (s.shape === 'stepE' && i === s.units - 1 ? STEP : 0),
    depth: s.depth,
  }));
}

/** Northmost extent of the building, for sun spacing to the next row. */
export function northEdge(s: ResidentialSpec, y0: number): number {
  return y0 + s.depth + (s.shape === 'stepE' ? STEP : 0);
}

export function footprint(s: ResidentialSpec, y0: number): Point2[] {
  const x0 = s.x0;
  const x1 = s.x0 + s.units * s.unitWidth;
  const y1 = y0 + s.depth;
  let ring: Point2[];
  switch (s.shape) {
    case 'rect':
      return rectRing(x0, y0, x1, y1);
    case 'notchN': {
      // Light-well recesses on the north face where two units meet, as in many 1990s slabs.
      ring = [
        [x0, y0],
        [x1, y0],
        [x1, y1],
      ];
      for (let i = s.units - 1; i >= 1; i--) {
        const bx = x0 + i * s.unitWidth;
        ring.push([bx + NOTCH_W / 2, y1], [bx + NOTCH_W / 2, y1 - NOTCH_D], [bx - NOTCH_W / 2, y1 - NOTCH_D], [bx - NOTCH_W / 2, y1]);
      }
      ring.push([x0, y1]);
      break;
    }
    case 'stepE': {
      // The east unit is set back north (错位), which gives an L-ish outline.
      const xs = x1 - s.unitWidth;
      ring = [
        [x0, y0],
        [xs, y0],
        [xs, y0 + STEP],
        [x1, y0 + STEP],
        [x1, y1 + STEP],
        [xs, y1 + STEP],
        [xs, y1],
        [x0, y1],
      ];
      break;
    }
    case 'notchEW': {
      // Point towers get recesses mid-way along the east and west faces for kitchen light.
      const yc = y0 + s.depth / 2;
      const h = 1.5,
        d = 1.6;
      ring = [
        [x0, y0],
        [x1, y0],
        [x1, yc - h],
        [x1 - d, yc - h],
        [x1 - d, yc + h],
        [x1, yc + h],
        [x1, y1],
        [x0, y1],
        [x0, yc + h],
        [x0 + d, yc + h],
        [x0 + d, yc - h],
        [x0, yc - h],
      ];
      break;
    }
  }
  return ring.map(([x, y]) => [r2(x), r2(y)] as Point2);
}

/**
 * Where flat k (1-based) of a floor sits inside its unit: 一梯两户 west/east of the stair,
 * 一梯三户 adds one behind the stair, towers put four round the core (SW, SE, NE, NW).
 */
export function flatPoint(g: UnitGeom, perFloor: number, k: number): Point2 {
  const w = g.x1 - g.x0;
  const cx = (g.x0 + g.x1) / 2;
  const d = g.depth;
  if (perFloor <= 2) return [k === 1 ? g.x0 + w * 0.25 : g.x0 + w * 0.75, g.ys + d * 0.55];
  if (perFloor === 3) return k === 1 ? [g.x0 + w / 6, g.ys + d * 0.5] : k === 2 ? [cx, g.ys + d * 0.8] : [g.x1 - w / 6, g.ys + d * 0.5];
  const west = k === 1 || k === 4;
  const south = k <= 2;
  return [west ? g.x0 + w * 0.22 : g.x1 - w * 0.22, south ? g.ys + d * 0.27 : g.ys + d * 0.73];
}
