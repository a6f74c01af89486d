import express from 'express';
import { GeoJsonInputSchema, IMPORT_LIMITS as LIM, ImportQuerySchema } from '../../models';
import { ADMIN_ONLY, type PolicyDeps } from '../http/policy';
import { secureRouter } from '../http/secureRouter';
import { HttpError } from '../http/errors';
import { describeRoute } from '../openapi/describeRoute';
import type { CompoundImportService } from './compoundImport.service';

describeRoute('post', '/api/v1/admin/compounds/import', {
  summary: 'Import a compound from GeoJSON building footprints',
  description:
    'Body: a GeoJSON FeatureCollection (or one Feature) of building footprints, WGS84 or GCJ-02 (`crs=gcj02`), as exported from ' +
    'OpenStreetMap (overpass-turbo) or a Chinese web map. Polygons and MultiPolygons with `building` or `building:part` become ' +
    'buildings (holes kept, one building per polygon part); height from `height`/`min_height`, `building:levels` or `levels`. ' +
    'Points, roads and other features are skipped and counted; invalid rings are reported with their feature index. Residential ' +
    'buildings get units and the default device kit. The compound is validated, stored and live at once: open `/?compound=<id>`. ' +
    `Size limits, checked before any geometry (413 naming the feature and the limit): at most ${LIM.features} features, ` +
    `${LIM.polygonsPerFeature} polygons per MultiPolygon, ${LIM.ringsPerPolygon} rings per polygon, ${LIM.verticesPerRing} positions per ring, ` +
    `${LIM.verticesPerPolygon} per polygon and ${LIM.vertices} in all polygon rings. The geometry runs in a worker thread.`,
  tags: ['admin'],
  query: ImportQuerySchema,
  body: GeoJsonInputSchema,
  bodyTypes: ['application/json', 'application/geo+json'],
  responses: {
    200: { description: 'replaced (replace=true) or checked only (dryRun=true)', schema: 'ImportOutcome' },
    201: { description: 'created and live', schema: 'ImportOutcome' },
    400: 'bad query parameters or body that is not JSON',
    409: 'a compound with this id exists (send replace=true), or a device id clashes with another compound',
    413: 'body larger than 4 MB, or over a size limit above (the reason names the feature and the limit)',
    422: 'no valid building footprints, or the result does not validate',
  },
});

/** Where imports are posted, under /api/v1. */
export const IMPORT_PATH = '/admin/compounds/import';

/** Admin routes for compounds: admins only (a new compound is nobody's scope yet). */
export function adminImportRouter(imports: CompoundImportService, deps: PolicyDeps) {
  const r = secureRouter(deps);
  // The body is read as text only once the policy passed, and parsed in the import worker: a 4 MB
  // document would hold the event loop ~0.2 s here (app.ts leaves this path to this route's reader).
  r.post(
    IMPORT_PATH,
    ADMIN_ONLY,
    async (req, res) => {
      if (typeof req.body !== 'string') throw new HttpError(415, 'send the GeoJSON as application/json or application/geo+json');
      const out = await imports.run(req.body, req.query);
      res.status(out.status === 'created' ? 201 : 200);
      return out;
    },
    express.text({ type: ['application/json', 'application/geo+json'], limit: '4mb' }),
  );
  return r.router;
}
