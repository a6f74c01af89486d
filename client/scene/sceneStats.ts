/**
 * What the scene drew of the surroundings and the buildings' looks, for the test probe (window.__twin.scene).
 * Written when geometry is built (never per frame); read by tests only.
 */
export const sceneStats = {
  /** Triangles of the ground context (land use, green, water, roads); 0 when the compound has none. */
  contextTriangles: 0,
  /** Meshes the context ground is drawn with (0 or 1). */
  contextMeshes: 0,
  /** Neighbouring buildings drawn, their triangles and the meshes that draw them (0 or 1). */
  neighbours: 0,
  neighbourTriangles: 0,
  neighbourMeshes: 0,
  /** Basemap tiles asked for and loaded; the attribution shown. */
  basemapTiles: 0,
  basemapLoaded: 0,
  /** The use-class tint of each building (sRGB 0..1 and strength 0..1; strength 0 = the residential look). */
  tints: {} as Record<string, readonly [number, number, number, number]>,
  /** The building labels' texts by building id, as drawn. */
  labels: {} as Record<string, string>,
  /** Camera view cones drawn (cameras with a view), their triangles, and the camera whose cone is highlighted ('' for none). */
  viewCones: 0,
  viewConeTriangles: 0,
  viewConeSelected: '',
};
export type SceneStats = typeof sceneStats;
