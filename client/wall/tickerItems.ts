import { SEVERITY_RANK, type Alarm, type Severity } from '../../models/alarm';
import { alarmState } from '../../models/alarmState';
import { WARNING_AGGREGATE_MIN } from '../overlays/alarmMarkers';

/** The states a ticker line can be in (those that call for attention). */
export type TickerState = 'unack' | 'ack' | 'rtn_unack';

/** One line of the wall's alarm ticker: a single alarm, or several folded together (a household type, a building's warnings). */
export interface TickerItem {
  key: string;
  severity: Severity;
  /** Unacknowledged (in alarm), acknowledged, or returned to normal and still unacknowledged; an aggregate takes its loudest. */
  state: TickerState;
  text: string;
  /** Latest activity (the time shown). */
  at: number;
  /** When the oldest alarm behind the line was raised (orders lines of one severity). */
  since: number;
  /** Alarms behind the line (more than one only for an aggregate). */
  count: number;
  aggregate: boolean;
}

/** The ticker never holds more lines than this, however many alarms are open. */
export const TICKER_LIMIT = 24;

export interface TickerText {
  /** A non-household alarm: message and place. */
  single(a: Alarm): string;
  /** "独居老人监测告警 2 起": household devices are never named one by one on a public screen. */
  aggregate(deviceType: string, n: number): string;
  /** "3栋 提示 5 起": a building's warnings (提示) on one line. */
  warnings(buildingId: string, n: number): string;
  isHousehold(a: Alarm): boolean;
}

const STATE_ORDER: Record<TickerState, number> = { unack: 0, rtn_unack: 1, ack: 2 };
const louder = (x: TickerState, y: TickerState): TickerState => (STATE_ORDER[x] <= STATE_ORDER[y] ? x : y);

/** Severity first; unacknowledged before acknowledged; then the alarm waiting longest. */
export function compareTicker(x: Pick<TickerItem, 'severity' | 'state' | 'since'>, y: Pick<TickerItem, 'severity' | 'state' | 'since'>): number {
  return SEVERITY_RANK[x.severity] - SEVERITY_RANK[y.severity] || Number(x.state === 'ack') - Number(y.state === 'ack') || x.since - y.since;
}

interface Group {
  severity: Severity;
  state: TickerState;
  at: number;
  since: number;
  count: number;
}

function addTo(groups: Map<string, Group>, key: string, a: Alarm, state: TickerState): void {
  const g = groups.get(key);
  if (!g) return void groups.set(key, { severity: a.severity, state, at: a.lastAt, since: a.raisedAt, count: 1 });
  g.count++;
  g.at = Math.max(g.at, a.lastAt);
  g.since = Math.min(g.since, a.raisedAt);
  g.state = louder(g.state, state);
  if (SEVERITY_RANK[a.severity] < SEVERITY_RANK[g.severity]) g.severity = a.severity;
}

/**
 * The alarms calling for attention (unacknowledged, acknowledged, returned-unacknowledged) as ticker
 * lines: most severe first, unacknowledged before acknowledged, oldest first. Household alarms
 * (elderly-care, a flat's meter) fold into one line per device type; a building's warnings (提示) into
 * one line when it has several. At most `limit` lines.
 */
export function tickerItems(alarms: readonly Alarm[], text: TickerText, limit = TICKER_LIMIT): TickerItem[] {
  const households = new Map<string, Group>();
  const warnings = new Map<string, Group>();
  const warningAlarms = new Map<string, Alarm[]>();
  const singles: { a: Alarm; state: TickerState }[] = [];
  for (const a of alarms) {
    const s = alarmState(a);
    if (s !== 'unack' && s !== 'ack' && s !== 'rtn_unack') continue;
    if (text.isHousehold(a)) addTo(households, a.deviceType, a, s);
    else if (a.severity === 'warning' && a.buildingId) {
      addTo(warnings, a.buildingId, a, s);
      const list = warningAlarms.get(a.buildingId);
      if (list) list.push(a);
      else warningAlarms.set(a.buildingId, [a]);
    } else singles.push({ a, state: s });
  }
  const items: TickerItem[] = [];
  for (const [type, g] of households) items.push({ key: `agg:${type}`, ...g, text: text.aggregate(type, g.count), aggregate: true });
  for (const [building, g] of warnings) {
    if (g.count >= WARNING_AGGREGATE_MIN) items.push({ key: `warn:${building}`, ...g, text: text.warnings(building, g.count), aggregate: true });
    else for (const a of warningAlarms.get(building)!) singles.push({ a, state: alarmState(a) as TickerState });
  }
  const line = (x: { a: Alarm; state: TickerState }) => ({ severity: x.a.severity, state: x.state, since: x.a.raisedAt });
  singles.sort((x, y) => compareTicker(line(x), line(y)));
  // only the lines that can be shown are formatted
  for (const { a, state } of singles.slice(0, limit))
    items.push({ key: `a:${a.id}`, severity: a.severity, state, text: text.single(a), at: a.lastAt, since: a.raisedAt, count: a.count, aggregate: false });
  return items.sort(compareTicker).slice(0, limit);
}
