import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CompoundSchema, type Compound } from '../../models';
import { ROOT, startTestServer, type TestServer } from '../testing/startTestServer';
import { EpisodePlan } from './episodes';
import { OutageSchedule, silentDevices } from './outages';
import { CompoundPlayer, type SimReading } from './player';
import { householdKw, householdWaterM3h, localHour, passesPerMin } from './profiles';
import { Simulator } from './simulator';

const MIN = 60_000;
const HOUR = 60 * MIN;
const SEED = 7;
/** Monday 2026-01-05 00:00 in China. */
const T0 = Date.UTC(2026, 0, 4, 16);
const docs: Compound[] = ['yaguang-xincun', 'sanhe-guanggu'].map((id) =>
  CompoundSchema.parse(JSON.parse(readFileSync(resolve(ROOT, 'data/compounds', `${id}.json`), 'utf8'))),
);

function playerOf(doc: Compound, startedAt: number, seed = SEED, share = 0.02): CompoundPlayer {
  const outages = new OutageSchedule(doc.devices, share, seed);
  return new CompoundPlayer(doc.id, doc.devices, outages, new EpisodePlan(doc.id, doc.devices, seed, startedAt, outages), { seed, rate: 1 });
}

/** Plays from `from` to `to` every `stepMs`, as the timer would. */
function play(p: CompoundPlayer, from: number, to: number, stepMs = 2_000): SimReading[] {
  const out: SimReading[] = [];
  for (let t = from; t <= to; t += stepMs) out.push(...p.pass(t));
  return out;
}

describe('simulator profiles', () => {
  it('when the day is walked through, then electricity peaks in the evening, water in the morning and evening, gates at commute hours', () => {
    expect(householdKw(20)).toBeGreaterThan(3 * householdKw(3));
    expect(householdWaterM3h(7.3)).toBeGreaterThan(5 * householdWaterM3h(3));
    expect(passesPerMin(7.6, 12)).toBeGreaterThan(5 * passesPerMin(2, 12));
    expect(localHour(Date.UTC(2026, 0, 1, 0))).toBe(8);
  });

  it('when a compound is metered at 19:00 and at 03:00 local time, then the evening draws several times the night', () => {
    const p = playerOf(docs[0], T0);
    const kwh = (t: number) =>
      p
        .history(t, 3600)
        .filter((r) => r.metric === 'energy_kwh' && r.deviceId.endsWith('-em'))
        .reduce((s, r) => s + r.value, 0);
    expect(localHour(T0 + 19 * HOUR)).toBe(19);
    expect(kwh(T0 + 19 * HOUR)).toBeGreaterThan(3 * kwh(T0 + 3 * HOUR));
  });
});

describe('simulator schedule (pure, seeded)', () => {
  it('when the same seed and start are played twice, even on another tick, then the readings are identical; another seed plays other faults', () => {
    const key = (r: SimReading) => `${r.ts}|${r.deviceId}|${r.metric}`;
    const sorted = (rs: SimReading[]) => [...rs].sort((x, y) => (key(x) < key(y) ? -1 : 1));
    const a = play(playerOf(docs[0], T0), T0, T0 + 3 * MIN);
    expect(play(playerOf(docs[0], T0), T0, T0 + 3 * MIN)).toEqual(a);
    expect(sorted(play(playerOf(docs[0], T0), T0, T0 + 3 * MIN, 6_000))).toEqual(sorted(a));
    const bg = (seed: number) =>
      JSON.stringify(new EpisodePlan(docs[0].id, docs[0].devices, seed, T0, new OutageSchedule(docs[0].devices, 0.02, seed)).background(T0, T0 + 24 * HOUR));
    expect(bg(SEED)).toBe(bg(SEED));
    expect(bg(SEED + 1)).not.toBe(bg(SEED));
  });

  it('when a day is sampled every 15 min, then 1–3 % of devices show offline, cameras, screens and speakers the most likely, and every outage ends', () => {
    for (const doc of docs) {
      const o = new OutageSchedule(doc.devices, 0.02, SEED);
      const shares: number[] = [];
      const perDevice = { av: 0, avN: 0, other: 0, otherN: 0 };
      let longest = 0;
      for (let t = T0; t < T0 + 24 * HOUR; t += 15 * MIN) {
        let n = 0;
        for (const d of doc.devices) {
          const off = o.shownOffline(d.id, t);
          n += off ? 1 : 0;
          if (['camera', 'info_screen', 'broadcast_speaker'].includes(d.type))
            [perDevice.av, perDevice.avN] = [perDevice.av + (off ? 1 : 0), perDevice.avN + 1];
          else [perDevice.other, perDevice.otherN] = [perDevice.other + (off ? 1 : 0), perDevice.otherN + 1];
          const w = o.window(d.id, t);
          if (w) longest = Math.max(longest, w[1] - w[0]);
        }
        shares.push((100 * n) / doc.devices.length);
      }
      const mean = shares.reduce((s, x) => s + x, 0) / shares.length;
      expect(longest).toBeLessThan(4 * HOUR);
      expect(Math.min(...shares), doc.id).toBeGreaterThanOrEqual(1);
      expect(Math.max(...shares), doc.id).toBeLessThanOrEqual(3);
      expect(mean).toBeGreaterThan(1.5);
      expect(mean).toBeLessThan(2.5);
      expect(perDevice.av / perDevice.avN).toBeGreaterThan(5 * (perDevice.other / perDevice.otherN));
      expect(doc.devices.some((d) => new OutageSchedule(doc.devices, 0, SEED).dark(d.id, T0))).toBe(false);
    }
  });

  it('when the simulator starts, then only devices whose silence raises no alarm are already dark, enough to keep the online KPI below 100 %', () => {
    const alarmed = ['camera', 'broadcast_speaker', 'smoke_detector', 'electronic_fence', 'access_gate', 'elderly_sensor'];
    for (const doc of docs) {
      const o = new OutageSchedule(doc.devices, 0.02, SEED, T0);
      const dark = doc.devices.filter((d) => o.dark(d.id, T0));
      expect(dark.filter((d) => alarmed.includes(d.type))).toEqual([]);
      expect(dark.length / doc.devices.length).toBeGreaterThan(0.005);
      // They drop out later, as in the steady state.
      expect(doc.devices.some((d) => d.type === 'camera' && o.shownOffline(d.id, T0 + HOUR))).toBe(true);
    }
  });

  it('when the demo plays, then 3–5 % of speakers and screens never report (one in 雅广新村 building 4 and one in building 3), and none with no outages', () => {
    let av = 0;
    let silent = 0;
    for (const doc of docs) {
      const ids = silentDevices(doc.id, doc.devices, 0.02, SEED);
      const o = new OutageSchedule(doc.devices, 0.02, SEED, T0, ids);
      const byId = new Map(doc.devices.map((d) => [d.id, d]));
      for (const id of ids) {
        expect(['broadcast_speaker', 'info_screen']).toContain(byId.get(id)!.type);
        // silent before the start (no history, so no offline alarm for a device never seen) and ever after
        expect([o.dark(id, T0 - 30 * 24 * HOUR), o.dark(id, T0), o.shownOffline(id, T0 + 7 * 24 * HOUR), o.darkDuring(id, T0, T0 + HOUR)]).toEqual([
          true,
          true,
          true,
          true,
        ]);
      }
      expect(silentDevices(doc.id, doc.devices, 0.02, SEED)).toEqual(ids);
      expect(silentDevices(doc.id, doc.devices, 0, SEED).size).toBe(0);
      av += doc.devices.filter((d) => d.type === 'broadcast_speaker' || d.type === 'info_screen').length;
      silent += ids.size;
      if (doc.id === 'yaguang-xincun') {
        const buildings = [...ids].map((id) => byId.get(id)!.placement).map((p) => (p.kind === 'building' ? p.buildingId : null));
        expect(buildings).toEqual(expect.arrayContaining(['b3', 'b4']));
      }
    }
    expect(silent / av).toBeGreaterThanOrEqual(0.03);
    expect(silent / av).toBeLessThanOrEqual(0.05);
  });

  it('when a week of background faults is laid out, then they end, fence breaches come mostly at night and power cuts are rare', () => {
    for (const doc of docs) {
      const plan = new EpisodePlan(doc.id, doc.devices, SEED, T0, new OutageSchedule(doc.devices, 0.02, SEED));
      const week = plan.background(T0, T0 + 7 * 24 * HOUR);
      const of = (k: string) => week.filter((e) => e.kind === k);
      const dips = of('hydrant_dip').map((e) => e.end - e.start);
      expect(Math.min(...dips)).toBeGreaterThanOrEqual(40_000);
      expect(Math.max(...dips)).toBeLessThanOrEqual(90_000);
      for (const e of week) expect(e.end - e.start).toBeLessThanOrEqual(14 * HOUR);
      const night = of('fence_breach').filter((e) => localHour(e.start) >= 22 || localHour(e.start) < 5).length;
      expect(night).toBeGreaterThan(2 * (of('fence_breach').length - night));
      // About one cut an hour over the demo's two compounds; a few minutes each.
      expect(of('power_loss').length).toBeGreaterThan(0.3 * 7 * 24);
      expect(of('power_loss').length).toBeLessThan(0.7 * 7 * 24);
      for (const e of of('power_loss')) expect(e.end - e.start).toBeLessThanOrEqual(8 * MIN);
      // The whole background stays at a couple of episodes an hour per compound.
      expect(week.length / (7 * 24)).toBeLessThan(3);
    }
  });

  it('when a building loses power, then its main meter reads 0 kW from the cut and its public meters and gates fall silent until power is back, then report at once', () => {
    const doc = docs[0];
    const p = playerOf(doc, T0);
    const cut = p.episodes.background(T0 + HOUR, T0 + 24 * HOUR).find((e) => e.kind === 'power_loss')!;
    const readings = play(p, cut.start - 16 * MIN, cut.end + 2 * MIN);
    const main = readings.filter((r) => r.deviceId === cut.deviceId && r.metric === 'power_kw');
    expect(main.find((r) => r.ts === cut.start)?.value).toBe(0);
    expect(main.filter((r) => r.ts >= cut.start && r.ts < cut.end).every((r) => r.value === 0)).toBe(true);
    expect(main.find((r) => r.ts === cut.end)!.value).toBeGreaterThan(0.05);
    const silenced = doc.devices.filter((d) => cut.silent!.has(d.id));
    expect(silenced.some((d) => d.type === 'public_meter') && silenced.some((d) => d.type === 'access_gate')).toBe(true);
    expect(readings.filter((r) => cut.silent!.has(r.deviceId) && r.ts >= cut.start && r.ts < cut.end)).toEqual([]);
    // Back with the power, and reported before the meter's restore, so their offline alarms clear while still explained by the cut.
    const gate = silenced.find((d) => d.type === 'access_gate')!;
    const gateBack = readings.findIndex((r) => r.deviceId === gate.id && r.ts === cut.end);
    expect(gateBack).toBeGreaterThanOrEqual(0);
    expect(gateBack).toBeLessThan(readings.findIndex((r) => r.deviceId === cut.deviceId && r.metric === 'power_kw' && r.ts === cut.end));
  });

  it('when the demo starts at night, then the opening adds a fence breach; by day it does not', () => {
    const opening = (localH: number) => playerOf(docs[0], T0 + localH * HOUR).episodes.opening.map((e) => e.kind);
    expect(opening(23)).toContain('fence_breach');
    expect(opening(12)).not.toContain('fence_breach');
    expect(opening(12)).toEqual(expect.arrayContaining(['pm25', 'hydrant_dip', 'charger_overpower', 'door_held_open']));
  });
});

describe('simulator through the ingest path', () => {
  const servers: TestServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.close();
  });

  // A day of history for two compounds through ingest: about a minute, more on a loaded runner.
  it('when started with a backfill, then history exists for charts and devices come online through ingest', { timeout: 180_000 }, async () => {
    const srv = await startTestServer({ simulator: { enabled: true, backfillDays: 1, tickMs: 500, rate: 1, flakyShare: 0 } });
    servers.push(srv);
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

  it('when the first five minutes of a fresh demo are played through the real alarm engine, then every severity is raised, the hydrant alarm returns to normal by itself and the online KPI is below 100 %', async () => {
    // The app's own sweep would judge simulated time by the wall clock: it stays off, the test sweeps at simulated time.
    const srv = await startTestServer({ tickMs: 3_600_000 });
    servers.push(srv);
    const sim = new Simulator(srv.app.twins, srv.app.ingest, { seed: SEED }, () => undefined);
    const start = Date.now() - 5.5 * MIN;
    sim.begin(start);
    for (let t = start; t <= start + 5 * MIN; t += 5_000) {
      await sim.step(t);
      await srv.app.engine.sweep(t);
    }
    // Low-battery warnings stand from the first report (about 0.5 % of detectors): not counted as the flow.
    const rows = await srv.db.query<{ compound_id: string; severity: string; first_s: number; flow: number }>(
      `select compound_id, severity, min(extract(epoch from raised_at))::float8 - $1::float8 as first_s,
              count(*) filter (where rule_id <> 'smoke.low_battery')::int as flow from alarms group by 1, 2`,
      [start / 1000],
    );
    for (const id of ['yaguang-xincun', 'sanhe-guanggu']) {
      const mine = rows.rows.filter((r) => r.compound_id === id);
      expect(mine.map((r) => r.severity).sort(), id).toEqual(['critical', 'major', 'minor', 'warning']);
      for (const r of mine) expect(r.first_s, `${id} ${r.severity}`).toBeLessThanOrEqual(300);
      // Busy, but no flood: a handful of alarms in five minutes.
      expect(
        mine.reduce((s, r) => s + r.flow, 0),
        id,
      ).toBeLessThanOrEqual(10);
    }
    const back = await srv.db.query<{ n: number }>(
      `select count(*)::int as n from alarms where rule_id = 'hydrant.low_pressure' and not active and cleared_by is null and returned_at is not null`,
    );
    expect(back.rows[0].n).toBeGreaterThanOrEqual(1);
    for (const twin of srv.app.twins.all()) twin.live.sweep(Date.now());
    const k = await srv.app.kpis.compute('yaguang-xincun');
    expect(k.onlinePct).toBeLessThan(100);
    expect(k.onlinePct).toBeGreaterThan(95);
  }, 60_000);
});
