import { SEVERITY_RANK, type Alarm, type Severity } from '../../models/alarm';
import { alarmState, alarmUrgency, needsAttention, type AlarmState } from '../../models/alarmState';

/**
 * How a marker moves: `pulse` blinks with expanding rings (unacknowledged), `steady` holds still
 * (acknowledged, still in alarm), `returned` is hollow and blinks slowly (returned, not yet
 * acknowledged), `static` never moves (warnings: they must not draw the eye).
 */
export type MarkerMotion = 'pulse' | 'steady' | 'returned' | 'static';

export interface MarkerStyle {
  /** Disc radius relative to a critical unacknowledged alarm's. */
  size: number;
  /** Brightness multiplier of the severity colour (0..1). */
  intensity: number;
  /** Expanding rings per cycle (0 = none). */
  rings: number;
  /** Pulse cycles per second (0 = still). */
  speed: number;
  motion: MarkerMotion;
  /** Light column: height above the roof (m, 0 = none) and radius relative to the critical one. */
  beaconM: number;
  beaconR: number;
}

/** Per severity: the unacknowledged look; acknowledged and returned alarms keep the size and calm down. */
const BASE: Record<Severity, Omit<MarkerStyle, 'motion'>> = {
  critical: { size: 1, intensity: 1, rings: 2, speed: 1.1, beaconM: 18, beaconR: 1 },
  major: { size: 0.6, intensity: 0.8, rings: 1, speed: 0.7, beaconM: 6, beaconR: 0.55 },
  minor: { size: 0.4, intensity: 0.62, rings: 0, speed: 0.5, beaconM: 0, beaconR: 0 },
  warning: { size: 0.26, intensity: 0.34, rings: 0, speed: 0, beaconM: 0, beaconR: 0 },
};

/** A critical marker's disc radius in metres at marker scale 1; the others are `size` times that. */
export const MARKER_SIZE_M = 4.6;
/** A device's disc floats this many radii above it (screen space), so the device stays visible under it. */
export const MARKER_LIFT = 1.3;

/** Several warnings in one building are drawn as one marker with a count from this many devices on. */
export const WARNING_AGGREGATE_MIN = 2;

/** The look of an alarm's marker, from its severity and ISA-18.2 state (null: not shown at all). */
export function markerStyle(a: Pick<Alarm, 'severity' | 'active' | 'acknowledged' | 'shelvedUntil' | 'suppressed'>): MarkerStyle | null {
  const s = alarmState(a);
  if (!needsAttention(a)) return null;
  const b = BASE[a.severity];
  if (a.severity === 'warning') return { ...b, motion: 'static', intensity: s === 'unack' ? b.intensity : b.intensity * 0.8 };
  if (s === 'unack') return { ...b, motion: 'pulse' };
  if (s === 'ack') return { ...b, motion: 'steady', rings: 0, speed: 0, intensity: b.intensity * 0.75 };
  // returned to normal, unacknowledged: still there, hollow, a slow blink in the same colour
  return { ...b, motion: 'returned', rings: 0, speed: 0.35, intensity: b.intensity * 0.85, beaconM: b.beaconM * 0.6 };
}

/**
 * One marker per device: its most urgent alarm among those calling for attention (unacknowledged,
 * acknowledged and still active, returned unacknowledged); shelved, suppressed, out-of-service and
 * closed alarms get none. Most urgent first (they win when capacity runs out), then the oldest.
 */
export function worstAlarmPerDevice(alarms: readonly Alarm[]): Alarm[] {
  const byDevice = new Map<string, { a: Alarm; u: number }>();
  for (const a of alarms) {
    const u = alarmUrgency(a);
    if (u <= 0) continue;
    const cur = byDevice.get(a.deviceId);
    if (!cur || u > cur.u || (u === cur.u && SEVERITY_RANK[a.severity] < SEVERITY_RANK[cur.a.severity])) byDevice.set(a.deviceId, { a, u });
  }
  return [...byDevice.values()]
    .sort((x, y) => y.u - x.u || SEVERITY_RANK[x.a.severity] - SEVERITY_RANK[y.a.severity] || x.a.raisedAt - y.a.raisedAt)
    .map((x) => x.a);
}

/** What the scene draws for alarms: one marker on a device, or one for a building's warnings together. */
export interface AlarmMarker {
  kind: 'device' | 'building';
  /** The device marked, or the building whose warnings are counted. */
  id: string;
  severity: Severity;
  state: AlarmState;
  style: MarkerStyle;
  /** Devices behind the marker (1 for a device marker). */
  count: number;
  /** The alarm shown (for a building: its oldest warning). */
  alarmId: number;
}

/**
 * Markers from the per-device worst alarms (see worstAlarmPerDevice), in drawing priority: critical
 * first. Warnings in a building with `aggregateMin` or more warning devices fold into one building
 * marker with a count, placed after every device marker; outdoor warnings stay single.
 */
export function alarmMarkers(worst: readonly Alarm[], aggregateMin = WARNING_AGGREGATE_MIN): AlarmMarker[] {
  const warningsIn = new Map<string, Alarm[]>();
  for (const a of worst) {
    if (a.severity !== 'warning' || !a.buildingId) continue;
    const list = warningsIn.get(a.buildingId);
    if (list) list.push(a);
    else warningsIn.set(a.buildingId, [a]);
  }
  const out: AlarmMarker[] = [];
  const folded: AlarmMarker[] = [];
  for (const a of worst) {
    const style = markerStyle(a);
    if (!style) continue;
    const group = a.severity === 'warning' && a.buildingId ? warningsIn.get(a.buildingId)! : null;
    if (!group || group.length < aggregateMin) {
      out.push({ kind: 'device', id: a.deviceId, severity: a.severity, state: alarmState(a), style, count: 1, alarmId: a.id });
      continue;
    }
    if (group[0] !== a) continue;
    // the group looks unacknowledged while any of its warnings is
    const lead = group.find((g) => alarmState(g) === 'unack') ?? a;
    const oldest = group.reduce((m, g) => (g.raisedAt < m.raisedAt ? g : m), a);
    folded.push({
      kind: 'building',
      id: a.buildingId!,
      severity: 'warning',
      state: alarmState(lead),
      style: markerStyle(lead)!,
      count: group.length,
      alarmId: oldest.id,
    });
  }
  return out.concat(folded);
}
