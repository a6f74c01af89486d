import { ENERGY_UNITS, type EnergyItem, type EnergyMap, type EnergyQuery, type OutlierRule } from '../../models';
import type { Queryable } from '../db/db';
import { windowSums, type SumPart } from '../db/energy.repo';
import type { CompoundEntry } from '../compounds/registry';
import { itemSpecs } from './energyItems';
import { baselineWindows, DAY, dayStart, resolveWindow, splitWindow } from './windows';

/** The outlier rule, in one place; every answer carries it so the legend can say what a flag means. */
export const OUTLIER_RULE: OutlierRule = { baselinePeriods: 4, minPeriods: 2, factor: 1.5, minBaseline: 0.01 };

const ratioOf = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;

/**
 * The energy (or water) heatmap of a compound over a window: per building, or per unit / floor cell of one
 * building; totals, per household and per m²; the legend's scale; and outliers against each cell's own baseline.
 * Sums come from the daily and hourly aggregates, raw rows only for the partial hours at the window's ends.
 */
export async function energyMap(q: Queryable, entry: CompoundEntry, query: EnergyQuery, now = Date.now()): Promise<EnergyMap> {
  const zone = entry.doc.timeZone;
  const win = resolveWindow(query, now, zone);
  const base = baselineWindows(win, OUTLIER_RULE.baselinePeriods);
  const specs = itemSpecs(entry, query.metric, query.level, query.buildingId);
  // Yesterday and today come from the hourly aggregate (see splitWindow).
  const dailyBefore = dayStart(now, zone) - DAY;
  const parts: SumPart[] = [win, ...base].flatMap((w, i) => splitWindow(w.from, w.to, dailyBefore, zone).map((p) => ({ ...p, window: i })));
  const rows = await windowSums(
    q,
    query.metric,
    specs.flatMap((s) => s.meterIds),
    parts,
  );

  // device → per-window [sum, count]
  const byDevice = new Map<string, { sum: number; count: number }[]>();
  for (const r of rows) {
    let w = byDevice.get(r.deviceId);
    if (!w) byDevice.set(r.deviceId, (w = Array.from({ length: base.length + 1 }, () => ({ sum: 0, count: 0 }))));
    w[r.window].sum += r.sum;
    w[r.window].count += r.count;
  }

  const items: EnergyItem[] = specs.map(({ meterIds, ...spec }) => {
    const windows = Array.from({ length: base.length + 1 }, (_, i) => {
      let sum = 0,
        count = 0;
      for (const id of meterIds) {
        const w = byDevice.get(id)?.[i];
        if (w) ((sum += w.sum), (count += w.count));
      }
      return { sum, count };
    });
    const total = windows[0].sum;
    const prior = windows.slice(1).filter((w) => w.count > 0);
    const baseline = prior.length >= OUTLIER_RULE.minPeriods ? prior.reduce((s, w) => s + w.sum, 0) / prior.length : null;
    const usable = baseline !== null && baseline >= OUTLIER_RULE.minBaseline;
    const perHousehold = spec.households > 0 ? total / spec.households : null;
    const perM2 = spec.areaM2 > 0 ? total / spec.areaM2 : null;
    return {
      ...spec,
      total,
      perHousehold,
      perM2,
      value: query.per === 'total' ? total : query.per === 'household' ? perHousehold : perM2,
      meters: meterIds.length,
      baseline,
      ratio: usable ? ratioOf(total, baseline) : null,
      outlier: usable && total >= OUTLIER_RULE.factor * baseline,
    };
  });

  const values = items.map((i) => i.value).filter((v): v is number => v !== null);
  return {
    compoundId: entry.doc.id,
    metric: query.metric,
    unit: ENERGY_UNITS[query.metric],
    window: query.window,
    from: win.from,
    to: win.to,
    level: query.level,
    buildingId: query.level === 'building' ? (query.buildingId ?? null) : query.buildingId!,
    per: query.per,
    items,
    scale: values.length ? { min: Math.min(...values), max: Math.max(...values) } : null,
    outlierRule: OUTLIER_RULE,
    baselineWindows: base,
  };
}
