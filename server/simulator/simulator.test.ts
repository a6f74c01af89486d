import { afterAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { householdKw, householdWaterM3h, localHour, passesPerMin } from './profiles';

describe('simulator profiles', () => {
  it('when the day is walked through, then electricity peaks in the evening, water in the morning and evening, gates at commute hours', () => {
    expect(householdKw(20)).toBeGreaterThan(3 * householdKw(3));
    expect(householdWaterM3h(7.3)).toBeGreaterThan(5 * householdWaterM3h(3));
    expect(passesPerMin(7.6, 12)).toBeGreaterThan(5 * passesPerMin(2, 12));
    expect(localHour(Date.UTC(2026, 0, 1, 0))).toBe(8);
  });
});

describe('simulator through the ingest path', () => {
  let srv: TestServer;
  afterAll(async () => srv?.close());

  it('when started with a backfill, then history exists for charts and devices come online through ingest', async () => {
    srv = await startTestServer({ simulator: { enabled: true, backfillDays: 1, tickMs: 500, rate: 1, flakyShare: 0 } });
    const n = await srv.db.query<{ n: number }>(`select count(*)::int as n from readings where device_id = 'yg-b1-em' and metric = 'energy_kwh'`);
    expect(n.rows[0].n).toBeGreaterThanOrEqual(24);
    const k = await srv.app.kpis.compute('yaguang-xincun');
    expect(k.onlinePct).toBeGreaterThan(90);
    expect(k.energyTodayKwh + k.energyYesterdayKwh).toBeGreaterThan(0);
    const before = srv.app.ingest.readings;
    await new Promise((r) => setTimeout(r, 2_500));
    expect(srv.app.ingest.readings).toBeGreaterThan(before);
    // Backfilled history is normal operation: no smoke or breach events in it.
    const alarms = await srv.db.query<{ n: number }>(`select count(*)::int as n from alarms where rule_id in ('smoke.detected', 'fence.breach')`);
    expect(alarms.rows[0].n).toBe(0);
  });
});
