// The largest GeoJSON the importer accepts, for the load test and the benchmark: every polygon at
// the per-polygon limit (an outline and a courtyard of IMPORT_LIMITS.verticesPerRing positions each)
// until the total limit, with 6-decimal coordinates near (1°E, 1°N) so that it fits the body limit
// (IMPORT_LIMITS.bodyMb) and the 20 km a compound may span (MAX_SITE_KM). Two floors each, so that the residential kit stays under 200,000 devices.
import { IMPORT_LIMITS as L } from '../../models';

const r6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** A closed circle of `n` positions (n − 1 distinct + the closing one), radius in degrees. */
function circle(cx: number, cy: number, radius: number, n: number, clockwise: boolean): number[][] {
  const pts = Array.from({ length: n - 1 }, (_, k) => {
    const t = ((clockwise ? -k : k) * 2 * Math.PI) / (n - 1);
    return [r6(cx + radius * Math.cos(t)), r6(cy + radius * Math.sin(t))];
  });
  return [...pts, pts[0]];
}

/** The GeoJSON text and its size in numbers. */
export function largestImport(): { text: string; features: number; vertices: number } {
  const perRing = L.verticesPerRing;
  const count = Math.floor(L.vertices / (2 * perRing));
  const features = Array.from({ length: count }, (_, i) => {
    // 1.7 km outlines 1.9 km apart, the grid 18.7 km across; at 6 decimals (~0.1 m) the 1 m vertex spacing stays clean.
    const cx = 1 + (i % 10) * 0.017,
      cy = 1 + Math.floor(i / 10) * 0.017;
    return {
      type: 'Feature',
      properties: { building: 'apartments', 'building:levels': '2' },
      geometry: { type: 'Polygon', coordinates: [circle(cx, cy, 0.0075, perRing, false), circle(cx, cy, 0.0037, perRing, true)] },
    };
  });
  return { text: JSON.stringify({ type: 'FeatureCollection', features }), features: count, vertices: count * 2 * perRing };
}
