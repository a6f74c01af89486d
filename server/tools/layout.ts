// Site planning: rows of south-facing buildings spaced for sunlight (日照间距), a ring road, a
// north–south spine from the main gate, a fire lane in front of every row, greens between rows and a
// red line round it all. Both demo compounds are laid out by this one routine from a few figures.
import type { Point2 } from '../../models/geo';
import type { Building } from '../../models/compound';
import { footprint, northEdge, rectRing, unitGeoms, type ResidentialSpec, type UnitGeom } from './footprints';
import { r2 } from './prng';

export interface AuxSpec {
  id: string;
  number: string;
  name: string;
  use: Exclude<Building['use'], 'residential'>;
  x0: number;
  x1: number;
  depth: number;
  floors: number;
  floorHeight: number;
}

export interface RowSpec {
  buildings: ResidentialSpec[];
  aux?: AuxSpec[];
}

export interface SiteInput {
  rows: RowSpec[];
  /** South face of the first row. */
  firstRowY: number;
  /** Clear distance from a row's north face to the next row's south face, given the row's height. */
  gapFor: (heightM: number) => number;
  ringWidth: number;
  laneWidth: number;
  /** Inner edges of the west and east ring-road segments. */
  ringWestX: number;
  ringEastX: number;
  /** From the ring road to the nearest building face, south and north. */
  ringClear: number;
  spine: [number, number];
  redLineMargin: number;
  /** Wider south margin: the guard house and the gate apron sit there. */
  redLineMarginSouth: number;
  /** Cut off the north-east corner of the red line by this much (the plot follows an older street). */
  chamferNE: number;
}

export interface PlacedResidential {
  id: string;
  spec: ResidentialSpec;
  y0: number;
  footprint: Point2[];
  units: UnitGeom[];
}

export interface PlacedAux extends AuxSpec {
  footprint: Point2[];
  /** South-west corner and north-east corner, for placing things inside. */
  box: [number, number, number, number];
}

export interface NamedArea {
  id: string;
  name: string;
  polygon: Point2[];
}

export interface Gate {
  id: string;
  name: string;
  at: Point2;
  /** Unit vector pointing into the compound. */
  inward: Point2;
  vehicle: boolean;
  /** Half the width of the road through the gate. */
  halfWidth: number;
}

export interface SitePlan {
  residential: PlacedResidential[];
  aux: PlacedAux[];
  roads: (NamedArea & { kind: 'main' | 'lane' | 'path' })[];
  greens: NamedArea[];
  redLine: Point2[];
  gates: Gate[];
}

const placeAux = (a: AuxSpec, y0: number): PlacedAux => ({
  ...a,
  footprint: rectRing(a.x0, y0, a.x1, y0 + a.depth),
  box: [a.x0, y0, a.x1, y0 + a.depth],
});

export function planSite(s: SiteInput): SitePlan {
  const residential: PlacedResidential[] = [];
  const aux: PlacedAux[] = [];
  const rowSouth: number[] = [];
  const rowNorth: number[] = [];
  let y = s.firstRowY;
  for (const row of s.rows) {
    rowSouth.push(y);
    let north = y;
    let height = 0;
    for (const b of row.buildings) {
      residential.push({ id: `b${b.number}`, spec: b, y0: y, footprint: footprint(b, y), units: unitGeoms(b, y) });
      north = Math.max(north, northEdge(b, y));
      height = Math.max(height, b.floors * b.floorHeight);
    }
    for (const a of row.aux ?? []) {
      aux.push(placeAux(a, y));
      north = Math.max(north, y + a.depth);
    }
    rowNorth.push(north);
    y = Math.ceil((north + s.gapFor(height)) * 10) / 10;
  }

  const rw = s.ringWidth;
  const west = s.ringWestX - rw;
  const east = s.ringEastX + rw;
  const southRing: [number, number] = [s.firstRowY - s.ringClear - rw, s.firstRowY - s.ringClear];
  const lastNorth = rowNorth[rowNorth.length - 1];
  const northRing: [number, number] = [lastNorth + s.ringClear, lastNorth + s.ringClear + rw];
  const redS = southRing[0] - s.redLineMarginSouth;
  const redN = northRing[1] + s.redLineMargin;
  const redW = west - s.redLineMargin;
  const redE = east + s.redLineMargin;
  const c = s.chamferNE;
  const redLine: Point2[] = [
    [redW, redS],
    [redE, redS],
    [redE, redN - c],
    [redE - c, redN],
    [redW, redN],
  ];

  const [sx0, sx1] = s.spine;
  const scx = (sx0 + sx1) / 2;
  const roads: SitePlan['roads'] = [
    { id: 'ring-s', name: '南环路', kind: 'main', polygon: rectRing(west, southRing[0], east, southRing[1]) },
    { id: 'ring-e', name: '东环路', kind: 'main', polygon: rectRing(s.ringEastX, southRing[0], east, northRing[1]) },
    { id: 'ring-n', name: '北环路', kind: 'main', polygon: rectRing(west, northRing[0], east, northRing[1]) },
    { id: 'ring-w', name: '西环路', kind: 'main', polygon: rectRing(west, southRing[0], s.ringWestX, northRing[1]) },
    { id: 'spine', name: '中心主干道', kind: 'main', polygon: rectRing(sx0, redS, sx1, northRing[0]) },
    { id: 'path-n', name: '北门步行道', kind: 'path', polygon: rectRing(scx - 2, northRing[1], scx + 2, redN) },
  ];
  const greens: NamedArea[] = [];
  for (let r = 1; r < s.rows.length; r++) {
    const laneN = rowSouth[r] - 2.5;
    const laneS = laneN - s.laneWidth;
    roads.push({ id: `lane-${r + 1}`, name: `第${r + 1}排宅前路`, kind: 'lane', polygon: rectRing(s.ringWestX, laneS, s.ringEastX, laneN) });
    const gy0 = rowNorth[r - 1] + 1.5;
    const gy1 = laneS - 1.5;
    if (gy1 - gy0 < 6) continue;
    greens.push({ id: `green-${r}w`, name: `第${r}、${r + 1}排间西侧绿地`, polygon: rectRing(s.ringWestX + 1.5, gy0, sx0 - 1.5, gy1) });
    greens.push({ id: `green-${r}e`, name: `第${r}、${r + 1}排间东侧绿地`, polygon: rectRing(sx1 + 1.5, gy0, s.ringEastX - 1.5, gy1) });
  }

  // The guard house stands just inside the main gate, west of the spine.
  aux.push(
    placeAux(
      { id: 'guard', number: 'G', name: '门卫室', use: 'public', x0: sx0 - 9, x1: sx0 - 1.5, depth: southRing[0] - redS - 3, floors: 1, floorHeight: 3.2 },
      redS + 1.5,
    ),
  );

  const gates: Gate[] = [
    { id: 's', name: '南门', at: [r2(scx), r2(redS)], inward: [0, 1], vehicle: true, halfWidth: (sx1 - sx0) / 2 },
    { id: 'n', name: '北门', at: [r2(scx), r2(redN)], inward: [0, -1], vehicle: false, halfWidth: 2 },
  ];
  return { residential, aux, roads, greens, redLine: redLine.map(([a, b]) => [r2(a), r2(b)] as Point2), gates };
}
