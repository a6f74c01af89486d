import type { Response } from 'express';
import {
  MAX_OPERATIONS_DAYS,
  OperationsQuerySchema,
  REVENUE_STREAMS,
  yuan,
  type DistrictOperations,
  type OperationsQuery,
  type OperationsSummary,
} from '../../models';
import { startOfZoneDay } from '../../models/zoneTime';
import type { Db } from '../db/db';
import type { Twins } from '../live/twins';
import { HttpError, parseOr400 } from '../http/errors';
import { none, pathCompound, type PolicyDeps } from '../http/policy';
import { secureRouter } from '../http/secureRouter';
import { defaultWindow, operationsSummary } from './summary';
import { operationsCsv } from './operationsCsv';

const DAY = 86_400_000;

/** The window a query names, snapped out to the compound's local midnights; default the last 30 days (today so far included). */
export function operationsWindow(q: OperationsQuery, now: number, zone: string): { from: number; to: number } {
  if (q.from === undefined && q.to === undefined) return defaultWindow(now, zone);
  const earliest = Date.UTC(2000, 0, 1);
  const latest = now + 366 * DAY;
  for (const k of ['from', 'to'] as const) {
    const t = q[k];
    if (t !== undefined && (t < earliest || t > latest)) throw new HttpError(400, `${k}: ${new Date(t).toISOString()} is outside 2000-01-01 … a year from now`);
  }
  const toRaw = q.to ?? now;
  const to = startOfZoneDay(toRaw, zone) === toRaw ? toRaw : startOfZoneDay(toRaw + DAY + 2 * 3_600_000, zone);
  const from = q.from === undefined ? startOfZoneDay(to - 30 * DAY + 2 * 3_600_000, zone) : startOfZoneDay(q.from, zone);
  if (!(from < to)) throw new HttpError(400, 'from: must be before to');
  if (to - from > MAX_OPERATIONS_DAYS * DAY + 2 * 3_600_000) throw new HttpError(400, `from: a window may span at most ${MAX_OPERATIONS_DAYS} days`);
  return { from, to };
}

function sendCsv(res: Response, name: string, text: string): undefined {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // a BOM so that spreadsheet programs read the Chinese names as UTF-8
  res.end(`\uFEFF${text}`);
  return undefined;
}

/**
 * The operations page's figures: income by stream against upkeep, chargers and parking by hour, reliability,
 * fees, repairs — for one compound or the district. Aggregates only: the same for masked callers (evaluators, walls).
 */
export function operationsRouter(db: Db, twins: Twins, deps: PolicyDeps) {
  const r = secureRouter(deps);
  const docOf = (id: string) => {
    const doc = twins.get(id)?.entry.doc;
    if (!doc) throw new HttpError(404, `compound "${id.slice(0, 64)}" not found`);
    return doc;
  };

  r.get('/compounds/:id/operations', { gate: 'read', compound: pathCompound('id'), masked: 'same' }, async (req, res, access) => {
    const doc = docOf(String(req.params.id));
    const q = parseOr400(OperationsQuerySchema, req.query, 'query');
    const w = operationsWindow(q, Date.now(), doc.timeZone);
    const summary = await operationsSummary(db, doc, w.from, w.to, access.masked);
    if (q.format === 'csv')
      return sendCsv(res, `operations-${doc.id}-${summary.daily[0]?.day ?? ''}-${summary.daily.at(-1)?.day ?? ''}.csv`, operationsCsv(summary));
    return summary;
  });

  r.get('/district/operations', { gate: 'read', compound: none(), masked: 'same' }, async (req, res, access) => {
    const q = parseOr400(OperationsQuerySchema, req.query, 'query');
    const now = Date.now();
    const docs = twins
      .all()
      .map((t) => t.entry.doc)
      .filter((d) => access.compounds === null || access.compounds.includes(d.id));
    const out: DistrictOperations = {
      from: Infinity,
      to: -Infinity,
      compounds: [],
      totals: { income: { charging: 0, parking: 0, advertising: 0 }, incomeTotal: 0, upkeep: 0, balance: 0, failures: 0 },
    };
    const summaries: OperationsSummary[] = [];
    for (const doc of docs) {
      const w = operationsWindow(q, now, doc.timeZone);
      const s = await operationsSummary(db, doc, w.from, w.to, access.masked);
      summaries.push(s);
      out.from = Math.min(out.from, s.from);
      out.to = Math.max(out.to, s.to);
      const latest = s.fees.months.at(-1);
      const failures = s.upkeep.overall.failures;
      out.compounds.push({
        compoundId: doc.id,
        name: doc.name,
        nameEn: doc.nameEn,
        income: s.totals.income,
        incomeTotal: s.totals.incomeTotal,
        upkeep: s.totals.upkeep,
        balance: s.totals.balance,
        collectionRate: latest?.rate ?? null,
        failures,
      });
      for (const k of REVENUE_STREAMS) out.totals.income[k] = yuan(out.totals.income[k] + s.totals.income[k]);
      out.totals.incomeTotal = yuan(out.totals.incomeTotal + s.totals.incomeTotal);
      out.totals.upkeep = yuan(out.totals.upkeep + s.totals.upkeep);
      out.totals.failures += failures;
    }
    out.totals.balance = yuan(out.totals.incomeTotal - out.totals.upkeep);
    if (!docs.length) {
      out.from = now;
      out.to = now;
    }
    if (q.format === 'csv') {
      const lines = ['compound,metric,value'];
      for (const c of out.compounds) {
        for (const k of REVENUE_STREAMS) lines.push(`${c.compoundId},income.${k},${c.income[k]}`);
        lines.push(`${c.compoundId},income.total,${c.incomeTotal}`, `${c.compoundId},upkeep,${c.upkeep}`, `${c.compoundId},balance,${c.balance}`);
        lines.push(`${c.compoundId},fees.collectionRate,${c.collectionRate ?? ''}`, `${c.compoundId},failures,${c.failures}`);
      }
      for (const k of REVENUE_STREAMS) lines.push(`district,income.${k},${out.totals.income[k]}`);
      lines.push(`district,income.total,${out.totals.incomeTotal}`, `district,upkeep,${out.totals.upkeep}`, `district,balance,${out.totals.balance}`);
      lines.push(`district,failures,${out.totals.failures}`);
      return sendCsv(res, 'operations-district.csv', lines.join('\r\n') + '\r\n');
    }
    return out;
  });
  return r.router;
}
