import { create } from 'zustand';
import type { Point3 } from '../../models/compound';
import type { StaffDirectory } from '../../models/staff';
import type { Priority, WorkOrderCategory } from '../../models/workOrder';
import { request } from '../live/api';

/** Where a new work order comes from: an alarm, a device, a building, or a point picked in the scene. */
export interface WorkOrderDraft {
  /** From an alarm: the server links the order to it (and fills device, building and location from it). */
  alarmId?: number;
  deviceId?: string;
  buildingId?: string;
  location?: Point3;
  /** Prefilled from the alarm; the officer may change them in the form. */
  title?: string;
  category?: WorkOrderCategory;
  priority?: Priority;
}

/** A compound's staff directory as the client holds it. */
export type StaffState = { status: 'loading' } | { status: 'ready'; directory: StaffDirectory } | { status: 'failed'; error: string };

/** The work-order UI: the order open in the detail panel, the create form's draft, the "new order here" pick mode, and the staff to assign to. */
export interface WorkOrderUiState {
  detailId: number | null;
  draft: WorkOrderDraft | null;
  placing: boolean;
  /** Staff and teams by compound, fetched once when a form or the detail panel first needs them. */
  staff: Record<string, StaffState>;
  open: (id: number | null) => void;
  startDraft: (d: WorkOrderDraft | null) => void;
  setPlacing: (on: boolean) => void;
  /** Loads a compound's staff directory unless it is loaded or loading (`force`: again, e.g. after a failure). */
  loadStaff: (compoundId: string, force?: boolean) => void;
}

export const useWorkOrderUiStore = create<WorkOrderUiState>()((set, get) => ({
  detailId: null,
  draft: null,
  placing: false,
  staff: {},
  open: (detailId) => set({ detailId, draft: null }),
  startDraft: (draft) => set((s) => ({ draft, placing: false, detailId: draft ? null : s.detailId })),
  setPlacing: (placing) => set({ placing, draft: null }),
  loadStaff: (compoundId, force = false) => {
    const cur = get().staff[compoundId];
    if (cur && !force && cur.status !== 'failed') return;
    const put = (v: StaffState) => set((s) => ({ staff: { ...s.staff, [compoundId]: v } }));
    put({ status: 'loading' });
    request<StaffDirectory>(`/api/v1/compounds/${encodeURIComponent(compoundId)}/staff`).then(
      (directory) => put({ status: 'ready', directory }),
      (err: unknown) => put({ status: 'failed', error: err instanceof Error ? err.message : String(err) }),
    );
  },
}));
