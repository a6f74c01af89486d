import { afterEach, describe, expect, it } from 'vitest';
import type { Alarm } from '../../models/alarm';
import type { WorkOrder } from '../../models/workOrder';
import { beginResync, enterReplay, finishResync } from './liveGate';
import { alarmSupersedes, useOpsStore } from './useOpsStore';

const alarm = (over: Partial<Alarm> = {}): Alarm =>
  ({ id: 1, compoundId: 'c', deviceId: 'd', deviceType: 'smoke_detector', buildingId: 'b1', ruleId: 'r', severity: 'critical', message: { zh: 'x', en: 'x' }, value: null, active: true, acknowledged: false, count: 1, raisedAt: 1, lastAt: 1, ackAt: null, ackBy: null, ackComment: null, clearedAt: null, clearedBy: null, clearComment: null, ...over }) as Alarm;
const wo = (over: Partial<WorkOrder> = {}): WorkOrder => ({ id: 7, status: 'open', slaAt: 100, ...over }) as WorkOrder;

describe('ops store merges and the replay gate', () => {
  afterEach(() => {
    finishResync();
    useOpsStore.getState().reset();
  });

  it('when an older copy of an alarm arrives, then it does not undo a clear or an acknowledgement', () => {
    expect(alarmSupersedes(alarm({ active: false }), alarm())).toBe(true);
    expect(alarmSupersedes(alarm(), alarm({ active: false }))).toBe(false);
    expect(alarmSupersedes(alarm(), alarm({ acknowledged: true }))).toBe(false);
    expect(alarmSupersedes(alarm({ count: 2, lastAt: 5 }), alarm())).toBe(true);
  });

  it('when replaying, then live deltas are dropped; the resync replaces the lists and later deltas apply on top', () => {
    const ops = useOpsStore.getState();
    ops.upsertAlarm(alarm());
    enterReplay();
    ops.showReplay([alarm({ id: 2 })], [wo({ status: 'in_progress' })]);
    ops.upsertAlarm(alarm({ id: 3 }));
    expect(useOpsStore.getState().alarms.map((a) => a.id)).toEqual([2]);
    beginResync();
    ops.upsertAlarm(alarm({ active: false, slaAt: 0 } as Partial<Alarm>));
    ops.upsertWorkOrder(wo({ status: 'assigned', slaAt: 50 }));
    ops.resync([alarm()], [wo({ status: 'in_progress', slaAt: 90 })], null);
    finishResync();
    const s = useOpsStore.getState();
    expect(s.alarms.map((a) => [a.id, a.active])).toEqual([[1, false]]);
    // the held work-order delta was older than the resync's copy
    expect(s.workOrders.map((w) => w.status)).toEqual(['in_progress']);
  });

  it('when a work order is closed, then it leaves the open list but stays the latest seen', () => {
    const ops = useOpsStore.getState();
    ops.upsertWorkOrder(wo());
    ops.upsertWorkOrder(wo({ status: 'closed', slaAt: 200 }));
    expect(useOpsStore.getState().workOrders).toEqual([]);
    expect(useOpsStore.getState().lastWorkOrder?.status).toBe('closed');
  });
});
