import { REVENUE_STREAMS, type OperationsSummary, type ReliabilityRow } from '../../models';

/** A CSV field: quoted when it holds a comma, quote or line break; a leading = + - @ is neutralised (spreadsheet formulas). */
function field(v: string | number | null): string {
  if (v === null) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * The operations summary as `metric,period,value` rows: the same numbers as the JSON (money in yuan with 2
 * decimals, shares as fractions 0..1), so a spreadsheet and the page agree. `period` is a month (YYYY-MM), a day
 * (YYYY-MM-DD), an hour of day (00–23), a group's key, or `total`.
 */
export function operationsCsv(s: OperationsSummary): string {
  const rows: [string, string, string | number | null][] = [];
  const add = (metric: string, period: string, value: string | number | null) => rows.push([metric, period, value]);
  add('window.from', 'total', new Date(s.from).toISOString());
  add('window.to', 'total', new Date(s.to).toISOString());
  for (const k of REVENUE_STREAMS) add(`income.${k}`, 'total', s.totals.income[k]);
  add('income.total', 'total', s.totals.incomeTotal);
  add('upkeep.total', 'total', s.totals.upkeep);
  add('balance', 'total', s.totals.balance);
  for (const m of s.months) {
    for (const k of REVENUE_STREAMS) add(`income.${k}`, m.month, m.income[k]);
    add('upkeep.labour', m.month, m.upkeep.labour);
    add('upkeep.parts', m.month, m.upkeep.parts);
    add('upkeep.contracts', m.month, m.upkeep.contracts);
    add('upkeep.total', m.month, m.upkeep.total);
    add('balance', m.month, m.balance);
  }
  for (const d of s.daily) for (const k of REVENUE_STREAMS) add(`income.${k}`, d.day, d.income[k]);
  add('charging.sessions', 'total', s.charging.sessions);
  add('charging.kwh', 'total', s.charging.kwh);
  add('charging.ports', 'total', s.charging.ports);
  s.charging.utilisationByHour.forEach((u, h) => add('charging.utilisation', String(h).padStart(2, '0'), u));
  add('parking.entries', 'total', s.parking.entries);
  add('parking.exits', 'total', s.parking.exits);
  add('parking.feeIncome', 'total', s.parking.feeIncome);
  add('parking.rentIncome', 'total', s.parking.rentIncome);
  add('parking.sharedHours', 'total', s.parking.sharedHours);
  s.parking.occupancyByHour.forEach((o, h) => add('parking.occupancy', String(h).padStart(2, '0'), o));
  add('advertising.plays', 'total', s.advertising.plays);
  for (const a of s.advertising.bySlot) {
    add('advertising.slot.plays', a.slot, a.plays);
    add('advertising.slot.income', a.slot, a.income);
  }
  const group = (name: string, list: ReliabilityRow[]) => {
    for (const g of list) {
      add(`${name}.devices`, g.key, g.devices);
      add(`${name}.failures`, g.key, g.failures);
      add(`${name}.failureRate`, g.key, g.failureRate);
      add(`${name}.mttrMin`, g.key, g.mttrMin);
      add(`${name}.availability`, g.key, g.availability);
      add(`${name}.cost`, g.key, g.cost);
    }
  };
  group('overall', [s.upkeep.overall]);
  group('system', s.upkeep.bySystem);
  group('maintainer', s.upkeep.byMaintainer);
  group('model', s.upkeep.topModels);
  for (const f of s.fees.months) {
    add('fees.billed', f.month, f.billed);
    add('fees.paid', f.month, f.paid);
    add('fees.rate', f.month, f.rate);
    add('fees.arrearsHouseholds', f.month, f.arrearsHouseholds);
  }
  add('repairs.requests', 'total', s.repairs.requests);
  add('repairs.closed', 'total', s.repairs.closed);
  add('repairs.rated', 'total', s.repairs.rated);
  add('repairs.avgRating', 'total', s.repairs.avgRating);
  add('repairs.avgResolveMin', 'total', s.repairs.avgResolveMin);
  return ['metric,period,value', ...rows.map((r) => r.map(field).join(','))].join('\r\n') + '\r\n';
}
