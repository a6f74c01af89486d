import type { Alarm, ServerToClientEvents, TwinSnapshot, WorkOrder } from '../../models';
import type { Twin } from '../live/twins';
import { aggregateState, householdMask, maskAlarm, maskStates, maskWorkOrder, type HouseholdMask } from './householdMask';

// The masked view of what a compound's feed sends over Socket.IO: the snapshot and each delta, by event type.
// (REST answers get theirs from the route's policy: security/maskedViews.ts.)

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
        const st = aggregateState(
          id,
          (m.members.get(id) ?? []).map((d) => t.live.states.get(d)),
        );
        out.push({ deviceId: id, status: st.status, at: changes[0].at });
      }
      return { ...p, changes: out };
    }
    case 'alarm:raised':
    case 'alarm:updated':
      return { ...p, alarm: maskAlarm(m, p.alarm as Alarm) };
    case 'workorder:updated':
      return { ...p, workOrder: maskWorkOrder(m, p.workOrder as WorkOrder) };
    case 'command:updated': {
      // Deltas carry no issuer or reason; commands go to shared devices (speakers, screens, gates, chargers), never one household's.
      const commands = (p.commands as { deviceId: string }[]).filter((c) => !m.aggOf.has(c.deviceId));
      return { ...p, commands };
    }
    default:
      return maskDeep(t.entry.devices.size ? [m] : [], p) as Record<string, unknown>;
  }
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
