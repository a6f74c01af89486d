import type { Alarm } from '../../models/alarm';
import { overlayApi } from '../overlays/overlayApi';
import { useOpsStore } from '../stores/useOpsStore';
import { useWorkOrderUiStore } from '../stores/useWorkOrderUiStore';

/** One click: a work order linked to the alarm (the compound named for the API's scope check), shown at once and opened. */
export async function dispatchAlarm(a: Pick<Alarm, 'id' | 'compoundId'>): Promise<void> {
  const w = await overlayApi.createWorkOrder({ alarmId: a.id, compoundId: a.compoundId });
  useOpsStore.getState().upsertWorkOrder(w);
  useWorkOrderUiStore.getState().open(w.id);
}
