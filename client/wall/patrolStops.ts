import type { Compound } from '../../models/compound';
import { ringCentroid } from '../../models/geo';

/**
 * The buildings a patrol visits, in one sweep clockwise from north around the compound's middle
 * (so the camera never zig-zags across the site). Bike sheds and garages are skipped.
 */
export function patrolStops(c: Pick<Compound, 'buildings'>): string[] {
  const visit = c.buildings.filter((b) => b.use !== 'bikeshed' && b.use !== 'garage');
  if (!visit.length) return [];
  const centres = visit.map((b) => ({ id: b.id, at: ringCentroid(b.footprint) }));
  const mx = centres.reduce((s, x) => s + x.at[0], 0) / centres.length;
  const my = centres.reduce((s, x) => s + x.at[1], 0) / centres.length;
  // bearing from north, clockwise (model x east, y north)
  const bearing = (p: readonly [number, number]) => (Math.atan2(p[0] - mx, p[1] - my) + 2 * Math.PI) % (2 * Math.PI);
  return centres.sort((a, b) => bearing(a.at) - bearing(b.at) || a.id.localeCompare(b.id)).map((x) => x.id);
}
