import type { AlarmRule } from '../../models';
import type { Db } from '../db/db';
import type { Twins } from '../live/twins';
import { alarmFigures, type KpiService } from '../kpi/kpi.service';
import { HttpError } from '../http/errors';
import { deviceCompound, none, pathCompound, type PolicyDeps } from '../http/policy';
import { secureRouter } from '../http/secureRouter';
import type { MaskedViews } from '../security/maskedViews';
import { publicCompound, publicDevice } from '../video/publicCompound';
import { deviceSeries } from './series.service';

/** Read-only REST for the static twin, live device state, KPIs and device series. */
export function compoundsRouter(db: Db, twins: Twins, kpis: KpiService, views: MaskedViews, deps: PolicyDeps, rules: readonly AlarmRule[] = []) {
  const r = secureRouter(deps);
  const twinOr404 = (id: string) => {
    const t = twins.get(id);
    if (!t) throw new HttpError(404, `compound "${id}" not found`);
    return t;
  };
  // The caller's compounds select the summaries (an aggregate listing: the same for masked callers).
  r.get('/compounds', { gate: 'read', compound: none(), masked: 'same' }, (_req, _res, a) =>
    twins.registry
      .list()
      .filter((e) => a.compounds === null || a.compounds.includes(e.doc.id))
      .map((e) => e.summary),
  );
  // Every role gets the document without gateway addresses and credentials (server/video/publicCompound.ts).
  r.get('/compounds/:id', { gate: 'read', compound: pathCompound(), masked: views.compound }, (_req, _res, a) =>
    publicCompound(twinOr404(a.compoundId!).entry.doc),
  );
  r.get('/compounds/:id/twin', { gate: 'read', compound: pathCompound(), masked: views.twin }, (_req, _res, a) => {
    const t = twinOr404(a.compoundId!);
    return { compound: publicCompound(t.entry.doc), devices: t.live.list() };
  });
  r.get('/compounds/:id/kpis', { gate: 'read', compound: pathCompound(), masked: 'same' }, async (_req, _res, a) => {
    const t = twinOr404(a.compoundId!);
    // stored figures may be up to 10 s old; alarm counts are always now's, as the list's
    return t.kpis && Date.now() - t.kpis.at < 10_000 ? { ...t.kpis, ...alarmFigures(t) } : await kpis.compute(t.entry.doc.id);
  });
  // A household's device is refused to masked callers by the policy (deviceCompound); any other device is the same for all.
  r.get('/devices/:id', { gate: 'read', compound: deviceCompound(), masked: 'same' }, (req, _res, a) => {
    const id = req.params.id as string;
    const t = twinOr404(a.compoundId!);
    const device = t.entry.devices.get(id);
    return { device: device && publicDevice(device), state: t.live.states.get(id), compoundId: a.compoundId };
  });
  r.get('/devices/:id/series', { gate: 'read', compound: deviceCompound(), masked: 'same' }, (req) =>
    deviceSeries(db, twins.registry, req.params.id as string, req.query, rules),
  );
  return r.router;
}
