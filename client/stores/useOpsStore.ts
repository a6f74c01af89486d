import { create } from 'zustand';
import { SEVERITY_RANK, type Alarm } from '../../models/alarm';
import type { Kpis } from '../../models/kpi';
import type { WorkOrder } from '../../models/workOrder';

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
  setSnapshot: (alarms: Alarm[], workOrders: WorkOrder[], kpis: Kpis) => void;
  upsertAlarm: (a: Alarm) => void;
  upsertWorkOrder: (w: WorkOrder) => void;
  setKpis: (k: Kpis) => void;
  setConnection: (c: ConnectionState) => void;
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

export const useOpsStore = create<OpsState>()((set) => ({
  alarms: [],
  workOrders: [],
  kpis: null,
  connection: 'connecting',
  setSnapshot: (alarms, workOrders, kpis) => set({ alarms: sortAlarms([...alarms]), workOrders: [...workOrders], kpis }),
  upsertAlarm: (a) =>
    set((s) => {
      const rest = s.alarms.filter((x) => x.id !== a.id);
      let cleared = 0;
      const kept = rest.filter((x) => x.active || ++cleared <= KEEP_CLEARED);
      return { alarms: sortAlarms([a, ...kept]) };
    }),
  upsertWorkOrder: (w) => set((s) => ({ workOrders: [w, ...s.workOrders.filter((x) => x.id !== w.id)].filter(isOpenWorkOrder) })),
  setKpis: (kpis) => set({ kpis }),
  setConnection: (connection) => set((s) => (s.connection === connection ? s : { connection })),
  reset: () => set({ alarms: [], workOrders: [], kpis: null, connection: 'connecting' }),
}));
