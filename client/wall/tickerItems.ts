import { SEVERITY_RANK, type Alarm, type Severity } from '../../models/alarm';

/** One line of the wall's alarm ticker: a single alarm, or all of one household device type together. */
export interface TickerItem {
  key: string;
  severity: Severity;
  text: string;
  at: number;
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
  isHousehold(a: Alarm): boolean;
}

/**
 * Open alarms as ticker lines: most severe first, newest first within a severity; household alarms
 * (elderly-care, a flat's meter) folded into one line per device type. At most `limit` lines.
 */
export function tickerItems(alarms: readonly Alarm[], text: TickerText, limit = TICKER_LIMIT): TickerItem[] {
  const groups = new Map<string, { severity: Severity; at: number; count: number }>();
  const singles: Alarm[] = [];
  for (const a of alarms) {
    if (!a.active) continue;
    if (!text.isHousehold(a)) {
      singles.push(a);
      continue;
    }
    const g = groups.get(a.deviceType);
    if (!g) groups.set(a.deviceType, { severity: a.severity, at: a.lastAt, count: 1 });
    else {
      g.count++;
      g.at = Math.max(g.at, a.lastAt);
      if (SEVERITY_RANK[a.severity] < SEVERITY_RANK[g.severity]) g.severity = a.severity;
    }
  }
  const items: TickerItem[] = [];
  for (const [type, g] of groups) items.push({ key: `agg:${type}`, severity: g.severity, text: text.aggregate(type, g.count), at: g.at, count: g.count, aggregate: true });
  const bySeverity = (x: { severity: Severity; at: number }, y: { severity: Severity; at: number }) => SEVERITY_RANK[x.severity] - SEVERITY_RANK[y.severity] || y.at - x.at;
  singles.sort((x, y) => bySeverity({ severity: x.severity, at: x.lastAt }, { severity: y.severity, at: y.lastAt }));
  // only the lines that can be shown are formatted
  for (const a of singles.slice(0, limit)) items.push({ key: `a:${a.id}`, severity: a.severity, text: text.single(a), at: a.lastAt, count: a.count, aggregate: false });
  return items.sort(bySeverity).slice(0, limit);
}
