import express from 'express';
import { z } from 'zod';
import { GeoJsonInputSchema, IMPORT_LIMITS as LIM, ImportEnvelopeSchema, ImportQuerySchema } from '../../models';
import { ADMIN_ONLY, type PolicyDeps } from '../http/policy';
import { secureRouter } from '../http/secureRouter';
import { HttpError } from '../http/errors';
import { describeRoute } from '../openapi/describeRoute';
import type { CompoundImportService } from './compoundImport.service';

describeRoute('post', '/api/v1/admin/compounds/import', {
  summary: 'Import a compound from GeoJSON building footprints, with its surroundings',
  description:
    'Body: a GeoJSON FeatureCollection (or one Feature, or newline-delimited Features), or the envelope ' +
    "`{footprints, context?, edits?, redLine?}`: a second GeoJSON of surroundings, the import screen's corrections per preview building id " +
    '(name, nameEn, number, use — applied before units and devices are planned; an unknown id is a 422 naming it) and a drawn red line. ' +
    'The profile is detected from the properties (`profile=auto`): OpenStreetMap / osmtogeojson (`building`, `building:part`), ' +
    'Tilezen (`kind`, `kind_detail`, `root_id`), Overture (`subtype`, `class`, `names`, `num_floors`), Microsoft ML footprints ' +
    '(`height`, `confidence`), Chinese GIS exports (层数, 高度, 名称, 用途); any other polygon layer needs `allPolygons=true` and ' +
    'the field mapping (`heightField`, `levelsField`, `nameField`, `useField`), else 422. The CRS is guessed (`crs=auto`: a `crs` member, ' +
    'metre values → EPSG:3857, a Chinese GIS export inside China → GCJ-02, else WGS84); the report says which and why, and per rule how ' +
    'many features were taken or skipped. Buildings inside the red line (`landuse=residential`, a polygon marked `red_line`/`红线`/' +
    '`boundary=compound`, or the drawn one) are the compound; those outside become `context.neighbours`; roads, water, green and land ' +
    `use within 600 m of the red line become \`context\`. Only residential buildings get units, households and the residential kit; other uses get ` +
    'their own (smoke detectors, public meter, camera and hydrant sensor). `dryRun=true&preview=true` also returns the compound without ' +
    'devices to draw. The compound is validated, stored and live at once: open `/?compound=<id>`; a failed import stores nothing. ' +
    `Size limits, checked before any geometry (413 naming the feature and the limit): body ${LIM.bodyMb} MB, at most ${LIM.features} features ` +
    `(footprints and context together), ${LIM.polygonsPerFeature} polygons per MultiPolygon, ${LIM.ringsPerPolygon} rings per polygon, ` +
    `${LIM.verticesPerRing} positions per ring, ${LIM.verticesPerPolygon} per polygon and ${LIM.vertices} in all; at most 200,000 devices (422). ` +
    'The geometry runs in a worker thread.',
  tags: ['admin'],
  query: ImportQuerySchema,
  body: z.union([GeoJsonInputSchema, ImportEnvelopeSchema]),
  bodyTypes: ['application/json', 'application/geo+json'],
  responses: {
    200: { description: 'replaced (replace=true) or checked only (dryRun=true; with preview=true the compound to draw)', schema: 'ImportOutcome' },
    201: { description: 'created and live', schema: 'ImportOutcome' },
    400: 'bad query parameters or body that is not JSON',
    409: 'a compound with this id exists (send replace=true), or a device id clashes with another compound',
    413: `body larger than ${LIM.bodyMb} MB, or over a size limit above (the reason names the feature and the limit)`,
    422: 'no valid building footprints, no profile recognises the file, a bad envelope or edit, too many devices, or the result does not validate',
  },
});

/** Where imports are posted, under /api/v1. */
export const IMPORT_PATH = '/admin/compounds/import';

/** Admin routes for compounds: admins only (a new compound is nobody's scope yet). */
export function adminImportRouter(imports: CompoundImportService, deps: PolicyDeps) {
  const r = secureRouter(deps);
  // The body is read as text only once the policy passed, and parsed in the import worker: a 32 MB
  // document would hold the event loop for seconds here (app.ts leaves this path to this route's reader).
  r.post(
    IMPORT_PATH,
    ADMIN_ONLY,
    async (req, res) => {
      if (typeof req.body !== 'string') throw new HttpError(415, 'send the GeoJSON as application/json or application/geo+json');
      const out = await imports.run(req.body, req.query);
      res.status(out.status === 'created' ? 201 : 200);
      return out;
    },
    express.text({ type: ['application/json', 'application/geo+json', 'application/x-ndjson', 'application/geo+json-seq'], limit: `${LIM.bodyMb}mb` }),
  );
  return r.router;
}
