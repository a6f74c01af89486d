import { describe, expect, it } from 'vitest';
import { workOrderSla } from '../../models/workOrder';
import { formatSpan, slaView } from './sla';

const MIN = 60_000;
const base = { createdAt: 0, respondedAt: null, resolvedAt: null, closedAt: null, slaResponseMin: 30, slaResolveMin: 240 } as const;

describe('SLA clocks', () => {
  it('when an open order is inside both deadlines, then both run with the time left', () => {
    const v = slaView({ ...base, status: 'open' }, 10 * MIN);
    expect(v.response).toEqual({ state: 'running', dueAt: 30 * MIN, leftMs: 20 * MIN });
    expect(v.resolve.state).toBe('running');
    expect(v.overdue).toBe(false);
  });

  it('when nobody responded in time, then the response clock is overdue and so is the order', () => {
    const v = slaView({ ...base, status: 'open' }, 45 * MIN);
    expect(v.response.state).toBe('overdue');
    expect(v.response.leftMs).toBe(-15 * MIN);
    expect(v.overdue).toBe(true);
  });

  it('when the response came late but resolution is in time, then response is late and nothing is overdue', () => {
    const v = slaView({ ...base, status: 'in_progress', respondedAt: 40 * MIN }, 60 * MIN);
    expect(v.response.state).toBe('late');
    expect(v.resolve.state).toBe('running');
    expect(v.overdue).toBe(false);
  });

  it('when resolved in time, then both clocks stop as met', () => {
    const v = slaView({ ...base, status: 'resolved', respondedAt: 5 * MIN, resolvedAt: 100 * MIN }, 1000 * MIN);
    expect(v.response.state).toBe('met');
    expect(v.resolve).toEqual({ state: 'met', dueAt: 240 * MIN, leftMs: 140 * MIN });
  });

  it('when closed without a response, then the response clock is stopped and resolution ends at closing', () => {
    const v = slaView({ ...base, status: 'closed', closedAt: 300 * MIN }, 1000 * MIN);
    expect(v.response.state).toBe('stopped');
    expect(v.resolve.state).toBe('late');
  });

  it('when compared with the server rule, then overdue agrees', () => {
    for (const now of [0, 20 * MIN, 31 * MIN, 250 * MIN]) {
      for (const respondedAt of [null, 10 * MIN]) {
        const w = { ...base, status: 'assigned' as const, respondedAt };
        expect(slaView(w, now).overdue, `now ${now} responded ${respondedAt}`).toBe(workOrderSla(w, now).overdue);
      }
    }
  });

  it('when formatting spans, then days, hours and minutes read short', () => {
    expect(formatSpan(30_000)).toBe('<1m');
    expect(formatSpan(12 * MIN)).toBe('12m');
    expect(formatSpan(-65 * MIN)).toBe('1h 05m');
    expect(formatSpan((2 * 1440 + 3 * 60 + 7) * MIN)).toBe('2d 3h');
  });
});

describe('SLA deadlines of a new order', () => {
  it('when a priority is chosen, then the deadlines follow the one SLA table and read as whole units in either language', async () => {
    const { slaDue, formatSlaMinutes } = await import('./sla');
    expect(slaDue('urgent', 1_000)).toEqual({ responseMin: 15, resolveMin: 240, responseDueAt: 1_000 + 15 * MIN, resolveDueAt: 1_000 + 240 * MIN });
    expect(slaDue('low', 0).resolveDueAt).toBe(7 * 24 * 60 * MIN);
    expect(formatSlaMinutes(15, 'en')).toBe('15 minutes');
    expect(formatSlaMinutes(240, 'en')).toBe('4 hours');
    expect(formatSlaMinutes(7 * 1440, 'en')).toBe('7 days');
    expect(formatSlaMinutes(15, 'zh-CN')).toBe('15分钟');
    expect(formatSlaMinutes(120, 'zh-CN')).toBe('2小时');
  });
});
