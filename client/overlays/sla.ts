import { PENDING_STATUSES, WORK_ORDER_SLA_MIN, type Priority, type WorkOrder } from '../../models/workOrder';

/** One SLA clock as the console shows it. */
export interface SlaClockView {
  /** running: still ticking, in time · overdue: ticking, past due · met / late: stopped in time / after the deadline · stopped: closed without the step. */
  state: 'running' | 'overdue' | 'met' | 'late' | 'stopped';
  dueAt: number;
  /** Time left (negative once overdue); for a stopped clock, the margin it stopped with. */
  leftMs: number;
}

export interface SlaView {
  response: SlaClockView;
  resolve: SlaClockView;
  /** Either clock is running past due. */
  overdue: boolean;
}

type SlaFields = Pick<WorkOrder, 'status' | 'createdAt' | 'respondedAt' | 'resolvedAt' | 'closedAt' | 'slaResponseMin' | 'slaResolveMin'>;

function clock(dueAt: number, doneAt: number | null, pending: boolean, now: number): SlaClockView {
  if (doneAt !== null) return { state: doneAt <= dueAt ? 'met' : 'late', dueAt, leftMs: dueAt - doneAt };
  if (!pending) return { state: 'stopped', dueAt, leftMs: 0 };
  return { state: now > dueAt ? 'overdue' : 'running', dueAt, leftMs: dueAt - now };
}

/** The response and resolution clocks of a work order at `now` (same rules as the server's workOrderSla). */
export function slaView(w: SlaFields, now: number): SlaView {
  const pending = PENDING_STATUSES.includes(w.status);
  const responseDue = w.createdAt + w.slaResponseMin * 60_000;
  const resolveDue = w.createdAt + w.slaResolveMin * 60_000;
  // closed without being resolved stops the resolution clock at closing, as on the server
  const resolvedAt = w.resolvedAt ?? (pending ? null : w.closedAt);
  const response = clock(responseDue, w.respondedAt, pending, now);
  const resolve = clock(resolveDue, resolvedAt, pending, now);
  return { response, resolve, overdue: response.state === 'overdue' || resolve.state === 'overdue' };
}

/** A span for a clock: "2d 3h", "1h 05m", "12m", "<1m". */
export function formatSpan(ms: number): string {
  const m = Math.floor(Math.abs(ms) / 60_000);
  if (m < 1) return '<1m';
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const mm = m % 60;
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${String(mm).padStart(2, '0')}m`;
  return `${mm}m`;
}

/** The deadlines a new order of `priority` opened at `at` gets (WORK_ORDER_SLA_MIN, the server's one table). */
export function slaDue(priority: Priority, at: number): { responseMin: number; resolveMin: number; responseDueAt: number; resolveDueAt: number } {
  const { response, resolve } = WORK_ORDER_SLA_MIN[priority];
  return { responseMin: response, resolveMin: resolve, responseDueAt: at + response * 60_000, resolveDueAt: at + resolve * 60_000 };
}

const spanFormats = new Map<string, Intl.NumberFormat>();
/** A whole SLA target in words: "15 minutes" / "15分钟", "4 hours", "3 days" (the largest unit that divides it). */
export function formatSlaMinutes(min: number, lang: string): string {
  const [value, unit] = min % 1440 === 0 ? [min / 1440, 'day'] : min % 60 === 0 ? [min / 60, 'hour'] : [min, 'minute'];
  const key = `${lang}|${unit}`;
  let f = spanFormats.get(key);
  if (!f) spanFormats.set(key, (f = new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' })));
  return f.format(value);
}
