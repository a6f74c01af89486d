import { Router } from 'express';
import type { DistrictRow, Rubric } from '../../models';
import { buildingTotals } from '../../models';
import type { Db } from '../db/db';
import type { Twins } from '../live/twins';
import { HttpError, route } from '../http/errors';
import { rate, reportCsv } from './rating.service';

/** Star-rating reports per compound, a district overview, and the rubrics in use. */
export function ratingRouter(db: Db, twins: Twins, rubrics: Map<string, Rubric>): Router {
  const r = Router();
  const rubricOf = (id: unknown): Rubric => {
    if (id !== undefined && typeof id !== 'string') throw new HttpError(400, 'rubric: must be a rubric id');
    const rubric = id ? rubrics.get(id) : rubrics.values().next().value;
    if (!rubric) throw new HttpError(404, `rubric "${id}" not found (have ${[...rubrics.keys()].join(', ') || 'none'})`);
    return rubric;
  };
  r.get('/rubrics', (_req, res) => void res.json([...rubrics.values()]));
  r.get(
    '/compounds/:id/rating',
    route(async (req, res) => {
      const twin = twins.get(req.params.id as string);
      if (!twin) throw new HttpError(404, `compound "${req.params.id}" not found`);
      const report = await rate(db, twin.entry.doc, rubricOf(req.query.rubric));
      const format = req.query.format ?? 'json';
      if (format === 'csv') {
        res.type('text/csv; charset=utf-8').attachment(`rating-${twin.entry.doc.id}.csv`).send(reportCsv(report));
      } else if (format === 'json') {
        if (req.query.download) res.attachment(`rating-${twin.entry.doc.id}.json`);
        res.json(report);
      } else throw new HttpError(400, `format: "${String(format)}" is not json or csv`);
    }),
  );
  r.get(
    '/rating/district',
    route(async (req, res) => {
      const rubric = rubricOf(req.query.rubric);
      const rows: DistrictRow[] = [];
      for (const twin of twins.all()) {
        const report = await rate(db, twin.entry.doc, rubric);
        let openAlarms = 0;
        for (const a of twin.alarms.values()) if (a.active) openAlarms++;
        const households = twin.entry.doc.buildings.reduce((s, b) => s + buildingTotals(b).households, 0);
        rows.push({ compoundId: twin.entry.doc.id, name: twin.entry.doc.name, city: twin.entry.doc.city, level: report.level, onlinePct: twin.kpis?.onlinePct ?? 0, openAlarms, households });
      }
      res.json({ rubric: { id: rubric.id, name: rubric.name, example: rubric.example }, compounds: rows });
    }),
  );
  return r;
}
