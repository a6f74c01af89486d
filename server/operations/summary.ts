import {
  DEFAULT_CHARGER_PORTS,
  DEVICE_TYPE_DEFS,
  REVENUE_STREAMS,
  yuan,
  type Compound,
  type Device,
  type DeviceMaintenance,
  type OperationsMonth,
  type OperationsSummary,
  type ReliabilityRow,
  type RevenueStream,
} from '../../models';
import { startOfZoneDay, zoneOffsetMs, zoneParts } from '../../models/zoneTime';
import type { Queryable } from '../db/db';
import { FEE_SMALL_CELL } from '../../models/fees';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const pad = (n: number) => String(n).padStart(2, '0');
const zeroIncome = (): Record<RevenueStream, number> => ({ charging: 0, parking: 0, advertising: 0 });
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/** The device's upkeep facts: its own over its type's defaults in the compound. */
export function maintenanceOf(doc: Compound, d: Device): DeviceMaintenance {
  return { ...(doc.maintenance?.byType[d.type] ?? {}), ...(d.maintenance ?? {}) };
}

/** Local calendar keys of an instant in `zone`: YYYY-MM, YYYY-MM-DD and the hour 0..23. */
function keysOf(ms: number, zone: string) {
  const p = zoneParts(ms, zone);
  const month = `${p.year}-${pad(p.month)}`;
  return { month, day: `${month}-${pad(p.day)}`, hour: p.hour };
}

/**
 * `keysOf` for many instants of [from, to): Intl is slow (tens of µs a call), so a zone whose offset is the same
 * at both ends and in between (no daylight-saving change, e.g. Asia/Shanghai) is read by arithmetic; otherwise
 * each hour is asked once.
 */
function localClock(from: number, to: number, zone: string): (ms: number) => { month: string; day: string; hour: number } {
  const off = zoneOffsetMs(from, zone);
  let steady = true;
  for (let t = from; t <= to && steady; t += 7 * DAY) steady = zoneOffsetMs(t, zone) === off;
  if (steady && zoneOffsetMs(to, zone) === off)
    return (ms) => {
      const d = new Date(ms + off);
      const month = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
      return { month, day: `${month}-${pad(d.getUTCDate())}`, hour: d.getUTCHours() };
    };
  const cache = new Map<number, ReturnType<typeof keysOf>>();
  return (ms) => {
    const h = Math.floor(ms / HOUR);
    let k = cache.get(h);
    if (!k) cache.set(h, (k = keysOf(h * HOUR, zone)));
    return k;
  };
}

/** The default window: the last `days` local days, today (so far) included: [midnight `days − 1` days ago, next midnight). */
export function defaultWindow(now: number, zone: string, days = 30): { from: number; to: number } {
  const today = startOfZoneDay(now, zone);
  const to = startOfZoneDay(today + DAY + 2 * HOUR, zone);
  return { from: startOfZoneDay(today - (days - 1) * DAY + 2 * HOUR, zone), to };
}

/** Local days and months of [from, to): each month with the whole days of the window in it. */
function calendar(from: number, to: number, zone: string) {
  const days: string[] = [];
  const monthDays = new Map<string, number>();
  for (let t = startOfZoneDay(from, zone); t < to; t = startOfZoneDay(t + DAY + 2 * HOUR, zone)) {
    const k = keysOf(t + HOUR, zone);
    days.push(k.day);
    monthDays.set(k.month, (monthDays.get(k.month) ?? 0) + 1);
  }
  return { days, monthDays };
}

interface OrderRow {
  device_id: string | null;
  category: string;
  source: string;
  status: string;
  created_at: number;
  resolved_at: number | null;
  closed_at: number | null;
  labour_cost: number | null;
  parts_cost: number | null;
  resident_rating: number | null;
}

/**
 * The operations page's figures for one compound over [from, to): income by stream (the hourly revenue aggregate),
 * upkeep (work-order labour and parts by the month they were resolved, maintenance contracts pro rata), chargers
 * and parking by local hour, reliability by system, maintainer and model, fee collection by bill month, residents' repairs.
 */
export async function operationsSummary(db: Queryable, doc: Compound, from: number, to: number, masked = false): Promise<OperationsSummary> {
  const zone = doc.timeZone;
  const id = doc.id;
  const { days, monthDays } = calendar(from, to, zone);
  const local = localClock(from, to, zone);
  const months = [...monthDays.keys()];
  const fromTs = new Date(from).toISOString();
  const toTs = new Date(to).toISOString();

  // Grouped by the compound's local day and hour in the database: a few hundred rows leave it, not every hour × kind × slot.
  const [revenue, occupancy, sessions, orders, uptime, fees] = await Promise.all([
    db.query(
      `select to_char(bucket at time zone $4, 'YYYY-MM-DD') as day, stream, kind, slot, sum(amount) as amount, sum(kwh) as kwh, sum(plays) as plays,
              sum(n) as n, sum(entries) as entries, sum(exits) as exits, sum(shared_minutes) as shared_minutes
         from revenue_hourly where compound_id = $1 and bucket >= $2 and bucket < $3 group by 1, 2, 3, 4`,
      [id, fromTs, toTs, zone],
    ),
    db.query(
      `select extract(hour from bucket at time zone $4)::int as h, sum(occ_sum)::float8 as occ_sum, sum(occ_n)::float8 as occ_n
         from revenue_hourly where compound_id = $1 and bucket >= $2 and bucket < $3 and kind = 'parking_pass' group by 1`,
      [id, fromTs, toTs, zone],
    ),
    db.query(
      `select extract(hour from hour at time zone $4)::int as h, sum(minutes)::float8 as minutes from charger_busy
        where compound_id = $1 and hour >= $2 and hour < $3 group by 1`,
      [id, fromTs, toTs, zone],
    ),
    db.query(
      `select device_id, category, source, status, extract(epoch from created_at) * 1000 as created_at, extract(epoch from resolved_at) * 1000 as resolved_at,
              extract(epoch from closed_at) * 1000 as closed_at, labour_cost, parts_cost, resident_rating
         from work_orders where compound_id = $1 and ((created_at >= $2 and created_at < $3) or (resolved_at >= $2 and resolved_at < $3))`,
      [id, fromTs, toTs],
    ),
    db.query(
      `select device_type, sum(online)::float8 as online, sum(total)::float8 as total from uptime_samples where compound_id = $1 and at >= $2 and at < $3 group by 1`,
      [id, fromTs, toTs],
    ),
    feeMonths(db, id, months[months.length - 1] ?? keysOf(to - 1, zone).month, masked),
  ]);

  // Income by month and day, plus each stream's own figures.
  const byMonth = new Map(months.map((m) => [m, zeroIncome()]));
  const byDay = new Map(days.map((d) => [d, zeroIncome()]));
  const charging = { sessions: 0, kwh: 0, income: 0 };
  const parking = { entries: 0, exits: 0, feeIncome: 0, rentIncome: 0, sharedMinutes: 0 };
  const occ = Array.from({ length: 24 }, () => ({ sum: 0, n: 0 }));
  const slots = new Map<string, { plays: number; income: number }>();
  for (const r of revenue.rows) {
    const day = String(r.day);
    const stream = r.stream as RevenueStream;
    const amount = n(r.amount);
    if (!REVENUE_STREAMS.includes(stream)) continue;
    const m = byMonth.get(day.slice(0, 7));
    if (m) m[stream] += amount;
    const d = byDay.get(day);
    if (d) d[stream] += amount;
    switch (r.kind) {
      case 'charge_session':
        charging.sessions += n(r.n);
        charging.kwh += n(r.kwh);
        charging.income += amount;
        break;
      case 'parking_pass':
        parking.entries += n(r.entries);
        parking.exits += n(r.exits);
        parking.feeIncome += amount;
        parking.sharedMinutes += n(r.shared_minutes);
        break;
      case 'space_rent':
        parking.rentIncome += amount;
        break;
      case 'ad_play': {
        const slot = String(r.slot ?? '');
        const s = slots.get(slot) ?? { plays: 0, income: 0 };
        s.plays += n(r.plays);
        s.income += amount;
        slots.set(slot, s);
        break;
      }
    }
  }

  // Charger utilisation: busy port-minutes by local hour of day over the ports' minutes in the window.
  const chargers = doc.devices.filter((d) => d.type === 'ebike_charger').length;
  const ports = chargers * (doc.operations?.chargerPorts ?? DEFAULT_CHARGER_PORTS);
  const busy = new Float64Array(24);
  for (const r of sessions.rows) busy[Number(r.h) % 24] += n(r.minutes);
  for (const r of occupancy.rows) {
    occ[Number(r.h) % 24].sum += n(r.occ_sum);
    occ[Number(r.h) % 24].n += n(r.occ_n);
  }
  const hoursPerSlot = days.length * 60;
  const utilisationByHour = Array.from(busy, (b) => (ports > 0 && hoursPerSlot > 0 ? round4(Math.min(1, b / (ports * hoursPerSlot))) : 0));
  const spaces = doc.operations?.parking?.spaces ?? 0;
  const occupancyByHour = occ.map((o) => (o.n > 0 && spaces > 0 ? round4(Math.min(1, o.sum / o.n / spaces)) : null));

  // Upkeep and reliability.
  const rows = orders.rows as unknown as OrderRow[];
  const devices = new Map(doc.devices.map((d) => [d.id, d]));
  const info = new Map(doc.devices.map((d) => [d.id, maintenanceOf(doc, d)]));
  const upkeepMonth = new Map(months.map((m) => [m, { labour: 0, parts: 0, contracts: 0 }]));
  type Group = { devices: Set<string>; failed: Set<string>; failures: number; repairMin: number; repaired: number; cost: number; kind?: string };
  const groups = { overall: new Map<string, Group>(), system: new Map<string, Group>(), maintainer: new Map<string, Group>(), model: new Map<string, Group>() };
  const group = (map: Map<string, Group>, key: string, kind?: string) => {
    let g = map.get(key);
    if (!g) map.set(key, (g = { devices: new Set(), failed: new Set(), failures: 0, repairMin: 0, repaired: 0, cost: 0, kind }));
    return g;
  };
  const groupsOf = (d: Device) => {
    const m = info.get(d.id)!;
    const system = DEVICE_TYPE_DEFS[d.type].system;
    const out = [group(groups.overall, 'all'), group(groups.system, system), group(groups.maintainer, m.maintainer ?? '—', m.owner ?? undefined)];
    if (m.model) out.push(group(groups.model, m.model, system));
    return out;
  };
  // Contracts: annualFee / 365 per device per day of the window, per month.
  const windowDays = days.length;
  for (const d of doc.devices) {
    const gs = groupsOf(d);
    for (const g of gs) g.devices.add(d.id);
    const fee = info.get(d.id)!.annualFee ?? 0;
    if (!fee) continue;
    for (const [month, nDays] of monthDays) upkeepMonth.get(month)!.contracts += (fee / 365) * nDays;
    for (const g of gs) g.cost += (fee / 365) * windowDays;
  }
  const repairs = { requests: 0, closed: 0, rated: 0, ratingSum: 0, resolveMin: 0, resolved: 0 };
  for (const w of rows) {
    const created = Number(w.created_at);
    const resolved = w.resolved_at === null ? null : Number(w.resolved_at);
    const createdIn = created >= from && created < to;
    const resolvedIn = resolved !== null && resolved >= from && resolved < to;
    const cost = n(w.labour_cost) + n(w.parts_cost);
    if (resolvedIn) {
      const u = upkeepMonth.get(local(resolved).month);
      if (u) {
        u.labour += n(w.labour_cost);
        u.parts += n(w.parts_cost);
      }
    }
    const d = w.device_id ? devices.get(w.device_id) : undefined;
    if (d) {
      for (const g of groupsOf(d)) {
        if (resolvedIn) g.cost += cost;
        if (w.category !== 'repair') continue;
        if (createdIn) {
          g.failures++;
          g.failed.add(d.id);
        }
        if (resolvedIn) {
          g.repairMin += (resolved - created) / 60_000;
          g.repaired++;
        }
      }
    }
    if (w.source === 'resident' && createdIn) {
      repairs.requests++;
      if (w.status === 'closed') repairs.closed++;
      if (w.resident_rating !== null) {
        repairs.rated++;
        repairs.ratingSum += Number(w.resident_rating);
      }
      if (resolved !== null) {
        repairs.resolved++;
        repairs.resolveMin += (resolved - created) / 60_000;
      }
    }
  }

  // Availability: the hourly uptime samples, by device type, weighted into each group by its devices of that type.
  const typeAvail = new Map<string, number>();
  for (const r of uptime.rows) if (n(r.total) > 0) typeAvail.set(String(r.device_type), n(r.online) / n(r.total));
  const availability = (g: Group): number | null => {
    let w = 0,
      s = 0;
    for (const did of g.devices) {
      const a = typeAvail.get(devices.get(did)!.type);
      if (a === undefined) continue;
      w++;
      s += a;
    }
    return w ? round4(s / w) : null;
  };
  const toRows = (map: Map<string, Group>): ReliabilityRow[] =>
    [...map]
      .map(([key, g]) => ({
        key,
        ...(g.kind ? { kind: g.kind } : {}),
        devices: g.devices.size,
        failures: g.failures,
        failureRate: g.devices.size ? round4(g.failed.size / g.devices.size) : 0,
        mttrMin: g.repaired ? Math.round(g.repairMin / g.repaired) : null,
        availability: availability(g),
        cost: yuan(g.cost),
      }))
      .sort((a, b) => b.failures - a.failures || b.cost - a.cost || a.key.localeCompare(b.key));

  const monthsOut: OperationsMonth[] = months.map((month) => {
    const inc = byMonth.get(month)!;
    const u = upkeepMonth.get(month)!;
    const income = { charging: yuan(inc.charging), parking: yuan(inc.parking), advertising: yuan(inc.advertising) };
    const upkeep = { labour: yuan(u.labour), parts: yuan(u.parts), contracts: yuan(u.contracts), total: yuan(u.labour + u.parts + u.contracts) };
    return { month, income, upkeep, balance: yuan(income.charging + income.parking + income.advertising - upkeep.total), days: monthDays.get(month)! };
  });
  const totalIncome = zeroIncome();
  let upkeepTotal = 0;
  for (const m of monthsOut) {
    for (const s of REVENUE_STREAMS) totalIncome[s] += m.income[s];
    upkeepTotal += m.upkeep.total;
  }
  for (const s of REVENUE_STREAMS) totalIncome[s] = yuan(totalIncome[s]);
  const incomeTotal = yuan(totalIncome.charging + totalIncome.parking + totalIncome.advertising);
  upkeepTotal = yuan(upkeepTotal);

  return {
    compoundId: id,
    timeZone: zone,
    from,
    to,
    days: windowDays,
    months: monthsOut,
    totals: { income: totalIncome, incomeTotal, upkeep: upkeepTotal, balance: yuan(incomeTotal - upkeepTotal) },
    daily: days.map((day) => {
      const d = byDay.get(day)!;
      return { day, income: { charging: yuan(d.charging), parking: yuan(d.parking), advertising: yuan(d.advertising) } };
    }),
    charging: { chargers, ports, sessions: charging.sessions, kwh: Math.round(charging.kwh * 10) / 10, income: yuan(charging.income), utilisationByHour },
    parking: {
      spaces,
      rented: doc.operations?.parking?.rented ?? 0,
      entries: parking.entries,
      exits: parking.exits,
      feeIncome: yuan(parking.feeIncome),
      rentIncome: yuan(parking.rentIncome),
      sharedHours: Math.round((parking.sharedMinutes / 60) * 10) / 10,
      occupancyByHour,
    },
    advertising: {
      plays: [...slots.values()].reduce((a, s) => a + s.plays, 0),
      income: yuan([...slots.values()].reduce((a, s) => a + s.income, 0)),
      bySlot: [...slots]
        .map(([slot, s]) => ({ slot, plays: s.plays, income: yuan(s.income) }))
        .sort((a, b) => b.income - a.income || a.slot.localeCompare(b.slot)),
    },
    upkeep: {
      overall: toRows(groups.overall)[0] ?? { key: 'all', devices: 0, failures: 0, failureRate: 0, mttrMin: null, availability: null, cost: 0 },
      bySystem: toRows(groups.system),
      byMaintainer: toRows(groups.maintainer),
      topModels: toRows(groups.model).slice(0, 10),
    },
    fees: { months: fees },
    repairs: {
      requests: repairs.requests,
      closed: repairs.closed,
      rated: repairs.rated,
      avgRating: repairs.rated ? Math.round((repairs.ratingSum / repairs.rated) * 100) / 100 : null,
      avgResolveMin: repairs.resolved ? Math.round(repairs.resolveMin / repairs.resolved) : null,
    },
  };
}

/**
 * Collection by bill month, the 12 months up to `lastMonth` (YYYY-MM): paid ÷ billed amount and households in arrears.
 * `masked` (evaluators, walls): months billed to fewer than FEE_SMALL_CELL households are left out, as on GET /fees.
 */
export async function feeMonths(db: Queryable, compoundId: string, lastMonth: string, masked = false): Promise<OperationsSummary['fees']['months']> {
  const [y, m] = lastMonth.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 12, 1));
  const firstMonth = `${first.getUTCFullYear()}-${pad(first.getUTCMonth() + 1)}`;
  const r = await db.query(
    `select month, sum(billed)::float8 as billed, sum(paid)::float8 as paid, count(*) filter (where paid < billed)::int as arrears, count(*)::int as households
       from fee_bills where compound_id = $1 and month >= $2 and month <= $3 group by month order by month`,
    [compoundId, firstMonth, lastMonth],
  );
  const rows = masked ? r.rows.filter((row) => n(row.households) >= FEE_SMALL_CELL) : r.rows;
  return rows.map((row) => {
    const billed = n(row.billed);
    const paid = n(row.paid);
    return {
      month: String(row.month),
      billed: yuan(billed),
      paid: yuan(paid),
      rate: billed > 0 ? round4(Math.min(1, paid / billed)) : null,
      arrearsHouseholds: n(row.arrears),
    };
  });
}
