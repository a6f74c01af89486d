import { create } from 'zustand';
import { SEVERITY_RANK, type Alarm } from '../../models/alarm';
import { alarmState, isOpenAlarm, type AlarmState } from '../../models/alarmState';
import type { Kpis } from '../../models/kpi';
import type { WorkOrder } from '../../models/workOrder';
import { throughGate } from './liveGate';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'stale';

/**
 * Operational state that panels render: alarms, work orders, KPIs and the link's health.
 * Changes a few times a minute at most, so React may re-render on it.
 */
export interface OpsState {
  /** Every open alarm (ISA-18.2: any state but normal, so returned-unacknowledged, shelved and suppressed too) and the latest closed ones. */
  alarms: Alarm[];
  workOrders: WorkOrder[];
  kpis: Kpis | null;
  connection: ConnectionState;
  /** The latest version of any work order seen, closed ones too (the detail panel follows it). */
  lastWorkOrder: WorkOrder | null;
  /** Live updates (snapshot, deltas) go through the live gate: dropped while replaying, held during the resync. */
  setSnapshot: (alarms: Alarm[], workOrders: WorkOrder[], kpis: Kpis) => void;
  upsertAlarm: (a: Alarm) => void;
  upsertWorkOrder: (w: WorkOrder) => void;
  setKpis: (k: Kpis) => void;
  setConnection: (c: ConnectionState) => void;
  /** What the console shows while replaying: alarms and open work orders as they were (bypasses the gate). */
  showReplay: (alarms: Alarm[], workOrders: WorkOrder[]) => void;
  /** The resync after a replay (bypasses the gate). */
  resync: (alarms: Alarm[], workOrders: WorkOrder[], kpis: Kpis | null) => void;
  reset: () => void;
}

/** Closed alarms kept beside the open ones (the detail of a just-closed alarm, the device panel's history). */
const KEEP_CLOSED = 200;

/** List order of the ISA-18.2 states: what calls for attention first (unacknowledged before returned before acknowledged). */
const STATE_RANK: Record<AlarmState, number> = { unack: 0, rtn_unack: 1, ack: 2, shelved: 3, suppressed: 4, out_of_service: 5, normal: 6 };

/** Attention states first (unacknowledged, returned-unacknowledged, acknowledged), then most severe, then newest. */
export function sortAlarms(list: Alarm[]): Alarm[] {
  return list.sort(
    (a, b) => STATE_RANK[alarmState(a)] - STATE_RANK[alarmState(b)] || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.lastAt - a.lastAt,
  );
}

export function isOpenWorkOrder(w: WorkOrder): boolean {
  return w.status !== 'closed' && w.status !== 'resolved';
}

/** Whether `next` is as new as `cur` or newer: every change on the server counts the alarm's `version` up. */
export function alarmSupersedes(next: Alarm, cur: Alarm): boolean {
  // the server counts every change of an alarm up (replayed alarms carry 0 and are only shown while replaying)
  return next.version >= cur.version;
}

/** Work orders carry the moment they were serialised (`slaAt`): the later copy wins. */
export function workOrderSupersedes(next: WorkOrder, cur: WorkOrder): boolean {
  return next.slaAt >= cur.slaAt;
}

export const useOpsStore = create<OpsState>()((set) => ({
  alarms: [],
  workOrders: [],
  kpis: null,
  connection: 'connecting',
  lastWorkOrder: null,
  setSnapshot: (alarms, workOrders, kpis) => throughGate(() => set({ alarms: sortAlarms([...alarms]), workOrders: [...workOrders], kpis })),
  upsertAlarm: (a) =>
    throughGate(() =>
      set((s) => {
        const cur = s.alarms.find((x) => x.id === a.id);
        // a delta held during a resync may be older than what the resync fetched
        if (cur && !alarmSupersedes(a, cur)) return s;
        const rest = s.alarms.filter((x) => x.id !== a.id);
        let closed = 0;
        const kept = [a, ...rest].filter((x) => isOpenAlarm(x) || ++closed <= KEEP_CLOSED);
        return { alarms: sortAlarms(kept) };
      }),
    ),
  upsertWorkOrder: (w) =>
    throughGate(() =>
      set((s) => {
        const cur = s.workOrders.find((x) => x.id === w.id) ?? (s.lastWorkOrder?.id === w.id ? s.lastWorkOrder : undefined);
        if (cur && !workOrderSupersedes(w, cur)) return s;
        return { workOrders: [w, ...s.workOrders.filter((x) => x.id !== w.id)].filter(isOpenWorkOrder), lastWorkOrder: w };
      }),
    ),
  setKpis: (kpis) => throughGate(() => set({ kpis })),
  setConnection: (connection) => set((s) => (s.connection === connection ? s : { connection })),
  showReplay: (alarms, workOrders) => set({ alarms: sortAlarms([...alarms]), workOrders: workOrders.filter(isOpenWorkOrder) }),
  resync: (alarms, workOrders, kpis) => set((s) => ({ alarms: sortAlarms([...alarms]), workOrders: workOrders.filter(isOpenWorkOrder), kpis: kpis ?? s.kpis })),
  reset: () => set({ alarms: [], workOrders: [], kpis: null, connection: 'connecting', lastWorkOrder: null }),
}));
