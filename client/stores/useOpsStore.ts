import { create } from 'zustand';
import { SEVERITY_RANK, type Alarm } from '../../models/alarm';
import type { Kpis } from '../../models/kpi';
import type { WorkOrder } from '../../models/workOrder';
import { throughGate } from './liveGate';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'stale';

/**
 * Operational state that panels render: alarms, work orders, KPIs and the link's health.
 * Changes a few times a minute at most, so React may re-render on it.
 */
export interface OpsState {
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

const KEEP_CLEARED = 200;

/** Active alarms first, most severe first, newest first. */
export function sortAlarms(list: Alarm[]): Alarm[] {
  return list.sort((a, b) => Number(b.active) - Number(a.active) || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.lastAt - a.lastAt);
}

export function isOpenWorkOrder(w: WorkOrder): boolean {
  return w.status !== 'closed' && w.status !== 'resolved';
}

/** Whether `next` is as new as `cur` or newer: alarms only move active → cleared, unacknowledged → acknowledged, count up. */
export function alarmSupersedes(next: Alarm, cur: Alarm): boolean {
  if (next.active !== cur.active) return !next.active;
  if (next.acknowledged !== cur.acknowledged) return next.acknowledged;
  return next.count >= cur.count && next.lastAt >= cur.lastAt;
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
        let cleared = 0;
        const kept = rest.filter((x) => x.active || ++cleared <= KEEP_CLEARED);
        return { alarms: sortAlarms([a, ...kept]) };
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
