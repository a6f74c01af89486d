// Do any two edges of these rings touch or cross? A Shamos–Hoey sweep: O(n log n) comparisons
// instead of the n²/2 pairs of the obvious check, which let one 100k-vertex ring hold the event
// loop for minutes. Edges next to each other in one ring share a vertex and are not a crossing.
// The sweep only proposes pairs; segmentsIntersect decides, so the answer matches the pairwise check.
import type { Point2 } from '../../models';
import { orient, segmentsIntersect } from './segments';

/** An edge: `i` joins vertex i to i+1 of ring `ring` (n vertices); l is its left (lower x, then y) end. */
interface Edge {
  ring: number;
  i: number;
  n: number;
  l: Point2;
  r: Point2;
}

export interface Crossing {
  a: { ring: number; edge: number };
  b: { ring: number; edge: number };
}

const before = (p: Point2, q: Point2): boolean => p[0] < q[0] || (p[0] === q[0] && p[1] < q[1]);
const samePoint = (p: Point2, q: Point2): boolean => p[0] === q[0] && p[1] === q[1];
const adjacent = (e: Edge, f: Edge): boolean => e.ring === f.ring && (Math.abs(e.i - f.i) === 1 || Math.abs(e.i - f.i) === e.n - 1);

function crossing(e: Edge | undefined, f: Edge | undefined): Crossing | null {
  if (!e || !f || e === f || adjacent(e, f) || !segmentsIntersect(e.l, e.r, f.l, f.r)) return null;
  const [x, y] = e.ring < f.ring || (e.ring === f.ring && e.i < f.i) ? [e, f] : [f, e];
  return { a: { ring: x.ring, edge: x.i }, b: { ring: y.ring, edge: y.i } };
}

/** First index in `active` (sorted bottom to top at the sweep) whose edge is not below p. */
function lowerBound(active: readonly Edge[], p: Point2): number {
  let lo = 0,
    hi = active.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (orient(active[mid].l, active[mid].r, p) > 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first touching or crossing pair of edges found (adjacent edges of one ring excepted), or null. */
export function firstCrossing(rings: readonly (readonly Point2[])[]): Crossing | null {
  const events: { p: Point2; e: Edge; start: boolean }[] = [];
  rings.forEach((ring, k) => {
    const n = ring.length;
    for (let i = 0; i < n; i++) {
      const a = ring[i],
        b = ring[(i + 1) % n];
      // A zero-length edge adds nothing: its neighbours meet at the same point.
      if (samePoint(a, b)) continue;
      const e: Edge = before(b, a) ? { ring: k, i, n, l: b, r: a } : { ring: k, i, n, l: a, r: b };
      events.push({ p: e.l, e, start: true }, { p: e.r, e, start: false });
    }
  });
  events.sort((u, v) => u.p[0] - v.p[0] || u.p[1] - v.p[1]);

  // Edges the sweep line crosses, bottom to top; the order holds until the first crossing.
  const active: Edge[] = [];
  for (let k = 0; k < events.length;) {
    const p = events[k].p;
    const starts: Edge[] = [];
    const ends: Edge[] = [];
    for (; k < events.length && samePoint(events[k].p, p); k++) (events[k].start ? starts : ends).push(events[k].e);

    // Edges through p: those ending here, plus any passing through it (a touch).
    const lo = lowerBound(active, p);
    let hi = lo;
    while (hi < active.length && orient(active[hi].l, active[hi].r, p) === 0) hi++;
    const here = [...active.slice(lo, hi), ...starts];
    // A plain vertex has its own two edges; anything more meets another edge at p.
    if (here.length > 2 || hi - lo > ends.length) {
      for (let x = 0; x < here.length; x++)
        for (let y = x + 1; y < here.length; y++) {
          const c = crossing(here[x], here[y]);
          if (c) return c;
        }
    }
    for (const e of ends) {
      const at = active.indexOf(e);
      if (at >= 0) active.splice(at, 1);
    }
    const pos = lowerBound(active, p);
    if (!starts.length) {
      const c = crossing(active[pos - 1], active[pos]);
      if (c) return c;
      continue;
    }
    // Edges leaving p, bottom to top by direction (a vertical one points straight up: last).
    starts.sort((u, v) => -orient(p, u.r, v.r));
    active.splice(pos, 0, ...starts);
    const c = crossing(active[pos - 1], starts[0]) ?? crossing(starts[starts.length - 1], active[pos + starts.length]);
    if (c) return c;
  }
  return null;
}
