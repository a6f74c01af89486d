// The largest GeoJSON the importer accepts, for the load test and the benchmark: every polygon at
// the per-polygon limit (an outline and a courtyard of IMPORT_LIMITS.verticesPerRing positions each)
// until the total limit, with 5-decimal coordinates near (1°E, 1°N) so that it fits the body limit
// (IMPORT_LIMITS.bodyMb). Two floors each, so that the residential kit stays under 200,000 devices.
import { IMPORT_LIMITS as L } from '../../models';

const r5 = (v: number) => Math.round(v * 1e5) / 1e5;

/** A closed circle of `n` positions (n − 1 distinct + the closing one), radius in degrees. */
function circle(cx: number, cy: number, radius: number, n: number, clockwise: boolean): number[][] {
  const pts = Array.from({ length: n - 1 }, (_, k) => {
    const t = ((clockwise ? -k : k) * 2 * Math.PI) / (n - 1);
    return [r5(cx + radius * Math.cos(t)), r5(cy + radius * Math.sin(t))];
  });
  return [...pts, pts[0]];
}

/** The GeoJSON text and its size in numbers. */
export function largestImport(): { text: string; features: number; vertices: number } {
  const perRing = L.verticesPerRing;
  const count = Math.floor(L.vertices / (2 * perRing));
  const features = Array.from({ length: count }, (_, i) => {
    // 2 km outlines 5 km apart; at 5 decimals (~1 m) the 2.5 m vertex spacing stays clean.
    const cx = 1 + (i % 10) * 0.05,
      cy = 1 + Math.floor(i / 10) * 0.05;
    return {
      type: 'Feature',
      properties: { building: 'apartments', 'building:levels': '2' },
      geometry: { type: 'Polygon', coordinates: [circle(cx, cy, 0.018, perRing, false), circle(cx, cy, 0.009, perRing, true)] },
    };
  });
  return { text: JSON.stringify({ type: 'FeatureCollection', features }), features: count, vertices: count * 2 * perRing };
}
