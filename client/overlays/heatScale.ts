/**
 * The energy heatmap's colour scale and legend numbers. Pure: the scene writes the colours into a
 * texture, the legend and the ranking show the same domain.
 *
 * Use is a quantity with a true zero, so the colours are one sequential family (dark teal → cyan → pale
 * yellow: lighter is more, nothing reads as an alarm) over a domain that starts at zero and ends at a round
 * number at or above the largest value (heatDomain). A narrow spread (14.8–18.6 kWh per household) then
 * looks as alike as it is instead of spanning the whole ramp; one building far above the rest ends the
 * domain at the others' round top and is shown as "≥ top" (clipped), with the real min and max written beside.
 */

/** Low use to high use, sRGB: one hue family, light = more; reads on the dark scene and for colour-blind eyes. */
export const HEAT_STOPS: readonly (readonly [number, number, number])[] = [
  [14, 58, 72],
  [10, 104, 118],
  [18, 156, 170],
  [84, 206, 204],
  [176, 232, 196],
  [248, 244, 170],
];

/** Collection rate (0 → 100 %): red (low) → orange → yellow → green (high); a rate is good or bad, unlike use. */
export const RATE_STOPS: readonly (readonly [number, number, number])[] = [
  [150, 30, 40],
  [190, 45, 45],
  [220, 70, 50],
  [235, 130, 60],
  [220, 200, 80],
  [60, 185, 95],
];

/** The ramp a map is drawn with: the rate's for fee collection, the use ramp otherwise. */
export const rampOf = (map: { metric: string } | null | undefined) => (map?.metric === 'fee_rate' ? RATE_STOPS : HEAT_STOPS);

/** Colour for items without a figure (no meter or no readings). */
export const NO_DATA_RGB: readonly [number, number, number] = [92, 96, 104];

/** Where a value sits between the scale's ends (0..1); null without a value or scale; the middle when min = max. */
export function heatT(value: number | null, scale: { min: number; max: number } | null): number | null {
  if (value === null || !Number.isFinite(value) || !scale) return null;
  const span = scale.max - scale.min;
  if (!(span > 0)) return 0.5;
  return Math.min(1, Math.max(0, (value - scale.min) / span));
}

/** Writes the ramp's colour at t (0..1) into `out` as 0..255 bytes; returns out. */
export function heatRgb(t: number | null, out: [number, number, number], stops = HEAT_STOPS): [number, number, number] {
  if (t === null) {
    out[0] = NO_DATA_RGB[0];
    out[1] = NO_DATA_RGB[1];
    out[2] = NO_DATA_RGB[2];
    return out;
  }
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const k = x - i;
  const a = stops[i];
  const b = stops[i + 1];
  out[0] = Math.round(a[0] + (b[0] - a[0]) * k);
  out[1] = Math.round(a[1] + (b[1] - a[1]) * k);
  out[2] = Math.round(a[2] + (b[2] - a[2]) * k);
  return out;
}

/** CSS colour for the legend and lists. */
export function heatCss(t: number | null, stops = HEAT_STOPS): string {
  const [r, g, b] = heatRgb(t, [0, 0, 0], stops);
  return `rgb(${r}, ${g}, ${b})`;
}

/** A CSS gradient of the whole ramp, for the legend bar. */
export function heatGradientCss(ramp = HEAT_STOPS): string {
  const stops = ramp.map(([r, g, b], i) => `rgb(${r}, ${g}, ${b}) ${Math.round((i / (ramp.length - 1)) * 100)}%`);
  return `linear-gradient(90deg, ${stops.join(', ')})`;
}

/**
 * A legend number: the API's figure rounded for reading (0 decimals from 100, 1 from 10, 2 from 1,
 * three significant digits below), trailing zeros dropped, no thousands separator.
 */
export function legendNumber(v: number): string {
  if (!Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (a === 0) return '0';
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : Math.min(8, 2 - Math.floor(Math.log10(a)));
  const s = v.toFixed(digits);
  const trimmed = s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
  return trimmed === '-0' ? '0' : trimmed;
}

/** `n` evenly spaced legend values from min to max (one when they are equal). */
export function legendTicks(scale: { min: number; max: number } | null, n = 5): number[] {
  if (!scale) return [];
  if (!(scale.max > scale.min)) return [scale.min];
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? scale.max : scale.min + ((scale.max - scale.min) * i) / (n - 1)));
}

/** The colour domain and what the data really spans. `min`/`max` are what heatT maps to 0..1. */
export interface HeatDomain {
  min: number;
  max: number;
  /** The real smallest and largest value. */
  dataMin: number;
  dataMax: number;
  /** Some value lies above `max` (shown at the ramp's top, labelled "≥ max"). */
  clipped: boolean;
}

/** The smallest of 1, 2, 2.5, 5 × 10^k at or above x (x > 0). */
export function niceCeil(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) {
    const v = m * p;
    // float noise (0.30000000000000004) must not step up a whole notch
    if (v >= x * (1 - 1e-9)) return Number(v.toPrecision(12));
  }
  return 10 * p;
}

/** The q-quantile (0..1) of sorted values, linear between ranks. */
export function quantile(sorted: readonly number[], q: number): number {
  if (!sorted.length) return Number.NaN;
  const x = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const i = Math.floor(x);
  const k = x - i;
  return i + 1 < sorted.length ? sorted[i] + (sorted[i + 1] - sorted[i]) * k : sorted[i];
}

/**
 * The domain the colours span: from zero (use cannot be negative; a negative figure, e.g. a meter
 * exporting, lowers it) to a round number at or above the largest value. When one value is far above the
 * rest (more than twice the upper quartile, with at least five values) the top is the rest's instead, and
 * the domain says it is clipped. Null without values.
 */
export function heatDomain(values: readonly (number | null)[]): HeatDomain | null {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (!xs.length) return null;
  const dataMin = xs[0];
  const dataMax = xs[xs.length - 1];
  const min = dataMin < 0 ? -niceCeil(-dataMin) : 0;
  let top = dataMax;
  if (xs.length >= 5) {
    const q3 = quantile(xs, 0.75);
    if (q3 > 0 && dataMax > 2 * q3) top = Math.max(quantile(xs, 0.9), q3);
  }
  const max = top > 0 ? niceCeil(top) : min < 0 ? 0 : 1;
  return { min, max, dataMin, dataMax, clipped: dataMax > max };
}

/** Legend ticks of a domain: round steps from min to max (4 or 5 of them), ends exact. */
export function domainTicks(d: { min: number; max: number } | null): number[] {
  if (!d || !(d.max > d.min)) return d ? [d.min] : [];
  const span = d.max - d.min;
  const nice = (x: number) => {
    const m = x / 10 ** Math.floor(Math.log10(x));
    return [1, 2, 2.5, 5, 10].some((n) => Math.abs(m - n) < 1e-9);
  };
  const steps = [4, 5, 3, 2].find((n) => nice(span / n)) ?? 4;
  return Array.from({ length: steps + 1 }, (_, i) => (i === steps ? d.max : Number((d.min + (span * i) / steps).toPrecision(12))));
}

/** The domain a map's items are coloured on: the scene, the legend and the ranking all call this. */
export const mapDomain = (map: { items: readonly { value: number | null }[] } | null): HeatDomain | null =>
  map ? heatDomain(map.items.map((i) => i.value)) : null;
