import { DistrictQuerySchema, type Rubric } from '../../models';
import type { Db } from '../db/db';
import type { KpiService } from '../kpi/kpi.service';
import type { Twins } from '../live/twins';
import { HttpError, parseOr400 } from '../http/errors';
import { none, type PolicyDeps } from '../http/policy';
import { secureRouter } from '../http/secureRouter';
import { describeRoute } from '../openapi/describeRoute';
import { DistrictService } from './district.service';

describeRoute('get', '/api/v1/district', {
  summary: "The district: every compound the caller may see, placed by its coordinates, with its level, live figures and the district's sums",
  description:
    'Per compound: id, names, city, district, origin (lat/lon), red line and buildings (footprint, holes, base and roof height in metres, use; no units or devices), a light copy of its ground (roads, water, green), the star level under `rubric` (default: the first rubric; levels are reused for 60 s), devices, online, online %, open alarms (calling for attention) by severity, open work orders, households and residents. `totals` sums them. An officer gets only the compounds in their scope; the order is that of GET /api/v1/compounds.',
  tags: ['compounds'],
  query: DistrictQuerySchema,
  responses: {
    200: { description: 'District: {rubric, centre, compounds: DistrictCompound[], totals}', contentType: 'application/json' },
    400: 'unknown query parameter',
    404: 'rubric not found',
  },
});

/** GET /district: the 3D district view's data. Aggregates only (no household): the same for masked callers. */
export function districtRouter(db: Db, twins: Twins, kpis: KpiService, rubrics: Map<string, Rubric>, deps: PolicyDeps) {
  const r = secureRouter(deps);
  const service = new DistrictService(db, twins, kpis);
  r.get('/district', { gate: 'read', compound: none(), masked: 'same' }, async (req, _res, access) => {
    const q = parseOr400(DistrictQuerySchema, req.query, 'query');
    const rubric = q.rubric ? rubrics.get(q.rubric) : rubrics.values().next().value;
    if (!rubric) throw new HttpError(404, `rubric "${String(q.rubric ?? '').slice(0, 64)}" not found (have ${[...rubrics.keys()].join(', ') || 'none'})`);
    return service.build(access.compounds, rubric);
  });
  return r.router;
}
