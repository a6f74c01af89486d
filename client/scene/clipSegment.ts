import { pointInRing, type Point2 } from '../../models/geo';

/**
 * The parts of segment a→b that lie outside every ring (a roof line across a courtyard stops at its
 * edges instead of floating over the void). Returns [from, to] pairs in order along the segment.
 */
export function clipOutside(a: Point2, b: Point2, rings: readonly (readonly Point2[])[]): [Point2, Point2][] {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const ts = [0, 1];
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i++) {
      const [px, py] = ring[i];
      const [qx, qy] = ring[(i + 1) % ring.length];
      const ex = qx - px;
      const ey = qy - py;
      const den = dx * ey - dy * ex;
      if (Math.abs(den) < 1e-12) continue;
      const t = ((px - a[0]) * ey - (py - a[1]) * ex) / den;
      const u = ((px - a[0]) * dy - (py - a[1]) * dx) / den;
      if (t > 0 && t < 1 && u >= 0 && u <= 1) ts.push(t);
    }
  }
  ts.sort((x, y) => x - y);
  const at = (t: number): Point2 => [a[0] + dx * t, a[1] + dy * t];
  const out: [Point2, Point2][] = [];
  for (let k = 0; k + 1 < ts.length; k++) {
    if (ts[k + 1] - ts[k] < 1e-9) continue;
    if (rings.some((r) => pointInRing(at((ts[k] + ts[k + 1]) / 2), r))) continue;
    const last = out[out.length - 1];
    // neighbouring pieces outside (split by a ring's vertex) join up again
    if (last && last[1][0] === at(ts[k])[0] && last[1][1] === at(ts[k])[1]) last[1] = at(ts[k + 1]);
    else out.push([at(ts[k]), at(ts[k + 1])]);
  }
  return out;
}
