// Units (单元) and households for an imported residential building. The footprint is turned into the
// building's own frame (long axis = t) so the demo generator's axis-aligned helpers apply: units are
// equal slices of the long axis, each entrance on the south wall of its slice.
import type { Building, ImportOptions, Point2, Unit } from '../../models';
import type { ResidentialSpec, UnitGeom } from '../tools/footprints';
import type { PlacedResidential } from '../tools/layout';
import { homesOnFloor, type Flat } from '../tools/households';
import { buildingFrame, fromFrame, stripAt, toFrame, type BuildingFrame } from './buildingFrame';

export interface ResidentialPlan {
  frame: BuildingFrame;
  /** The building in frame coordinates, as the demo device generator expects it. */
  placed: PlacedResidential;
  units: Unit[];
  flats: Flat[];
}

const r2 = (v: number) => Math.round(v * 100) / 100 + 0;
const r4 = (v: number) => Math.round(v * 1e4) / 1e4 + 0;

/** Lifts per unit: required from 7 floors up in Chinese residential code; towers get two. */
const liftsFor = (floors: number): number => (floors >= 19 ? 2 : floors >= 7 ? 1 : 0);

/** `bi` is the building's position among the residential ones (the device generator's crew order). */
export function planResidential(
  b: Omit<Building, 'units'>,
  bi: number,
  o: Pick<ImportOptions, 'unitLength' | 'householdsPerFloor' | 'residentsPerHousehold'>,
): ResidentialPlan {
  const frame = buildingFrame(b.footprint);
  const rings = [b.footprint, ...(b.holes ?? [])].map((r) => r.map((p) => toFrame(frame, p)));
  const sAll = rings[0].map((p) => p[1]);
  const whole: [number, number] = [Math.min(...sAll), Math.max(...sAll)];
  const length = frame.max - frame.min;
  const n = Math.min(50, Math.max(1, Math.round(length / o.unitLength)));
  const w = length / n;
  const geoms: UnitGeom[] = Array.from({ length: n }, (_, i) => {
    const x0 = frame.min + i * w;
    const [ys, yn] = stripAt(rings, x0 + w / 2) ?? whole;
    return { x0, x1: x0 + w, ys, depth: yn - ys };
  });
  const minDepth = Math.min(...geoms.map((g) => g.depth));
  const spec: ResidentialSpec = {
    number: b.number,
    x0: frame.min,
    units: n,
    unitWidth: w,
    depth: whole[1] - whole[0],
    floors: b.floors,
    floorHeight: b.floorHeight,
    perFloor: o.householdsPerFloor,
    firstHomeFloor: 1,
    shape: 'rect',
    lifts: liftsFor(b.floors),
    core: Math.min(10, Math.max(0.5, minDepth / 2)),
  };
  const placed: PlacedResidential = { id: b.id, spec, y0: geoms[0].ys, footprint: rings[0], units: geoms };

  const flats: Flat[] = [];
  const units: Unit[] = geoms.map((g, u) => {
    const floors = Array.from({ length: b.floors }, (_, i) => {
      const homes = homesOnFloor(placed, i + 1);
      for (let k = 1; k <= homes; k++) flats.push({ b: bi, u, level: i + 1, k, status: 'home', residents: 0 });
      // Occupancy is unknown at import; every home counts as lived in until the property office says otherwise.
      return { level: i + 1, households: homes, occupied: homes, elderlyAlone: 0 };
    });
    const households = floors.reduce((s, f) => s + f.households, 0);
    const entrance = fromFrame(frame, [(g.x0 + g.x1) / 2, g.ys]);
    return {
      id: `${b.id}-u${u + 1}`,
      number: u + 1,
      span: [r4(u / n), r4((u + 1) / n)] as [number, number],
      entrance: [r2(entrance[0]), r2(entrance[1])] as Point2,
      residents: Math.round(households * o.residentsPerHousehold),
      floors,
    };
  });
  return { frame, placed, units, flats };
}
