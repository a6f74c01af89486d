import type { Compound } from '../../models';
import type { Db } from '../db/db';
import type { FeeRow } from './feeCsv';
import { replaceFeeMonths } from './fees.service';

// Demo bills: 12 months per household of each residential building, deterministic (a hash of compound,
// room and month, no clock but the month), seeded once where a compound has none. Most buildings pay
// ~95 %, a couple ~65–75 %; online billing (from the 7th month) lifts every building by 10–15 points.

/** FNV-1a of a string → 0..1. */
function unit01(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return (h >>> 0) / 0x1_0000_0000;
}

/** The `count` months up to the one holding `now` in `timeZone`, oldest first (YYYY-MM). */
export function lastMonths(now: number, timeZone: string, count: number): string[] {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(new Date(now));
  let y = Number(parts.find((p) => p.type === 'year')!.value);
  let m = Number(parts.find((p) => p.type === 'month')!.value);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.unshift(`${y}-${String(m).padStart(2, '0')}`);
    if (--m === 0) {
      m = 12;
      y--;
    }
  }
  return out;
}

/** The demo's bills of one compound over `months` (one per household per month). */
export function demoFeeRows(c: Compound, months: string[]): FeeRow[] {
  const rows: FeeRow[] = [];
  const homes = c.buildings.filter((b) => b.units.length);
  homes.forEach((b, bi) => {
    // two buildings pay badly (the 3rd and every 5th after it would be too many: pick by hash, at most 2)
    const weak = homes.length > 3 && (bi === Math.floor(homes.length / 3) || bi === Math.floor((homes.length * 3) / 4));
    const target = weak ? 0.6 + unit01(`${c.id}|${b.id}|t`) * 0.08 : 0.93 + unit01(`${c.id}|${b.id}|t`) * 0.04;
    for (const u of b.units)
      for (const f of u.floors)
        for (let h = 1; h <= f.households; h++) {
          const room = `${String(f.level).padStart(2, '0')}${String(h).padStart(2, '0')}`;
          const area = 55 + Math.round(unit01(`${c.id}|${u.id}|${room}|area`) * 45);
          const billed = Math.round(area * 1.35 * 100) / 100;
          months.forEach((month, mi) => {
            // before online billing (first half) ~12 points lower, rising over the change-over months
            const lift = mi < 6 ? 0.12 : mi < 8 ? 0.05 : 0;
            const p = Math.max(0.3, target - lift);
            const x = unit01(`${c.id}|${u.id}|${room}|${month}`);
            const paid = x < p ? billed : x < p + (1 - p) * 0.3 ? Math.round(billed * 50) / 100 : 0;
            const day = 1 + Math.floor(unit01(`${room}|${month}|d`) * 27);
            rows.push({
              month,
              buildingId: b.id,
              unitId: u.id,
              room,
              billed,
              paid,
              paidAt: paid > 0 ? `${month}-${String(day).padStart(2, '0')}T02:00:00.000Z` : null,
            });
          });
        }
  });
  return rows;
}

/** Seeds 12 months of demo bills for a compound that has none; true when it did. */
export async function seedDemoFees(db: Db, c: Compound, now = Date.now()): Promise<boolean> {
  const has = await db.query('select 1 from fee_bills where compound_id = $1 limit 1', [c.id]);
  if (has.rows.length) return false;
  const rows = demoFeeRows(c, lastMonths(now, c.timeZone, 12));
  if (!rows.length) return false;
  await replaceFeeMonths(db, c.id, rows, 'demo');
  return true;
}
