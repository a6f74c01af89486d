import {
  FEE_SMALL_CELL,
  yuan,
  type FeeArrears,
  type FeeCell,
  type FeeFigures,
  type FeeImportResult,
  type FeeMonthFigures,
  type FeeQuery,
  type FeeSummary,
  type FeeTrendMonth,
} from '../../models';
import type { Queryable } from '../db/db';
import type { FeeRow } from './feeCsv';

// Fee bills in fee_bills (server/db/fees.sql.ts): written by a whole import in one transaction, read only
// as sums. A masked caller's answer withholds every sum over fewer than FEE_SMALL_CELL households.

const CHUNK = 5_000;
const TREND_MONTHS = 36;

/** Replaces the months `rows` hold for the compound with them, in one transaction, and records who did it. */
export async function replaceFeeMonths(
  db: { transaction<T>(fn: (q: Queryable) => Promise<T>): Promise<T> },
  compoundId: string,
  rows: FeeRow[],
  actor: string,
) {
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const buildings = new Set(rows.map((r) => r.buildingId)).size;
  const replaced = await db.transaction(async (q) => {
    const del = await q.query('delete from fee_bills where compound_id = $1 and month = any($2::text[])', [compoundId, months]);
    for (let i = 0; i < rows.length; i += CHUNK) {
      const part = rows.slice(i, i + CHUNK);
      await q.query(
        `insert into fee_bills (compound_id, month, building_id, unit_id, room, billed, paid, paid_at)
         select $1, m, b, u, r, bi, pa, pat::timestamptz from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[], $8::text[])
           as t(m, b, u, r, bi, pa, pat)`,
        [
          compoundId,
          part.map((r) => r.month),
          part.map((r) => r.buildingId),
          part.map((r) => r.unitId),
          part.map((r) => r.room),
          part.map((r) => r.billed),
          part.map((r) => r.paid),
          part.map((r) => r.paidAt),
        ],
      );
    }
    await q.query('insert into fee_imports (compound_id, actor, months, rows, replaced) values ($1, $2, $3::text[], $4, $5)', [
      compoundId,
      actor,
      months,
      rows.length,
      del.rowCount,
    ]);
    return del.rowCount;
  });
  return { compoundId, months, rows: rows.length, buildings, replaced } satisfies FeeImportResult;
}

interface SumRow {
  billed: number | string;
  paid: number | string;
  households: number | string;
  arrears: number | string;
}

const SUMS = `sum(billed)::float8 as billed, sum(paid)::float8 as paid, count(*)::int as households, count(*) filter (where paid < billed)::int as arrears`;

function figures(r: SumRow): FeeFigures {
  const billed = yuan(Number(r.billed));
  const paid = yuan(Number(r.paid));
  return {
    billed,
    paid,
    rate: billed > 0 ? Math.round((paid / billed) * 10_000) / 10_000 : null,
    households: Number(r.households),
    arrearsHouseholds: Number(r.arrears),
    suppressed: false,
  };
}

const withhold = <T extends FeeFigures>(f: T): T => ({ ...f, billed: null, paid: null, rate: null, arrearsHouseholds: null, suppressed: true });

/**
 * The small-cell rule over cells that add up to a total the caller can also see: cells of fewer than
 * FEE_SMALL_CELL households are withheld, and when exactly one cell of a group is, the next smallest is
 * too (else the total minus the others gives it away).
 */
export function suppressSmallCells<T extends FeeFigures>(cells: T[], groupOf: (c: T) => string): T[] {
  const out = cells.map((c) => (c.households < FEE_SMALL_CELL ? withhold(c) : c));
  const groups = new Map<string, number[]>();
  out.forEach((c, i) => groups.set(groupOf(c), [...(groups.get(groupOf(c)) ?? []), i]));
  for (const idx of groups.values()) {
    if (idx.filter((i) => out[i].suppressed).length !== 1) continue;
    const next = idx.filter((i) => !out[i].suppressed).sort((a, b) => out[a].households - out[b].households)[0];
    if (next !== undefined) out[next] = withhold(out[next]);
  }
  return out;
}

/** The compound's figures per bill month from `fromMonth` to `toMonth` (inclusive, YYYY-MM), months without bills left out; for the operations summary. */
export async function feeMonthsTrend(db: Queryable, compoundId: string, fromMonth: string, toMonth: string): Promise<FeeTrendMonth[]> {
  const { rows } = await db.query<SumRow & { month: string }>(
    `select month, ${SUMS} from fee_bills where compound_id = $1 and month >= $2 and month <= $3 group by month order by month`,
    [compoundId, fromMonth, toMonth],
  );
  return rows.map((r) => {
    const f = figures(r);
    return { month: r.month, billed: f.billed!, paid: f.paid!, rate: f.rate, households: f.households, arrearsHouseholds: f.arrearsHouseholds! };
  });
}

/** GET /compounds/:id/fees: one month's cells (building or unit) and the compound's trend; small cells withheld when `masked`. */
export async function feeSummary(db: Queryable, compoundId: string, q: FeeQuery, masked: boolean): Promise<FeeSummary> {
  const trendRows = await db.query<SumRow & { month: string }>(
    `select * from (select month, ${SUMS} from fee_bills where compound_id = $1 group by month order by month desc limit ${TREND_MONTHS}) t order by month`,
    [compoundId],
  );
  const allMonths = await db.query<{ month: string }>('select distinct month from fee_bills where compound_id = $1 order by month', [compoundId]);
  const months = allMonths.rows.map((r) => r.month);
  const month = q.month ?? months.at(-1) ?? null;
  let items: FeeCell[] = [];
  if (month) {
    const unit = q.level === 'unit';
    const { rows } = await db.query<SumRow & { building_id: string; unit_id: string }>(
      `select building_id, ${unit ? 'unit_id' : 'null as unit_id'}, ${SUMS} from fee_bills where compound_id = $1 and month = $2
       group by building_id${unit ? ', unit_id' : ''} order by building_id${unit ? ', unit_id' : ''}`,
      [compoundId, month],
    );
    items = rows.map((r) => ({ buildingId: r.building_id, unitId: r.unit_id ?? null, ...figures(r) }));
    if (masked && unit) {
      // The building level is public too: a building withheld there withholds all its units, else the compound's total
      // minus the other buildings minus its visible units would give a withheld one away (and the reverse).
      const buildings = await db.query<SumRow & { building_id: string }>(
        `select building_id, null as unit_id, ${SUMS} from fee_bills where compound_id = $1 and month = $2 group by building_id order by building_id`,
        [compoundId, month],
      );
      const hidden = new Set(
        suppressSmallCells(
          buildings.rows.map((r) => ({ buildingId: r.building_id, ...figures(r) })),
          () => '',
        )
          .filter((b) => b.suppressed)
          .map((b) => b.buildingId),
      );
      items = suppressSmallCells(
        items.map((c) => (hidden.has(c.buildingId) ? withhold(c) : c)),
        (c) => c.buildingId,
      );
    } else if (masked) items = suppressSmallCells(items, () => '');
  }
  let trend: FeeMonthFigures[] = trendRows.rows.map((r) => ({ month: r.month, ...figures(r) }));
  if (masked) trend = trend.map((t) => (t.households < FEE_SMALL_CELL ? withhold(t) : t));
  return { compoundId, month, months, level: q.level, items, trend, smallCell: FEE_SMALL_CELL, masked };
}

/** GET /compounds/:id/fees/arrears: rooms with paid < billed in one month (default the latest), by building, unit and room. */
export async function feeArrears(db: Queryable, compoundId: string, month: string | undefined): Promise<FeeArrears> {
  const m =
    month ??
    (await db.query<{ month: string | null }>('select max(month) as month from fee_bills where compound_id = $1', [compoundId])).rows[0]?.month ??
    null;
  if (!m) return { compoundId, month: null, rooms: [], owed: 0 };
  const { rows } = await db.query<{ building_id: string; unit_id: string; room: string; billed: number; paid: number }>(
    `select building_id, unit_id, room, billed, paid from fee_bills where compound_id = $1 and month = $2 and paid < billed
     order by building_id, unit_id, room`,
    [compoundId, m],
  );
  const rooms = rows.map((r) => ({
    buildingId: r.building_id,
    unitId: r.unit_id,
    room: r.room,
    billed: yuan(Number(r.billed)),
    paid: yuan(Number(r.paid)),
    owed: yuan(Number(r.billed) - Number(r.paid)),
  }));
  return { compoundId, month: m, rooms, owed: yuan(rooms.reduce((s, r) => s + r.owed, 0)) };
}
