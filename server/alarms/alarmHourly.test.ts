import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEVERITIES, type AlarmHourly, type Severity } from '../../models';
import { startOfZoneDay } from '../../models/zoneTime';
import { clearAlarm, insertAlarm, reactivateAlarm } from '../db/alarms.repo';
import { isHouseholdDevice } from '../security/householdMask';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { call, type TestRole } from '../testing/testAuth';

const Y = 'yaguang-xincun';
const S = 'sanhe-guanggu';
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
let srv: TestServer;
/** Every annunciation of Y written, with its severity: the record the buckets are checked against. */
const annunciated: { at: number; severity: Severity }[] = [];

const get = async (path: string, who: TestRole = 'officer-yaguang') => call(srv.url, path, { as: await srv.login(who) });

async function alarm(compoundId: string, severity: Severity, times: number[], ruleId: string) {
  const d = srv.app.twins.registry.get(compoundId)!.doc.devices.find((x) => !isHouseholdDevice(x))!;
  const a = await insertAlarm(srv.db, {
    compoundId,
    deviceId: d.id,
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
  if (compoundId === Y) for (const at of times) annunciated.push({ at, severity });
}

beforeAll(async () => {
  srv = await startTestServer({ tickMs: 3_600_000 });
  const now = Date.now();
  const midnight = startOfZoneDay(now, 'Asia/Shanghai');
  // On a local midnight exactly and a second before it: two different local hours (and days).
  await alarm(Y, 'critical', [midnight - DAY], 'test.midnight');
  await alarm(Y, 'major', [midnight - DAY - 1_000], 'test.before-midnight');
  // Raised, then come back twice: three annunciations in three hours.
  await alarm(Y, 'minor', [now - 30 * HOUR, now - 29 * HOUR, now - 28 * HOUR + 5 * MIN], 'test.returning');
  for (let i = 0; i < 9; i++) await alarm(Y, SEVERITIES[i % 4], [now - i * 7 * HOUR - 13 * MIN], `test.spread-${i}`);
  // Outside the window, and another compound's: not counted.
  await alarm(Y, 'critical', [now - 8 * DAY], 'test.too-old');
  await alarm(S, 'critical', [now - 2 * HOUR], 'test.other-compound');
}, 120_000);
afterAll(async () => srv?.close());

describe('GET /compounds/:id/alarm-metrics/hourly', () => {
  it('when asked, then 168 local hours end with the current one, and each holds the annunciations in it by severity', async () => {
    const res = await get(`/compounds/${Y}/alarm-metrics/hourly`);
    expect(res.status).toBe(200);
    const body = res.body as AlarmHourly;
    expect(body).toMatchObject({ compoundId: Y, timeZone: 'Asia/Shanghai' });
    expect(body.hours).toHaveLength(168);
    expect(body.hours[167]).toBeLessThanOrEqual(Date.now());
    expect(body.hours[167] + HOUR).toBeGreaterThan(Date.now() - 5_000);
    expect(body.to).toBe(body.hours[167] + HOUR);
    for (let i = 1; i < 168; i++) expect(body.hours[i] - body.hours[i - 1]).toBe(HOUR);
    const want = Object.fromEntries(
      SEVERITIES.map((s) => [s, body.hours.map((h) => annunciated.filter((a) => a.severity === s && a.at >= h && a.at < h + HOUR).length)]),
    );
    expect(body.counts).toEqual(want);
    for (const s of SEVERITIES) expect(body.totals[s]).toBe(want[s].reduce((x: number, y: number) => x + y, 0));
    expect(body.totals).toEqual({ critical: 4, major: 3, minor: 5, warning: 2 });
    // the local midnight opens its own hour; the alarm a second earlier is in the hour before
    const m = body.hours.indexOf(startOfZoneDay(Date.now(), 'Asia/Shanghai') - DAY);
    expect(m).toBeGreaterThan(0);
    // ≥: between 20:13 and 21:13 UTC one of the spread alarms (28 h 13 min ago) shares that hour
    expect(body.counts.critical[m]).toBeGreaterThanOrEqual(1);
    expect(body.counts.major[m - 1]).toBeGreaterThanOrEqual(1);
  });

  it('when the compound keeps a half-hour zone, then its hours start at :30 UTC and still hold every annunciation in them', async () => {
    const doc = srv.app.twins.get(Y)!.entry.doc;
    const was = doc.timeZone;
    doc.timeZone = 'Asia/Kolkata';
    try {
      const body = (await get(`/compounds/${Y}/alarm-metrics/hourly`)).body as AlarmHourly;
      expect(body.timeZone).toBe('Asia/Kolkata');
      expect(new Date(body.hours[0]).getUTCMinutes()).toBe(30);
      const want = Object.fromEntries(
        SEVERITIES.map((s) => [s, body.hours.map((h) => annunciated.filter((a) => a.severity === s && a.at >= h && a.at < h + HOUR).length)]),
      );
      expect(body.counts).toEqual(want);
    } finally {
      doc.timeZone = was;
    }
  });

  it('when the wall (masked) asks, then it gets the same counts; days narrows the window', async () => {
    const officer = await get(`/compounds/${Y}/alarm-metrics/hourly`);
    const wall = await get(`/compounds/${Y}/alarm-metrics/hourly`, 'wall');
    expect(wall.status).toBe(200);
    expect(wall.body.counts).toEqual(officer.body.counts);
    const one = await get(`/compounds/${Y}/alarm-metrics/hourly?days=1`, 'wall');
    expect(one.body.hours).toHaveLength(24);
  });

  it('when the query is bad, then 400 says which parameter; another compound is refused', async () => {
    for (const q of ['days=0', 'days=31', 'days=2.5', 'days=abc', 'window=7d']) {
      const r = await get(`/compounds/${Y}/alarm-metrics/hourly?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error, q).toMatch(q.startsWith('window') ? /window/ : /days/);
    }
    expect((await get(`/compounds/${S}/alarm-metrics/hourly`)).status).toBe(403);
  });
});
