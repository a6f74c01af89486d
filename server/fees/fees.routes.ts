import express from 'express';
import { FEE_IMPORT_LIMITS as LIM, FeeArrearsQuerySchema, FeeQuerySchema } from '../../models';
import type { Db } from '../db/db';
import type { Twins } from '../live/twins';
import { HttpError, parseOr400 } from '../http/errors';
import { pathCompound, type Policy, type PolicyDeps } from '../http/policy';
import { secureRouter } from '../http/secureRouter';
import { parseFeeCsv } from './feeCsv';
import { feeArrears, feeSummary, replaceFeeMonths } from './fees.service';

/** Media types a bill file may come as (the body is read as text by the route, not by the JSON parser). */
export const FEE_CSV_TYPES = ['text/csv', 'application/csv', 'text/plain'];

/** Property fee bills: CSV import and aggregated collection rates (never per flat to masked callers). */
export function feesRouter(db: Db, twins: Twins, deps: PolicyDeps) {
  const r = secureRouter(deps);
  const compound = (id: string) => {
    const entry = twins.registry.get(id);
    if (!entry) throw new HttpError(404, `compound "${id.slice(0, 64)}" not found`);
    return entry.doc;
  };
  const officers: Policy = { gate: 'operate', compound: pathCompound(), masked: 'deny' };

  // Officers of the compound and admins; the body is read only once the policy passed, at most LIM.bodyMb.
  r.put(
    '/compounds/:id/fees',
    officers,
    async (req, _res, access) => {
      const doc = compound(access.compoundId!);
      if (typeof req.body !== 'string') throw new HttpError(415, `send the bills as text/csv (UTF-8), see README "Fees"`);
      const rows = parseFeeCsv(req.body, doc);
      return replaceFeeMonths(db, doc.id, rows, access.actor);
    },
    express.text({ type: FEE_CSV_TYPES, limit: `${LIM.bodyMb}mb` }),
  );

  // Sums only; masked callers get no sum over fewer than FEE_SMALL_CELL households (fees.service suppressSmallCells).
  r.get('/compounds/:id/fees', { gate: 'read', compound: pathCompound(), masked: 'same' }, async (req, _res, access) => {
    const doc = compound(access.compoundId!);
    const q = parseOr400(FeeQuerySchema, req.query, 'query');
    return feeSummary(db, doc.id, q, access.masked);
  });

  // Rooms in arrears (no names: there are none): officers of the compound and admins only.
  r.get('/compounds/:id/fees/arrears', officers, async (req, _res, access) => {
    const doc = compound(access.compoundId!);
    const q = parseOr400(FeeArrearsQuerySchema, req.query, 'query');
    return feeArrears(db, doc.id, q.month);
  });
  return r.router;
}
