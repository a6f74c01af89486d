// Does the mapped compound boundary (landuse=residential) hold every building? Testing each vertex
// against each boundary edge costs vertices × edges (10⁹ at the import limits); a sweep upwards in
// y answers the same even-odd question as pointInRing for all vertices in O((P + B) log B + B²).
import type { Point2 } from '../../models';

interface Edge {
  xi: number;
  yi: number;
  xj: number;
  yj: number;
  lo: number;
  hi: number;
}

// The same expression as pointInRing, so a vertex on the boundary's edge counts the same way.
const xAt = (e: Edge, y: number): number => ((e.xj - e.xi) * (y - e.yi)) / (e.yj - e.yi) + e.xi;

/** True when every point lies inside the boundary (even-odd, like pointInRing). The boundary must be simple. */
export function boundaryHolds(boundary: readonly Point2[], rings: readonly (readonly Point2[])[]): boolean {
  const n = boundary.length;
  const edges: Edge[] = [];
  for (let i = 0; i < n; i++) {
    const [xi, yi] = boundary[i];
    const [xj, yj] = boundary[(i + n - 1) % n];
    // Horizontal edges never change the parity (pointInRing skips them too).
    if (yi !== yj) edges.push({ xi, yi, xj, yj, lo: Math.min(yi, yj), hi: Math.max(yi, yj) });
  }
  edges.sort((a, b) => a.lo - b.lo);
  const points = rings.flat().sort((a, b) => a[1] - b[1]);

  // Edges crossing the line y = current, left to right; a simple boundary's edges never swap places.
  const active: Edge[] = [];
  let next = 0;
  for (const [px, py] of points) {
    for (let k = active.length - 1; k >= 0; k--) if (active[k].hi <= py) active.splice(k, 1);
    for (; next < edges.length && edges[next].lo <= py; next++) {
      const e = edges[next];
      if (e.hi <= py) continue;
      const x = xAt(e, py);
      // Two edges from one vertex tie at its y: the one further left just above goes first.
      const ahead = (f: Edge) => {
        const fx = xAt(f, py);
        if (fx !== x) return fx < x;
        const y2 = (py + Math.min(e.hi, f.hi)) / 2;
        return xAt(f, y2) < xAt(e, y2);
      };
      let lo = 0,
        hi = active.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (ahead(active[mid])) lo = mid + 1;
        else hi = mid;
      }
      active.splice(lo, 0, e);
    }
    // pointInRing counts the edges with px < x on this line; odd means inside.
    let lo = 0,
      hi = active.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (px < xAt(active[mid], py)) hi = mid;
      else lo = mid + 1;
    }
    if ((active.length - lo) % 2 === 0) return false;
  }
  return true;
}
