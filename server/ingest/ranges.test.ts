import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompoundSchema, DEVICE_TYPE_DEFS, implausibleValue, METRICS, type Device } from '../../models';
import type { TwinApp } from '../app';
import { findApiKey } from '../db/apiKeys.repo';
import type { Db } from '../db/db';
import { openDb } from '../db/openDb';
import { TOPIC_FORM } from '../mqtt/telemetryMessage';
import { readingsFor, type SimContext } from '../simulator/profiles';
import { MOSQUITTO, startMosquitto, type Broker } from '../testing/mosquitto';
import { ROOT, startTestServer, type TestServer } from '../testing/startTestServer';
import { call, signIn } from '../testing/testAuth';

// Every metric has a unit and a plausible range (models/metrics.ts); ingest, HTTP and MQTT alike,
// rejects a value outside it with the item's index and a reason, and stores the rest of the batch.

const Y = 'yaguang-xincun';
const compoundDocs = () =>
  readdirSync(resolve(ROOT, 'data/compounds'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => CompoundSchema.parse(JSON.parse(readFileSync(resolve(ROOT, 'data/compounds', f), 'utf8'))));

describe('metric ranges', () => {
  it('when any device type or demo device names a metric, then that metric has a unit and a finite, ordered range', () => {
    const named = new Set([
      ...Object.values(DEVICE_TYPE_DEFS).flatMap((t) => t.metrics),
      ...compoundDocs().flatMap((c) => c.devices.flatMap((d) => d.metrics)),
    ]);
    for (const m of named) {
      const def = METRICS[m];
      expect(def, m).toBeDefined();
      expect(typeof def.unit, m).toBe('string');
      expect(Number.isFinite(def.range.min) && Number.isFinite(def.range.max) && def.range.min < def.range.max, m).toBe(true);
    }
    for (const [m, def] of Object.entries(METRICS)) expect(Number.isFinite(def.range.min) && def.range.min < def.range.max, m).toBe(true);
  });

  it('when the simulator plays every demo device through a day, then every value is inside its range', () => {
    let seed = 1;
    const ctx: SimContext = { rand: () => (seed = (seed * 16807) % 2147483647) / 2147483647, leakingMeter: null };
    const devices: Device[] = compoundDocs().flatMap((c) => c.devices);
    ctx.leakingMeter = devices.find((d) => d.type === 'water_meter')?.id ?? null;
    // An imported tower far larger than the demo ones: the simulator must still stay within a building meter's range.
    const tower = { ...devices.find((d) => d.type === 'electric_meter' && d.households !== 1)!, id: 'tower-em', households: 5_000 };
    const t0 = Date.UTC(2026, 0, 5);
    let n = 0;
    const outside: string[] = [];
    for (const d of [...devices, tower]) {
      for (let t = t0; t < t0 + 86_400_000; t += 3 * 3_600_000) {
        for (const intervalS of [60, 900, 3600]) {
          for (const [metric, value] of readingsFor(d, t, intervalS, ctx)) {
            const why = implausibleValue(metric, value);
            if (why) outside.push(`${d.id} at ${new Date(t).toISOString()}: ${why}`);
            n++;
          }
        }
      }
    }
    expect(outside).toEqual([]);
    expect(n).toBeGreaterThan(10_000);
  });

  it('when values sit at or beyond the edges, then only the impossible ones are implausible and the reason names range and unit', () => {
    expect(implausibleValue('power_kw', 500)).toBeNull();
    expect(implausibleValue('pressure_mpa', 0)).toBeNull();
    expect(implausibleValue('temperature_c', -50)).toBeNull();
    expect(implausibleValue('power_kw', 1e308)).toBe("1e+308 is outside power_kw's plausible range 0–500 kW");
    expect(implausibleValue('pressure_mpa', 2.6)).toBe("2.6 is outside pressure_mpa's plausible range 0–2.5 MPa");
    expect(implausibleValue('smoke', 0.5)).toBe("0.5 is outside smoke's plausible range 0 or 1");
    expect(implausibleValue('energy_kwh', -0.1)).toMatch(/outside energy_kwh's plausible range 0–12000 kWh/);
    expect(implausibleValue('passes', 2.5)).toMatch(/whole numbers/);
    expect(implausibleValue('temperature_c', NaN)).toMatch(/^NaN is outside/);
  });
});

describe('ingest rejects implausible values (HTTP and MQTT)', () => {
  let db: Db;
  let srv: TestServer;
  let app: TwinApp;
  let url: string;
  let broker: Broker | null = null;
  const stored = async (deviceId: string, metric: string, ts: number) =>
    (
      await db.query<{ n: number }>('select count(*)::int as n from readings where device_id = $1 and metric = $2 and ts = to_timestamp($3 / 1000.0)', [
        deviceId,
        metric,
        ts,
      ])
    ).rows[0].n;

  beforeAll(async () => {
    if (MOSQUITTO) broker = await startMosquitto();
    db = await openDb({});
    srv = await startTestServer({
      db,
      tickMs: 1_000,
      log: () => undefined,
      mqttUrl: broker ? `${broker.url}?clientId=ct-ranges-${process.pid}-${Date.now()}` : undefined,
    });
    app = srv.app;
    url = srv.url;
  });
  afterAll(async () => {
    await srv?.close();
    await db?.close();
    await broker?.stop();
  });

  it('when a batch holds out-of-range values, then each is rejected with its index and reason and the others are stored', async () => {
    const ts = Date.now() - 10_000;
    const hydrant = app.twins.get(Y)!.entry.doc.devices.find((d) => d.type === 'hydrant_pressure')!.id;
    const readings = [
      { deviceId: 'yg-b1-em', metric: 'power_kw', ts, value: 42.5 },
      { deviceId: 'yg-b1-em', metric: 'power_kw', ts: ts + 1, value: 1e308 },
      { deviceId: 'yg-b1-em', metric: 'energy_kwh', ts, value: -3 },
      { deviceId: hydrant, metric: 'pressure_mpa', ts, value: 0.31 },
      { deviceId: 'yg-b1-u1-f1-smoke', metric: 'smoke', ts, value: 0.5 },
      { deviceId: 'yg-b1-em', metric: 'power_kw', ts: ts + 2, value: -1e308 },
      { deviceId: 'yg-b1-em', metric: 'energy_kwh', ts: ts + 3, value: 0.25 },
    ];
    const r = await call(url, '/ingest', { body: { readings }, headers: { 'x-api-key': `demo-${Y}` } });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      accepted: 3,
      duplicates: 0,
      rejected: [
        { index: 1, reason: "value: 1e+308 is outside power_kw's plausible range 0–500 kW" },
        { index: 2, reason: "value: -3 is outside energy_kwh's plausible range 0–12000 kWh" },
        { index: 4, reason: "value: 0.5 is outside smoke's plausible range 0 or 1" },
        { index: 5, reason: "value: -1e+308 is outside power_kw's plausible range 0–500 kW" },
      ],
    });
    expect(await stored('yg-b1-em', 'power_kw', ts)).toBe(1);
    expect(await stored(hydrant, 'pressure_mpa', ts)).toBe(1);
    expect(await stored('yg-b1-em', 'power_kw', ts + 1)).toBe(0);
    expect(await stored('yg-b1-em', 'energy_kwh', ts)).toBe(0);
    expect(await stored('yg-b1-u1-f1-smoke', 'smoke', ts)).toBe(0);
  });

  it('when every item of a batch is out of range, then the batch answers 422 with the reasons and nothing is stored', async () => {
    const ts = Date.now() - 20_000;
    const r = await call(url, '/ingest', {
      body: { readings: [{ deviceId: 'yg-b1-em', metric: 'power_kw', ts, value: 501 }] },
      headers: { 'x-api-key': `demo-${Y}` },
    });
    expect(r.status).toBe(422);
    expect(r.body.rejected).toEqual([{ index: 0, reason: "value: 501 is outside power_kw's plausible range 0–500 kW" }]);
    expect(await stored('yg-b1-em', 'power_kw', ts)).toBe(0);
    // The device's live value is the plausible one sent before, not the rejected one.
    expect(app.twins.get(Y)!.live.states.get('yg-b1-em')!.values.power_kw).toBe(42.5);
  });

  it.skipIf(!MOSQUITTO)(
    'when an MQTT message holds an out-of-range value, then that reading is rejected with its index and reason and the rest is stored',
    async () => {
      const admin = await signIn(url, 'admin');
      const status = async () => (await call(url, '/admin/mqtt', { as: admin })).body;
      for (let t0 = Date.now(); !(await status()).connected;) {
        if (Date.now() - t0 > 10_000) throw new Error('MQTT subscription not up');
        await new Promise((r) => setTimeout(r, 50));
      }
      const keyId = (await findApiKey(db, `demo-${Y}`))!.id;
      const topic = TOPIC_FORM.replace('<keyId>', String(keyId)).replace('<compoundId>', Y).replace('<deviceId>', 'yg-b1-em');
      const ts = Date.now() - 30_000;
      const before = (await status()).counts;
      const msg = JSON.stringify([
        { metric: 'power_kw', ts, value: 1e308 },
        { metric: 'power_kw', ts: ts + 1, value: 3.5 },
      ]);
      expect(broker!.pub(['-q', '1', '-t', topic, '-m', msg]).status).toBe(0);
      for (let t0 = Date.now(); (await status()).counts.rejectedReadings < before.rejectedReadings + 1;) {
        if (Date.now() - t0 > 5_000) throw new Error('no rejection counted');
        await new Promise((r) => setTimeout(r, 20));
      }
      const s = await status();
      expect(s.recentRejections.at(-1).reason).toBe("[0] value: 1e+308 is outside power_kw's plausible range 0–500 kW");
      expect(await stored('yg-b1-em', 'power_kw', ts)).toBe(0);
      expect(await stored('yg-b1-em', 'power_kw', ts + 1)).toBe(1);
    },
  );
});
