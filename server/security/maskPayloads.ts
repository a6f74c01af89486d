import type { Alarm, DeviceState, ServerToClientEvents, TwinSnapshot, WorkOrder } from '../../models';
import type { Twin, Twins } from '../live/twins';
import { aggregateState, householdMask, maskAlarm, maskStates, maskWorkOrder, type HouseholdMask } from './householdMask';

// The masked view of everything a compound sends: snapshot and deltas for sockets, JSON bodies for REST.

const maskOf = (t: Twin): HouseholdMask => householdMask(t.entry.doc);

export function maskSnapshot(t: Twin, s: TwinSnapshot): TwinSnapshot {
  const m = maskOf(t);
  return {
    ...s,
    devices: maskStates(m, s.devices, t.live.states),
    alarms: s.alarms.map((a) => maskAlarm(m, a)),
    workOrders: s.workOrders.map((w) => maskWorkOrder(m, w)),
  };
}

/** A delta as an evaluator receives it; null drops it (nothing left to say). */
export function maskEvent(t: Twin, event: keyof ServerToClientEvents, p: Record<string, unknown>): Record<string, unknown> | null {
  const m = maskOf(t);
  switch (event) {
    case 'reading:batch': {
      const readings = (p.readings as [string, string, number, number][]).filter((r) => !m.aggOf.has(r[0]));
      return { ...p, readings };
    }
    case 'device:status': {
      const changes = p.changes as { deviceId: string; status: string; at: number }[];
      const aggs = new Set<string>();
      const out = changes.filter((c) => {
        const agg = m.aggOf.get(c.deviceId);
        if (agg) aggs.add(agg);
        return !agg;
      });
      for (const id of aggs) {
        const st = aggregateState(id, (m.members.get(id) ?? []).map((d) => t.live.states.get(d)));
        out.push({ deviceId: id, status: st.status, at: changes[0].at });
      }
      return { ...p, changes: out };
    }
    case 'alarm:raised':
    case 'alarm:updated':
      return { ...p, alarm: maskAlarm(m, p.alarm as Alarm) };
    case 'workorder:updated':
      return { ...p, workOrder: maskWorkOrder(m, p.workOrder as WorkOrder) };
    default:
      return maskDeep(t.entry.devices.size ? [m] : [], p) as Record<string, unknown>;
  }
}

/** A REST body as an evaluator receives it: known shapes get their masked form; any other household device id is replaced. */
export function maskBody(twins: Twins, body: unknown): unknown {
  const masks = twins.all().map(maskOf);
  return maskKnown(twins, masks, body);
}

function maskKnown(twins: Twins, masks: HouseholdMask[], v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => maskKnown(twins, masks, x));
  if (!v || typeof v !== 'object') return maskDeep(masks, v);
  const o = v as Record<string, unknown>;
  const twin = typeof o.compoundId === 'string' ? twins.get(o.compoundId) : typeof o.id === 'string' && 'schemaVersion' in o ? twins.get(o.id) : undefined;
  if (twin && 'schemaVersion' in o && Array.isArray(o.devices)) return maskOf(twin).doc;
  if (twin && typeof o.ruleId === 'string') return maskDeep(masks, maskAlarm(maskOf(twin), o as unknown as Alarm));
  if (twin && typeof o.title === 'string' && typeof o.status === 'string' && 'deviceId' in o) return maskDeep(masks, maskWorkOrder(maskOf(twin), o as unknown as WorkOrder));
  const c = o.compound as { id?: unknown } | undefined;
  const ct = c && typeof c.id === 'string' ? twins.get(c.id) : undefined;
  if (ct && Array.isArray(o.devices)) return { ...o, compound: maskOf(ct).doc, devices: maskStates(maskOf(ct), o.devices as DeviceState[], ct.live.states) };
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) out[replaceId(masks, k)] = maskKnown(twins, masks, x);
  return out;
}

/** Replaces every household device id (as a value or a key) by its aggregate's id. */
function maskDeep(masks: HouseholdMask[], v: unknown, depth = 0): unknown {
  if (typeof v === 'string') return replaceId(masks, v);
  if (!v || typeof v !== 'object' || depth > 32) return v;
  if (Array.isArray(v)) return v.map((x) => maskDeep(masks, x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[replaceId(masks, k)] = maskDeep(masks, x, depth + 1);
  return out;
}

function replaceId(masks: HouseholdMask[], s: string): string {
  for (const m of masks) {
    const agg = m.aggOf.get(s);
    if (agg) return agg;
  }
  return s;
}
