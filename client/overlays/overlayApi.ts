import type { Alarm } from '../../models/alarm';
import type { EnergyMap } from '../../models/energy';
import type { StateAt, Timeline } from '../../models/replay';
import type { WorkOrder, WorkOrderCreate, WorkOrderDetail, WorkOrderUpdate } from '../../models/workOrder';
import { ApiError, request } from '../live/api';

const enc = encodeURIComponent;
const post = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) });

/** Step shortcuts of the work-order API (POST /work-orders/:id/<action>). */
export type WorkOrderAction = 'assign' | 'start' | 'resolve' | 'close' | 'reopen';

/** The overlays' calls: energy heatmap, replay, work orders, and clearing an alarm that may need a confirmation. */
export const overlayApi = {
  energy: (compoundId: string, q: Record<string, string>, signal?: AbortSignal) =>
    request<EnergyMap>(`/api/v1/compounds/${enc(compoundId)}/energy?${new URLSearchParams(q)}`, { signal }),
  stateAt: (compoundId: string, t: number, devices: readonly string[] = [], signal?: AbortSignal) =>
    request<StateAt>(`/api/v1/compounds/${enc(compoundId)}/state-at?t=${Math.round(t)}${devices.length ? `&devices=${devices.map(enc).join(',')}` : ''}`, {
      signal,
    }),
  timeline: (compoundId: string, from: number, to: number, signal?: AbortSignal) =>
    request<Timeline>(`/api/v1/compounds/${enc(compoundId)}/timeline?from=${from}&to=${to}&limit=5000`, { signal }),
  alarms: (q: Record<string, string>, signal?: AbortSignal) => request<Alarm[]>(`/api/v1/alarms?${new URLSearchParams(q)}`, { signal }),
  workOrders: (q: Record<string, string>, signal?: AbortSignal) => request<WorkOrder[]>(`/api/v1/work-orders?${new URLSearchParams(q)}`, { signal }),
  workOrder: (id: number, signal?: AbortSignal) => request<WorkOrderDetail>(`/api/v1/work-orders/${id}`, { signal }),
  createWorkOrder: (body: Partial<WorkOrderCreate>) => request<WorkOrder>('/api/v1/work-orders', post(body)),
  updateWorkOrder: (id: number, body: WorkOrderUpdate) => request<WorkOrder>(`/api/v1/work-orders/${id}`, { method: 'PATCH', body: JSON.stringify(body) }),
  stepWorkOrder: (id: number, action: WorkOrderAction, body: { assignee?: string; comment?: string }) =>
    request<WorkOrder>(`/api/v1/work-orders/${id}/${action}`, post(body)),
  commentWorkOrder: (id: number, text: string) => request<WorkOrder>(`/api/v1/work-orders/${id}/comments`, post({ text })),
  /** Clears an alarm; `needsConfirm` when a linked work order is still open and `confirm` was not given. */
  clearAlarm: async (id: number, comment: string, confirm = false): Promise<{ alarm: Alarm } | { needsConfirm: true; message: string }> => {
    try {
      return { alarm: await request<Alarm>(`/api/v1/alarms/${id}/clear`, post(confirm ? { comment, confirm: true } : { comment })) };
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && (err.body as { needsConfirm?: boolean } | null)?.needsConfirm)
        return { needsConfirm: true, message: err.message };
      throw err;
    }
  },
};
