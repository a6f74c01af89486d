/**
 * The energy heatmap's colour scale and legend numbers. Pure: the scene writes the colours into a
 * texture, the legend shows the same ends the API sent in `scale`.
 */

/** Cool (low use) to hot (high use), sRGB: reads on the dark scene and for most colour-blind eyes. */
export const HEAT_STOPS: readonly (readonly [number, number, number])[] = [
  [44, 123, 182],
  [0, 166, 202],
  [127, 205, 141],
  [255, 224, 110],
  [253, 150, 68],
  [215, 25, 28],
];

/** Colour for items without a figure (no meter or no readings). */
export const NO_DATA_RGB: readonly [number, number, number] = [74, 85, 102];

/** Where a value sits between the scale's ends (0..1); null without a value or scale; the middle when min = max. */
export function heatT(value: number | null, scale: { min: number; max: number } | null): number | null {
  if (value === null || !Number.isFinite(value) || !scale) return null;
  const span = scale.max - scale.min;
  if (!(span > 0)) return 0.5;
  return Math.min(1, Math.max(0, (value - scale.min) / span));
}

/** Writes the ramp's colour at t (0..1) into `out` as 0..255 bytes; returns out. */
export function heatRgb(t: number | null, out: [number, number, number]): [number, number, number] {
  if (t === null) {
    out[0] = NO_DATA_RGB[0];
    out[1] = NO_DATA_RGB[1];
    out[2] = NO_DATA_RGB[2];
    return out;
  }
  const x = Math.min(1, Math.max(0, t)) * (HEAT_STOPS.length - 1);
  const i = Math.min(HEAT_STOPS.length - 2, Math.floor(x));
  const k = x - i;
  const a = HEAT_STOPS[i];
  const b = HEAT_STOPS[i + 1];
  out[0] = Math.round(a[0] + (b[0] - a[0]) * k);
  out[1] = Math.round(a[1] + (b[1] - a[1]) * k);
  out[2] = Math.round(a[2] + (b[2] - a[2]) * k);
  return out;
}

/** CSS colour for the legend and lists. */
export function heatCss(t: number | null): string {
  const [r, g, b] = heatRgb(t, [0, 0, 0]);
  return `rgb(${r}, ${g}, ${b})`;
}

/** A CSS gradient of the whole ramp, for the legend bar. */
export function heatGradientCss(): string {
  const stops = HEAT_STOPS.map(([r, g, b], i) => `rgb(${r}, ${g}, ${b}) ${Math.round((i / (HEAT_STOPS.length - 1)) * 100)}%`);
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
