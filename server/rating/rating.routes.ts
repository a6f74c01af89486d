import type { DistrictRow, Rubric } from '../../models';
import { buildingTotals, can, countAlarms } from '../../models';
import type { Db } from '../db/db';
import type { Twins } from '../live/twins';
import { HttpError } from '../http/errors';
import { none, pathCompound, type PolicyDeps } from '../http/policy';
import { secureRouter } from '../http/secureRouter';
import { rate, reportCsv } from './rating.service';

/** Star-rating reports per compound, a district overview, and the rubrics in use. Ratings are aggregates: the same for masked callers. */
export function ratingRouter(db: Db, twins: Twins, rubrics: Map<string, Rubric>, deps: PolicyDeps) {
  const r = secureRouter(deps);
  const rubricOf = (id: unknown): Rubric => {
    if (id !== undefined && typeof id !== 'string') throw new HttpError(400, 'rubric: must be a rubric id');
    const rubric = id ? rubrics.get(id) : rubrics.values().next().value;
    if (!rubric) throw new HttpError(404, `rubric "${String(id).slice(0, 64)}" not found (have ${[...rubrics.keys()].join(', ') || 'none'})`);
    return rubric;
  };
  r.get('/rubrics', { gate: 'read', compound: none(), masked: 'same' }, () => [...rubrics.values()]);
  r.get('/compounds/:id/rating', { gate: 'read', compound: pathCompound(), masked: 'same' }, async (req, res, access) => {
    const twin = twins.get(access.compoundId!);
    if (!twin) throw new HttpError(404, `compound "${access.compoundId}" not found`);
    const format = req.query.format ?? 'json';
    if (format !== 'json' && format !== 'csv') throw new HttpError(400, `format: "${String(format).slice(0, 40)}" is not json or csv`);
    // A file to take away is an export: a role that may only look (the wall) may not.
    const download = format === 'csv' || req.query.download !== undefined;
    if (download && !can(access.user!, 'rating:export')) throw new HttpError(403, `role "${access.user!.role}" may not rating:export`);
    const report = await rate(db, twin.entry.doc, rubricOf(req.query.rubric));
    if (format === 'csv') {
      res.type('text/csv; charset=utf-8').attachment(`rating-${twin.entry.doc.id}.csv`).send(reportCsv(report));
      return undefined;
    }
    if (req.query.download) res.attachment(`rating-${twin.entry.doc.id}.json`);
    return report;
  });
  r.get('/rating/district', { gate: 'read', compound: none(), masked: 'same' }, async (req, _res, access) => {
    const rubric = rubricOf(req.query.rubric);
    const rows: DistrictRow[] = [];
    for (const twin of twins.all()) {
      if (access.compounds && !access.compounds.includes(twin.entry.doc.id)) continue;
      const report = await rate(db, twin.entry.doc, rubric);
      // the same count the KPI bar and the alarm list show
      const openAlarms = countAlarms(twin.alarms.values()).attention;
      const households = twin.entry.doc.buildings.reduce((s, b) => s + buildingTotals(b).households, 0);
      rows.push({
        compoundId: twin.entry.doc.id,
        name: twin.entry.doc.name,
        city: twin.entry.doc.city,
        level: report.level,
        onlinePct: twin.kpis?.onlinePct ?? 0,
        openAlarms,
        households,
      });
    }
    return { rubric: { id: rubric.id, name: rubric.name, example: rubric.example }, compounds: rows };
  });
  return r.router;
}
