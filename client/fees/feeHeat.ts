import type { FeeSummary } from '../../models/fees';
import { request } from '../live/api';
import type { HeatMap } from '../stores/useHeatmapStore';

// The collection-rate heatmap (缴费率): GET /compounds/:id/fees per building for one month, put in the
// heatmap's shape so the scene, legend and ranking draw it like energy use (in %, on the red → green ramp).
// Loaded lazily, only when the heatmap's metric is fee_rate.

const NO_OUTLIERS = { baselinePeriods: 0, minPeriods: 0, factor: 0, minBaseline: 0 };

/** A fees answer as a heatmap: value = rate in % (one decimal), null where there is none or it is withheld. */
export function feeHeatMap(s: FeeSummary): HeatMap {
  const items = s.items.map((c) => {
    const value = c.rate === null ? null : Math.round(c.rate * 1000) / 10;
    return {
      id: c.buildingId,
      kind: 'building' as const,
      buildingId: c.buildingId,
      unitId: null,
      floor: null,
      total: value ?? 0,
      households: c.households,
      areaM2: 0,
      perHousehold: null,
      perM2: null,
      value,
      meters: 0,
      baseline: null,
      ratio: null,
      outlier: false,
      arrears: c.arrearsHouseholds,
    };
  });
  const values = items.map((i) => i.value).filter((v): v is number => v !== null);
  return {
    compoundId: s.compoundId,
    metric: 'fee_rate',
    unit: '%',
    window: '30d',
    from: 0,
    to: 0,
    level: 'building',
    buildingId: null,
    per: 'total',
    items,
    scale: values.length ? { min: Math.min(...values), max: Math.max(...values) } : null,
    outlierRule: NO_OUTLIERS,
    baselineWindows: [],
    months: s.months,
    month: s.month,
  };
}

/** Loads one month's rates per building (null: the latest month with bills). */
export async function loadFeeHeat(compoundId: string, month: string | null, signal: AbortSignal): Promise<HeatMap> {
  const q = month ? `?month=${encodeURIComponent(month)}` : '';
  return feeHeatMap(await request<FeeSummary>(`/api/v1/compounds/${encodeURIComponent(compoundId)}/fees${q}`, { signal }));
}
