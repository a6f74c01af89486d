// Households, occupancy and residents. The schema keeps only counts per floor and residents per
// unit; here every flat is decided individually so the device generator can put elderly-care
// sensors in the very flats counted as 独居老人, and the totals hit the seed figures exactly.
import type { Unit } from '../../models/compound';
import type { PlacedResidential } from './layout';
import { r2, r4, randInt, weightedSample, type Rng } from './prng';

export type FlatStatus = 'vacant' | 'home' | 'elderly';

export interface Flat {
  /** Index into the plan's residential list. */
  b: number;
  /** Unit index within the building (0-based). */
  u: number;
  level: number;
  /** Position on the floor, 1-based: the last digits of the room number. */
  k: number;
  status: FlatStatus;
  residents: number;
}

export interface HouseholdTargets {
  households: number;
  residents: number;
  occupancy: number;
  elderlyAloneShare: number;
}

export function homesOnFloor(b: PlacedResidential, level: number): number {
  const s = b.spec;
  if (level < s.firstHomeFloor) return 0;
  if (level === s.firstHomeFloor && s.groundFloorHomes !== undefined) return s.groundFloorHomes;
  return s.perFloor;
}

/** Room number as painted on the door: floor then two-digit position, 402, 1203. */
export const roomNo = (level: number, k: number): string => `${level}${String(k).padStart(2, '0')}`;

export function allocateFlats(plan: PlacedResidential[], t: HouseholdTargets, rng: Rng): Flat[] {
  const flats: Flat[] = [];
  plan.forEach((b, bi) => {
    for (let u = 0; u < b.spec.units; u++) {
      for (let level = 1; level <= b.spec.floors; level++) {
        for (let k = 1; k <= homesOnFloor(b, level); k++) flats.push({ b: bi, u, level, k, status: 'home', residents: 0 });
      }
    }
  });
  if (flats.length !== t.households) throw new Error(`layout has ${flats.length} households, the seed figure is ${t.households}`);

  // Walk-up top floors and ground floors stand empty more often (stairs, damp); towers are uniform.
  const walkUp = (f: Flat) => plan[f.b].spec.lifts === 0;
  const vacantW = flats.map((f) => (walkUp(f) && (f.level >= plan[f.b].spec.floors - 1 || f.level === 1) ? 2 : 1));
  const vacant = weightedSample(rng, vacantW, Math.round(t.households * (1 - t.occupancy)));
  vacant.forEach((i) => (flats[i].status = 'vacant'));
  // Old people living alone cluster on the low floors of walk-ups: they cannot climb to the sixth.
  const elderlyW = flats.map((f) => (f.status === 'vacant' ? 0 : walkUp(f) ? plan[f.b].spec.floors + 1 - f.level : 1));
  weightedSample(rng, elderlyW, Math.round(t.households * t.elderlyAloneShare)).forEach((i) => (flats[i].status = 'elderly'));

  const families = flats.filter((f) => f.status === 'home');
  const elderly = flats.length - families.length - vacant.size;
  const sizes = [1, 2, 2, 3, 3, 3, 3, 4, 4, 5, 6];
  for (const f of flats) f.residents = f.status === 'elderly' ? 1 : f.status === 'home' ? sizes[randInt(rng, 0, sizes.length - 1)] : 0;
  let total = families.reduce((s, f) => s + f.residents, 0) + elderly;
  if (t.residents < families.length + elderly || t.residents > families.length * 9 + elderly) {
    throw new Error(`${t.residents} residents cannot live in ${families.length} family flats and ${elderly} elderly-alone flats`);
  }
  // Nudge random families up or down until the compound total is exact; households stay 1..9.
  while (total !== t.residents) {
    const f = families[randInt(rng, 0, families.length - 1)];
    if (total < t.residents && f.residents < 9) (f.residents++, total++);
    else if (total > t.residents && f.residents > 1) (f.residents--, total--);
  }
  return flats;
}

/** The schema's Unit objects for one building, from its flats. */
export function buildUnits(b: PlacedResidential, bi: number, flats: Flat[]): Unit[] {
  const mine = flats.filter((f) => f.b === bi);
  return b.units.map((g, u) => {
    const inUnit = mine.filter((f) => f.u === u);
    const floors = Array.from({ length: b.spec.floors }, (_, i) => {
      const onFloor = inUnit.filter((f) => f.level === i + 1);
      return {
        level: i + 1,
        households: onFloor.length,
        occupied: onFloor.filter((f) => f.status !== 'vacant').length,
        elderlyAlone: onFloor.filter((f) => f.status === 'elderly').length,
      };
    });
    return {
      id: `${b.id}-u${u + 1}`,
      number: u + 1,
      span: [r4(u / b.spec.units), r4((u + 1) / b.spec.units)] as [number, number],
      entrance: [r2((g.x0 + g.x1) / 2), r2(g.ys)] as [number, number],
      residents: inUnit.reduce((s, f) => s + f.residents, 0),
      floors,
    };
  });
}
