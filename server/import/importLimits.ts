// Counting the input before any geometry work: features, polygons, rings and positions against
// IMPORT_LIMITS, in one linear pass that reads only array lengths. Anything malformed is left for
// the later steps to report; this pass only answers "is it too big to look at?". Lines count
// as rings (a road's positions are positions too).
import { IMPORT_LIMITS as L } from '../../models';
import { ImportTooLarge } from './importErrors';

const arr = (v: unknown): unknown[] | null => (Array.isArray(v) ? v : null);

/** The polygons of a feature's geometry (coordinates as sent; a line counts as a polygon of one ring), or none. */
function polygonsOf(feature: unknown): unknown[] {
  const g = feature && typeof feature === 'object' ? (feature as { geometry?: unknown }).geometry : null;
  if (!g || typeof g !== 'object') return [];
  const { type, coordinates } = g as { type?: unknown; coordinates?: unknown };
  if (type === 'Polygon' || type === 'MultiLineString') return [coordinates];
  if (type === 'MultiPolygon') return arr(coordinates) ?? [];
  if (type === 'LineString') return [[coordinates]];
  return [];
}

const featuresIn = (doc: unknown): unknown[] => {
  const d = doc && typeof doc === 'object' ? (doc as { type?: unknown; features?: unknown }) : null;
  return d?.type === 'FeatureCollection' ? (arr(d.features) ?? []) : d?.type === 'Feature' ? [d] : [];
};

/** Throws ImportTooLarge naming the feature (and part, ring) and the limit it is over. */
export function checkImportSize(input: unknown): void {
  // An envelope: the footprint file and the context file count together; context features are numbered after the footprints'.
  const env = input && typeof input === 'object' && 'footprints' in input ? (input as { footprints?: unknown; context?: unknown }) : null;
  const features = env ? [...featuresIn(env.footprints), ...featuresIn(env.context)] : featuresIn(input);
  if (features.length > L.features)
    throw new ImportTooLarge(
      `${env ? 'the footprint and context files have' : 'geojson has'} ${features.length} features; at most ${L.features} per import (feature ${L.features} is over the limit)`,
    );
  let total = 0;
  features.forEach((f, index) => {
    const polygons = polygonsOf(f);
    if (polygons.length > L.polygonsPerFeature)
      throw new ImportTooLarge(`feature ${index}: MultiPolygon of ${polygons.length} polygons; at most ${L.polygonsPerFeature} per feature`);
    polygons.forEach((poly, p) => {
      const where = `feature ${index}${polygons.length > 1 || p > 0 ? ` part ${p + 1}` : ''}`;
      const rings = arr(poly) ?? [];
      if (rings.length > L.ringsPerPolygon)
        throw new ImportTooLarge(`${where}: polygon of ${rings.length} rings; at most ${L.ringsPerPolygon} (an outline and ${L.ringsPerPolygon - 1} holes)`);
      let inPolygon = 0;
      rings.forEach((ring, r) => {
        const n = arr(ring)?.length ?? 0;
        if (n > L.verticesPerRing)
          throw new ImportTooLarge(`${where}: ${r ? `hole ${r}` : 'outer ring'} has ${n} positions; at most ${L.verticesPerRing} per ring`);
        inPolygon += n;
        total += n;
      });
      if (inPolygon > L.verticesPerPolygon)
        throw new ImportTooLarge(`${where}: polygon has ${inPolygon} positions in its rings; at most ${L.verticesPerPolygon} per polygon`);
      if (total > L.vertices) throw new ImportTooLarge(`${where}: the input passes ${L.vertices} positions in polygon rings (the most per import) here`);
    });
  });
}
