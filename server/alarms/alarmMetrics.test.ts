import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Device, Severity } from '../../models';
import { acknowledgeAlarm, clearAlarm, insertAlarm, reactivateAlarm } from '../db/alarms.repo';
import { householdMask, isHouseholdDevice } from '../security/householdMask';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { call, type TestRole } from '../testing/testAuth';

const Y = 'yaguang-xincun';
const MIN = 60_000;
const HOUR = 60 * MIN;
let srv: TestServer;
let T: number;
let plain: Device[];
/** Two flats' electric meters of one unit: one aggregate for masked callers. */
const H1 = 'yg-b1-u1-101-em';
const H2 = 'yg-b1-u1-102-em';
/** What was annunciated in the last 24 h, per (device, rule). */
const raisedPerPoint: { deviceId: string; ruleId: string; raises: number }[] = [];

const get = async (path: string, who: TestRole = 'admin') => call(srv.url, path, { as: await srv.login(who) });

/** One alarm of a point, annunciated at each of `times`: raised, then (returned and) reactivated before anyone acknowledged it. */
async function point(deviceId: string, ruleId: string, times: number[], severity: Severity = 'minor', count = true): Promise<number> {
  const d = srv.app.twins.registry.get(Y)!.doc.devices.find((x) => x.id === deviceId)!;
  const a = await insertAlarm(srv.db, {
    compoundId: Y,
    deviceId,
    deviceType: d.type,
    buildingId: d.placement.kind === 'building' ? d.placement.buildingId : null,
    ruleId,
    severity,
    message: { zh: '测试', en: 'test' },
    value: null,
    at: times[0],
  });
  for (let i = 1; i < times.length; i++) {
    await clearAlarm(srv.db, a.id, null, null, times[i - 1] + 1_000);
    expect(await reactivateAlarm(srv.db, a.id, null, times[i])).not.toBeNull();
  }
  if (count) raisedPerPoint.push({ deviceId, ruleId, raises: times.length });
  return a.id;
}
const ack = (id: number, raisedAt: number, afterMin: number) => acknowledgeAlarm(srv.db, id, 'tester', 'seen', raisedAt + afterMin * MIN);
const s = (sec: number) => sec * 1_000;
const byRank = (a: { deviceId: string; ruleId: string; raises: number }, b: typeof a) =>
  b.raises - a.raises || (a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : 0) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);

beforeAll(async () => {
  // No timers: the alarm tables change only through this file.
  srv = await startTestServer({ tickMs: 3_600_000 });
  T = Date.now();
  plain = srv.app.twins.registry
    .get(Y)!
    .doc.devices.filter((d) => !isHouseholdDevice(d))
    .slice(0, 11);
  const n = plain.map((d) => d.id);
  // A flood: 11 annunciations in one 10-minute period (three points, none chattering: 61 s apart at least).
  const flood = T - 5 * HOUR + 2 * MIN;
  await point(
    n[0],
    'test.flood-a',
    [0, 61, 122, 183, 244].map((x) => flood + s(x)),
    'major',
  );
  await point(
    n[1],
    'test.flood-b',
    [30, 91, 152, 213].map((x) => flood + s(x)),
  );
  await point(
    n[2],
    'test.flood-c',
    [10, 71].map((x) => flood + s(x)),
  );
  // Chattering: 3 within 40 s. Not chattering: 3 within 80 s (never 3 in any 60 s).
  await point(
    n[3],
    'test.chatter',
    [0, 20, 40].map((x) => T - 3 * HOUR + s(x)),
  );
  await point(
    n[4],
    'test.slow',
    [0, 40, 80].map((x) => T - 2 * HOUR + s(x)),
  );
  // Two flats' meters of one unit.
  await point(H1, 'test.meter', [T - HOUR, T - HOUR + 2 * MIN], 'warning');
  await point(H2, 'test.meter', [T - 50 * MIN, T - 48 * MIN], 'warning');
  // Acknowledged after 2.5, 4.5 and 10 min; one never.
  const r = T - 4 * HOUR;
  await ack(await point(n[5], 'test.ack', [r]), r, 2.5);
  await ack(await point(n[6], 'test.ack', [r]), r, 4.5);
  await ack(await point(n[7], 'test.ack', [r]), r, 10);
  await point(n[8], 'test.ack', [r]);
  // Raised 30 h ago: one still active (stale), one acknowledged after 100 min and cleared (only in the 7 d / 30 d windows).
  const old = T - 30 * HOUR;
  await point(n[9], 'test.stale', [old], 'minor', false);
  const gone = await point(n[10], 'test.old', [old], 'minor', false);
  await ack(gone, old, 100);
  await clearAlarm(srv.db, gone, 'tester', 'fixed', T - 28 * HOUR);
});
afterAll(async () => srv?.close());

describe('GET /api/v1/compounds/:id/alarm-metrics', () => {
  it('when the last 24 h held a flood, a chattering point, a stale alarm and three acknowledgements, then each figure is exact', async () => {
    const r = await get(`/compounds/${Y}/alarm-metrics`);
    expect(r.status).toBe(200);
    const m = r.body;
    expect(m).toMatchObject({ compoundId: Y, window: '24h', periods: 144 });
    expect(m.to - m.from).toBe(24 * HOUR);
    expect(m.alarmsRaised).toBe(25);
    expect(m.averageAlarmRatePer10Min).toBe(0.17); // 25 / 144
    expect(m.peakAlarmRatePer10Min).toBe(11);
    // The flood's period: 10-minute periods count from the window's start.
    expect(m.peakAt).toBe(m.from + Math.floor((T - 5 * HOUR + 2 * MIN - m.from) / (10 * MIN)) * 10 * MIN);
    expect(m.floodPeriods).toBe(1);
    expect(m.floodTimePct).toBe(0.69); // 1 / 144
    expect(m.staleAlarms).toBe(1);
    expect(m.chatteringAlarms).toBe(1);
    expect(m.ackTimeMedianMin).toBe(4.5);
    expect(m.targets).toEqual({
      averageAlarmRatePer10Min: 1,
      peakAlarmRatePer10Min: 10,
      floodTimePct: 1,
      staleAlarms: 4,
      chatteringAlarms: 0,
      ackTimeMedianMin: 15,
    });
  });

  it('when the bad actors are listed, then they are the 10 points with most annunciations, most first', async () => {
    const m = (await get(`/compounds/${Y}/alarm-metrics`)).body;
    expect(raisedPerPoint).toHaveLength(11);
    expect(m.topBadActors.map((a: any) => ({ deviceId: a.deviceId, ruleId: a.ruleId, raises: a.raises }))).toEqual(
      [...raisedPerPoint].sort(byRank).slice(0, 10),
    );
    expect(m.topBadActors[0]).toEqual({
      deviceId: plain[0].id,
      ruleId: 'test.flood-a',
      deviceType: plain[0].type,
      buildingId: plain[0].placement.kind === 'building' ? plain[0].placement.buildingId : null,
      severity: 'major',
      raises: 5,
    });
    expect(m.topBadActors.find((a: any) => a.deviceId === H1)).toMatchObject({
      raises: 2,
      deviceType: 'electric_meter',
      buildingId: 'b1',
      severity: 'warning',
    });
  });

  it('when the window is 7d or 30d, then the alarm raised 30 h ago counts and its 100 min join the acknowledgement median', async () => {
    const w7 = (await get(`/compounds/${Y}/alarm-metrics?window=7d`)).body;
    expect(w7).toMatchObject({ window: '7d', periods: 1008, alarmsRaised: 27, staleAlarms: 1, floodPeriods: 1, chatteringAlarms: 1 });
    expect(w7.ackTimeMedianMin).toBe(7.3); // median of 2.5, 4.5, 10, 100 = 7.25
    expect((await get(`/compounds/${Y}/alarm-metrics?window=30d`)).body).toMatchObject({ periods: 4320, alarmsRaised: 27, ackTimeMedianMin: 7.3 });
  });

  it("when the rating measures alarm_ack_median_min, then it is the metrics' ackTimeMedianMin over the same 30 days", async () => {
    const metrics = (await get(`/compounds/${Y}/alarm-metrics?window=30d`)).body;
    const rating = (await get(`/compounds/${Y}/rating`)).body;
    const ack = rating.criteria.find((c: any) => c.id === 'ops.ack');
    expect(ack.evidence).toMatchObject({ kind: 'ackMedian', acked: 4, raised: 13 });
    expect(ack.measured).toBe(metrics.ackTimeMedianMin);
  });

  it('when the window is not one of 24h, 7d, 30d, then 400 names the parameter and the allowed values', async () => {
    for (const w of ['1y', '', '24H']) {
      const r = await get(`/compounds/${Y}/alarm-metrics?window=${w}`);
      expect(r.status).toBe(400);
      expect(r.body.error).toMatch(/^window: .* is not one of 24h, 7d, 30d$/);
    }
    expect((await get(`/compounds/${Y}/alarm-metrics?window=7d&window=30d`)).status).toBe(400);
  });

  it("when another compound's officer asks, then 403; the compound's own officer may read", async () => {
    expect((await get(`/compounds/${Y}/alarm-metrics`, 'officer-sanhe')).status).toBe(403);
    expect((await get(`/compounds/${Y}/alarm-metrics`, 'officer-yaguang')).status).toBe(200);
    expect((await get('/compounds/nope/alarm-metrics')).status).toBe(404);
  });

  it("when an evaluator or the wall asks, then the figures are the same but flats' meters count as their unit's aggregate", async () => {
    const full = (await get(`/compounds/${Y}/alarm-metrics`)).body;
    const agg = householdMask(srv.app.twins.registry.get(Y)!.doc).aggOf.get(H1)!;
    expect(householdMask(srv.app.twins.registry.get(Y)!.doc).aggOf.get(H2)).toBe(agg);
    const merged = [...raisedPerPoint.filter((p) => p.deviceId !== H1 && p.deviceId !== H2), { deviceId: agg, ruleId: 'test.meter', raises: 4 }]
      .sort(byRank)
      .slice(0, 10);
    for (const who of ['evaluator', 'wall'] as const) {
      const r = await get(`/compounds/${Y}/alarm-metrics`, who);
      expect(r.status).toBe(200);
      const text = JSON.stringify(r.body);
      expect(text).not.toContain(H1);
      expect(text).not.toContain(H2);
      expect(text).not.toMatch(/\d{3,4}室/);
      const { topBadActors, from, to, peakAt, ...figures } = r.body;
      const { topBadActors: _t, from: _f, to: _to, peakAt: _p, ...fullFigures } = full;
      expect(figures).toEqual(fullFigures);
      expect(topBadActors.map((a: any) => ({ deviceId: a.deviceId, ruleId: a.ruleId, raises: a.raises }))).toEqual(merged);
      expect(topBadActors.find((a: any) => a.deviceId === agg)).toMatchObject({ deviceType: 'electric_meter', buildingId: 'b1', raises: 4 });
    }
  });
});
