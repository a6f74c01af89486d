import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workOrderSla, WORK_ORDER_SLA_MIN, type Priority } from '../../models';
import type { Db } from './db';
import * as repo from './workorders.repo';
import { storageDrivers } from '../testing/databases';

const MIN = 60_000;
const T0 = Date.UTC(2026, 2, 1, 2, 0, 0, 123);

const drivers = storageDrivers();

const draft = (over: Partial<repo.NewWorkOrder> = {}): repo.NewWorkOrder => {
  const priority: Priority = over.priority ?? 'normal';
  return {
    compoundId: 'c1',
    title: '门禁故障',
    description: '',
    category: 'repair',
    priority,
    alarmId: null,
    deviceId: 'd1',
    buildingId: 'b1',
    location: [1.5, -2.25, 3],
    createdBy: 'tester',
    at: T0,
    slaResponseMin: WORK_ORDER_SLA_MIN[priority].response,
    slaResolveMin: WORK_ORDER_SLA_MIN[priority].resolve,
    ...over,
  };
};

describe.each(drivers)('work-order storage on $name', ({ open }) => {
  let db: Db;
  let done: () => Promise<void>;
  beforeAll(async () => {
    ({ db, done } = await open());
  });
  afterAll(async () => done?.());

  it('when a work order is written and read back, then every field survives, timestamps to the millisecond', async () => {
    const id = await repo.insertWorkOrder(db, draft());
    await repo.addWorkOrderEvents(db, [{ workOrderId: id, at: T0, action: 'created', by: 'tester', from: null, to: 'open', comment: '首条', detail: null }]);
    await repo.updateWorkOrder(db, id, { status: 'assigned', assignee: 'wang', assignedAt: T0 + MIN, respondedAt: T0 + MIN });
    await repo.addWorkOrderEvents(db, [
      { workOrderId: id, at: T0 + MIN, action: 'assignee', by: 'tester', from: null, to: null, comment: null, detail: { from: null, to: 'wang' } },
    ]);
    const w = await repo.getWorkOrder(db, id);
    expect(w).toMatchObject({
      id,
      compoundId: 'c1',
      status: 'assigned',
      assignee: 'wang',
      location: [1.5, -2.25, 3],
      createdAt: T0,
      assignedAt: T0 + MIN,
      respondedAt: T0 + MIN,
      startedAt: null,
      resolvedAt: null,
      closedAt: null,
      reopened: 0,
      slaResponseMin: 120,
      slaResolveMin: 72 * 60,
      comments: [{ at: T0, by: 'tester', text: '首条' }],
    });
    const events = await repo.workOrderEvents(db, id);
    expect(events.map((e) => [e.action, e.at, e.detail])).toEqual([
      ['created', T0, null],
      ['assignee', T0 + MIN, { from: null, to: 'wang' }],
    ]);
    await repo.updateWorkOrder(db, id, { resolvedAt: null, assignee: null });
    expect((await repo.getWorkOrder(db, id))!.assignee).toBeNull();
  });

  it('when a transaction fails half-way, then nothing of it is stored', async () => {
    const before = (await repo.listWorkOrders(db, { now: T0, limit: 1000 })).length;
    await expect(
      db.transaction(async (q) => {
        const id = await repo.insertWorkOrder(q, draft({ title: 'doomed' }));
        await repo.addWorkOrderEvents(q, [{ workOrderId: id, at: T0, action: 'created', by: 'x', from: null, to: 'open', comment: null, detail: null }]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await repo.listWorkOrders(db, { now: T0, limit: 1000 })).length).toBe(before);
  });

  it('when the list is filtered by overdue, then the database agrees with the SLA clocks of the model', async () => {
    const cases: [Priority, Partial<repo.WorkOrderPatch>][] = [
      ['urgent', {}],
      ['urgent', { status: 'assigned', assignee: 'a', respondedAt: T0 + 5 * MIN, assignedAt: T0 + 5 * MIN }],
      ['urgent', { status: 'in_progress', respondedAt: T0 + 30 * MIN, startedAt: T0 + 30 * MIN }],
      ['high', {}],
      ['low', {}],
      ['urgent', { status: 'resolved', respondedAt: T0 + MIN, resolvedAt: T0 + 2 * MIN }],
      ['urgent', { status: 'closed', closedAt: T0 + 10 * MIN }],
    ];
    const ids: number[] = [];
    for (const [p, patch] of cases) {
      const id = await repo.insertWorkOrder(db, draft({ compoundId: 'c-sla', priority: p }));
      await repo.updateWorkOrder(db, id, patch);
      ids.push(id);
    }
    for (const now of [T0 + 10 * MIN, T0 + 20 * MIN, T0 + 45 * MIN, T0 + 5 * 60 * MIN]) {
      const all = await repo.listWorkOrders(db, { compoundId: 'c-sla', now });
      const expected = all
        .filter((w) => workOrderSla(w, now).overdue)
        .map((w) => w.id)
        .sort();
      const overdue = (await repo.listWorkOrders(db, { compoundId: 'c-sla', overdue: true, now })).map((w) => w.id).sort();
      const notOverdue = (await repo.listWorkOrders(db, { compoundId: 'c-sla', overdue: false, now })).map((w) => w.id);
      expect(overdue).toEqual(expected);
      expect(overdue.length + notOverdue.length).toBe(ids.length);
    }
    expect((await repo.listWorkOrders(db, { compoundId: 'c-sla', overdue: true, now: T0 + 45 * MIN })).length).toBe(2);
    expect((await repo.listWorkOrders(db, { compoundId: 'c-sla', statuses: ['resolved', 'closed'], now: T0 })).length).toBe(2);
    expect((await repo.listWorkOrders(db, { compoundId: 'c-sla', assignee: 'a', now: T0 })).map((w) => w.id)).toEqual([ids[1]]);
  });

  it('when an alarm has a pending work order, then it is found; once closed it is not', async () => {
    await db.query(`insert into compounds (id, name, doc, doc_hash) values ('c2', 'c', '{}', 'h') on conflict do nothing`);
    const a = await db.query<{ id: number }>(
      `insert into alarms (compound_id, device_id, device_type, rule_id, severity, message_zh, message_en, raised_at, last_at)
       values ('c2', 'd9', 'camera', 'r1', 'minor', 'x', 'x', now(), now()) returning id`,
    );
    const alarmId = Number(a.rows[0].id);
    expect(await repo.pendingForAlarm(db, alarmId)).toBeNull();
    const id = await repo.insertWorkOrder(db, draft({ compoundId: 'c2', alarmId }));
    expect(await repo.pendingForAlarm(db, alarmId)).toBe(id);
    expect((await repo.unclosedWorkOrders(db)).map((w) => w.id)).toContain(id);
    await repo.updateWorkOrder(db, id, { status: 'closed', closedAt: T0 });
    expect(await repo.pendingForAlarm(db, alarmId)).toBeNull();
    expect((await repo.unclosedWorkOrders(db)).map((w) => w.id)).not.toContain(id);
  });
});
