import { afterEach, describe, expect, it } from 'vitest';
import type { Alarm } from '../../models/alarm';
import { alarmState } from '../../models/alarmState';
import type { WorkOrder } from '../../models/workOrder';
import { beginResync, enterReplay, finishResync } from './liveGate';
import { alarmSupersedes, sortAlarms, useOpsStore } from './useOpsStore';

const alarm = (over: Partial<Alarm> = {}): Alarm => {
  const a = {
    id: 1,
    compoundId: 'c',
    deviceId: 'd',
    deviceType: 'smoke_detector',
    buildingId: 'b1',
    ruleId: 'r',
    severity: 'critical',
    message: { zh: 'x', en: 'x' },
    value: null,
    active: true,
    acknowledged: false,
    latched: false,
    returnedAt: null,
    shelvedUntil: null,
    shelvedBy: null,
    shelveComment: null,
    suppressed: null,
    suppressedBy: null,
    version: 1,
    count: 1,
    raisedAt: 1,
    lastAt: 1,
    ackAt: null,
    ackBy: null,
    ackComment: null,
    clearedAt: null,
    clearedBy: null,
    clearComment: null,
    ...over,
  } as Omit<Alarm, 'state'>;
  return { ...a, state: alarmState(a) };
};
const wo = (over: Partial<WorkOrder> = {}): WorkOrder => ({ id: 7, status: 'open', slaAt: 100, ...over }) as WorkOrder;

describe('ops store merges and the replay gate', () => {
  afterEach(() => {
    finishResync();
    useOpsStore.getState().reset();
  });

  it('when an older copy of an alarm arrives, then it does not undo a clear, an acknowledgement or a shelving', () => {
    expect(alarmSupersedes(alarm({ active: false, version: 2 }), alarm())).toBe(true);
    expect(alarmSupersedes(alarm(), alarm({ active: false, version: 2 }))).toBe(false);
    expect(alarmSupersedes(alarm(), alarm({ acknowledged: true, version: 2 }))).toBe(false);
    // shelving and unshelving go both ways: only the version tells which copy is later
    const shelved = alarm({ shelvedUntil: 100, shelvedBy: 'officer', version: 2 });
    const unshelved = alarm({ version: 3 });
    expect(alarmSupersedes(shelved, alarm())).toBe(true);
    expect(alarmSupersedes(unshelved, shelved)).toBe(true);
    expect(alarmSupersedes(shelved, unshelved)).toBe(false);
    // the same copy again (a replayed delta) changes nothing harmful
    expect(alarmSupersedes(shelved, shelved)).toBe(true);
  });

  it('when an alarm returns, is reactivated and returns again, then each step supersedes the one before and never the other way', () => {
    const steps = [
      alarm(),
      alarm({ active: false, returnedAt: 40, clearedAt: 40, version: 2 }),
      alarm({ count: 2, lastAt: 60, version: 3 }),
      alarm({ count: 2, lastAt: 60, active: false, returnedAt: 90, clearedAt: 90, version: 4 }),
      alarm({ count: 2, lastAt: 60, active: false, returnedAt: 90, clearedAt: 90, acknowledged: true, ackAt: 95, version: 5 }),
    ];
    for (let i = 1; i < steps.length; i++) {
      expect(alarmSupersedes(steps[i], steps[i - 1]), `step ${i} over ${i - 1}`).toBe(true);
      for (let j = 0; j < i; j++) expect(alarmSupersedes(steps[j], steps[i]), `step ${j} over ${i}`).toBe(false);
    }
  });

  it('when sorting, then unacknowledged come first, then returned-unacknowledged, acknowledged, shelved, suppressed, closed; then severity, newest', () => {
    const list = [
      alarm({ id: 1, active: false, acknowledged: true }),
      alarm({ id: 2, suppressed: 'design' }),
      alarm({ id: 3, shelvedUntil: 100 }),
      alarm({ id: 4, acknowledged: true }),
      alarm({ id: 5, active: false, returnedAt: 5 }),
      alarm({ id: 6, severity: 'warning' }),
      alarm({ id: 7, lastAt: 5 }),
      alarm({ id: 8 }),
    ];
    expect(sortAlarms(list).map((a) => a.id)).toEqual([7, 8, 6, 5, 4, 3, 2, 1]);
  });

  it('when an alarm returns unacknowledged, is shelved or suppressed, then the store keeps it as open; closed ones are kept up to 200', () => {
    const ops = useOpsStore.getState();
    ops.upsertAlarm(alarm({ id: 1, active: false, returnedAt: 5 }));
    ops.upsertAlarm(alarm({ id: 2, shelvedUntil: 100 }));
    ops.upsertAlarm(alarm({ id: 3, suppressed: 'service' }));
    ops.upsertAlarm(alarm({ id: 4, active: false, suppressed: 'design' }));
    for (let i = 0; i < 210; i++) ops.upsertAlarm(alarm({ id: 100 + i, active: false, acknowledged: true }));
    const kept = useOpsStore.getState().alarms;
    // id 4 ended while suppressed: closed, so it is one of the 211 closed ones the 200 are kept from
    expect(
      kept
        .filter((a) => a.id < 100)
        .map((a) => a.id)
        .sort(),
    ).toEqual([1, 2, 3]);
    expect(kept.filter((a) => a.id >= 100)).toHaveLength(200);
    expect(kept[0].id).toBe(1);
  });

  it('when replaying, then live deltas are dropped; the resync replaces the lists and later deltas apply on top', () => {
    const ops = useOpsStore.getState();
    ops.upsertAlarm(alarm());
    enterReplay();
    ops.showReplay([alarm({ id: 2 })], [wo({ status: 'in_progress' })]);
    ops.upsertAlarm(alarm({ id: 3 }));
    expect(useOpsStore.getState().alarms.map((a) => a.id)).toEqual([2]);
    beginResync();
    ops.upsertAlarm(alarm({ active: false, version: 2 }));
    ops.upsertWorkOrder(wo({ status: 'assigned', slaAt: 50 }));
    ops.resync([alarm()], [wo({ status: 'in_progress', slaAt: 90 })], null);
    // the held alarm delta (version 2) was newer than the resync's copy: it applies on top
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
