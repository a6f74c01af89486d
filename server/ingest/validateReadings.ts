import { findForbiddenKey, implausibleValue, ReadingSchema, type Device } from '../../models';

export interface ValidColumns {
  ts: number[];
  deviceIds: string[];
  metrics: string[];
  values: number[];
  devices: Device[];
}

/** How far back and ahead of now a device's timestamp may lie (readings and camera events alike). */
export interface TimeWindow {
  maxAgeMs: number;
  maxFutureMs: number;
}

export interface ValidateOptions extends TimeWindow {
  now: number;
}

/** Why `ts` (named `field` in the reason) lies outside the window around `now`, or null when inside it. */
export function outsideTimeWindow(field: string, ts: number, now: number, w: TimeWindow): string | null {
  if (ts < now - w.maxAgeMs) return `${field}: ${new Date(ts).toISOString()} is older than the ${Math.round(w.maxAgeMs / 86_400_000)}-day limit`;
  if (ts > now + w.maxFutureMs) return `${field}: ${new Date(ts).toISOString()} is in the future`;
  return null;
}

/**
 * Checks every item of a batch against the compound's devices; valid items become insert columns,
 * bad ones a reason with their index. Items repeating an earlier (device, metric, ts) count as duplicates.
 */
export function validateReadings(
  items: unknown[],
  devices: Map<string, Device>,
  opts: ValidateOptions,
): { cols: ValidColumns; rejected: { index: number; reason: string }[]; duplicates: number } {
  const cols: ValidColumns = { ts: [], deviceIds: [], metrics: [], values: [], devices: [] };
  const rejected: { index: number; reason: string }[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      rejected.push({ index: i, reason: 'item must be an object {deviceId, metric, ts, value}' });
      continue;
    }
    const bad = findForbiddenKey(item);
    if (bad) {
      rejected.push({ index: i, reason: `forbidden key "${bad}"` });
      continue;
    }
    const p = ReadingSchema.safeParse(item);
    if (!p.success) {
      const iss = p.error.issues[0];
      rejected.push({ index: i, reason: `${iss.path.join('.') || 'item'}: ${iss.message}` });
      continue;
    }
    const r = p.data;
    const d = devices.get(r.deviceId);
    if (!d) {
      rejected.push({ index: i, reason: `deviceId: unknown device "${r.deviceId}" in this compound` });
      continue;
    }
    if (!d.metrics.includes(r.metric)) {
      rejected.push({ index: i, reason: `metric: device "${r.deviceId}" does not report "${r.metric}" (it reports ${d.metrics.join(', ')})` });
      continue;
    }
    // A value outside the metric's range would poison every aggregate and rule that reads it.
    const implausible = implausibleValue(r.metric, r.value);
    if (implausible) {
      rejected.push({ index: i, reason: `value: ${implausible}` });
      continue;
    }
    const outside = outsideTimeWindow('ts', r.ts, opts.now, opts);
    if (outside) {
      rejected.push({ index: i, reason: outside });
      continue;
    }
    const key = r.deviceId + '\u0000' + r.metric + '\u0000' + r.ts;
    if (seen.has(key)) {
      duplicates++;
      continue;
    }
    seen.add(key);
    cols.ts.push(r.ts);
    cols.deviceIds.push(r.deviceId);
    cols.metrics.push(r.metric);
    cols.values.push(r.value);
    cols.devices.push(d);
  }
  return { cols, rejected, duplicates };
}
