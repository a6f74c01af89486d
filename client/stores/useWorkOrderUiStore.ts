import { create } from 'zustand';
import type { Point3 } from '../../models/compound';

/** Where a new work order comes from: a device, a building, or a point picked in the scene. */
export interface WorkOrderDraft {
  deviceId?: string;
  buildingId?: string;
  location?: Point3;
}

/** The work-order UI: the order open in the detail panel, the create form's draft, and the "new order here" pick mode. */
export interface WorkOrderUiState {
  detailId: number | null;
  draft: WorkOrderDraft | null;
  placing: boolean;
  open: (id: number | null) => void;
  startDraft: (d: WorkOrderDraft | null) => void;
  setPlacing: (on: boolean) => void;
}

export const useWorkOrderUiStore = create<WorkOrderUiState>()((set) => ({
  detailId: null,
  draft: null,
  placing: false,
  open: (detailId) => set({ detailId, draft: null }),
  startDraft: (draft) => set((s) => ({ draft, placing: false, detailId: draft ? null : s.detailId })),
  setPlacing: (placing) => set({ placing, draft: null }),
}));
