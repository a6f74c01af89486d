import { Router } from 'express';
import type { Db } from '../db/db';
import type { Twins } from '../live/twins';
import type { KpiService } from '../kpi/kpi.service';
import { HttpError, route } from '../http/errors';
import { deviceSeries } from './series.service';

/** Read-only REST for the static twin, live device state, KPIs and device series. */
export function compoundsRouter(db: Db, twins: Twins, kpis: KpiService): Router {
  const r = Router();
  const twinOr404 = (id: string) => {
    const t = twins.get(id);
    if (!t) throw new HttpError(404, `compound "${id}" not found`);
    return t;
  };
  r.get('/compounds', (_req, res) => {
    res.json(twins.registry.list().map((e) => e.summary));
  });
  r.get('/compounds/:id', (req, res) => {
    res.json(twinOr404(req.params.id).entry.doc);
  });
  r.get('/compounds/:id/twin', (req, res) => {
    const t = twinOr404(req.params.id);
    res.json({ compound: t.entry.doc, devices: t.live.list() });
  });
  r.get(
    '/compounds/:id/kpis',
    route(async (req, res) => {
      const t = twinOr404(req.params.id as string);
      res.json(t.kpis && Date.now() - t.kpis.at < 10_000 ? t.kpis : await kpis.compute(t.entry.doc.id));
    }),
  );
  r.get('/devices/:id', (req, res) => {
    const t = twins.ofDevice(req.params.id);
    if (!t) throw new HttpError(404, `device "${req.params.id}" not found`);
    res.json({ device: t.entry.devices.get(req.params.id), state: t.live.states.get(req.params.id), compoundId: t.entry.doc.id });
  });
  r.get(
    '/devices/:id/series',
    route(async (req, res) => {
      res.json(await deviceSeries(db, twins.registry, req.params.id as string, req.query));
    }),
  );
  return r;
}
