import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type TwinApp } from '../app';
import { findApiKey } from '../db/apiKeys.repo';
import { openDb } from '../db/openDb';
import type { Db } from '../db/db';
import { MOSQUITTO, startMosquitto, type Broker } from '../testing/mosquitto';
import { ROOT } from '../testing/startTestServer';
import { signIn, type TestAuth } from '../testing/testAuth';
import { TwinClient } from '../testing/twinClient';

const Y = 'yaguang-xincun';
const DEVICE = 'yg-b1-em';
// The demo key of yaguang-xincun; this broker is the anonymous dev kind, so the key id is taken on trust
// here (mqttAuth.test.ts has the broker that makes it the signed-in username).
let keyY: number;
const topic = (c = Y, d = DEVICE, key = keyY) => `gateway/${key}/compound/${c}/device/${d}/telemetry`;

let broker: Broker;
let db: Db;
let app: TwinApp;
let url: string;
let admin: TestAuth;
const logs: string[] = [];

async function status(): Promise<any> {
  return (await fetch(`${url}/api/v1/admin/mqtt`, { headers: admin.headers })).json();
}
async function until(what: string, check: () => Promise<boolean> | boolean, ms = 5_000): Promise<void> {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const stored = async (metric: string, ts: number) =>
  (
    await db.query<{ n: number }>('select count(*)::int as n from readings where device_id = $1 and metric = $2 and ts = to_timestamp($3 / 1000.0)', [
      DEVICE,
      metric,
      ts,
    ])
  ).rows[0].n;

describe.skipIf(!MOSQUITTO)('MQTT ingest against a real mosquitto broker', () => {
  beforeAll(async () => {
    broker = await startMosquitto();
    db = await openDb({});
    app = await createApp({
      db,
      compoundsDir: resolve(ROOT, 'data/compounds'),
      rulesFile: resolve(ROOT, 'data/rules/default.json'),
      rubricsDir: resolve(ROOT, 'data/rubrics'),
      demo: true,
      version: 'test',
      tickMs: 1_000,
      log: (m) => logs.push(m),
      security: { secret: 'test-secret-that-is-at-least-32-characters-long' },
      // A unique client id per run: two test servers must not take over each other's session.
      mqttUrl: `${broker.url}?clientId=ct-test-${process.pid}-${Date.now()}`,
    });
    url = `http://127.0.0.1:${await app.listen(0, '127.0.0.1')}`;
    admin = await signIn(url, 'admin');
    keyY = (await findApiKey(db, `demo-${Y}`))!.id;
    await until('the MQTT subscription', async () => (await status()).connected === true, 10_000);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    await broker?.stop();
  });

  it('when mosquitto_pub publishes a reading, then a Socket.IO client in the compound room gets it within a second', async () => {
    const client = await new TwinClient(url, { token: admin.token }).connect();
    try {
      expect(await client.join(Y)).toMatchObject({ ok: true });
      const ts = Date.now() - 1_000;
      const t0 = Date.now();
      expect(broker.pub(['-q', '1', '-t', topic(), '-m', JSON.stringify({ metric: 'power_kw', ts, value: 3.21 })]).status).toBe(0);
      await client.waitFor('reading:batch', (b) => b.readings.some((r: any) => r[0] === DEVICE && r[2] === ts && r[3] === 3.21), 1_000);
      expect(Date.now() - t0).toBeLessThan(1_000);
      expect(await stored('power_kw', ts)).toBe(1);
    } finally {
      client.close();
    }
  });

  it('when the same message is published again, then it is stored once and counted as a duplicate', async () => {
    const ts = Date.now() - 2_000;
    const msg = JSON.stringify({ readings: [{ metric: 'energy_kwh', ts, value: 0.5 }] });
    const before = (await status()).counts;
    broker.pub(['-q', '1', '-t', topic(), '-m', msg]);
    broker.pub(['-q', '1', '-t', topic(), '-m', msg]);
    // counted on arrival; accepted or duplicate once the database has answered
    await until('both messages stored or found stored', async () => {
      const c = (await status()).counts;
      return c.accepted + c.duplicates >= before.accepted + before.duplicates + 2;
    });
    const after = (await status()).counts;
    expect(after.accepted - before.accepted).toBe(1);
    expect(after.duplicates - before.duplicates).toBe(1);
    expect(await stored('energy_kwh', ts)).toBe(1);
  });

  it('when a payload is an array, then every reading in it is stored', async () => {
    const ts = Date.now() - 3_000;
    broker.pub([
      '-q',
      '1',
      '-t',
      topic(),
      '-m',
      JSON.stringify([
        { metric: 'power_kw', ts, value: 1 },
        { metric: 'energy_kwh', ts, value: 0.1 },
      ]),
    ]);
    await until('the array', async () => (await stored('power_kw', ts)) === 1 && (await stored('energy_kwh', ts)) === 1);
  });

  it('when messages are bad, then each is rejected with its reason, counted, logged and nothing is stored', async () => {
    const before = (await status()).counts;
    const ts = Date.now() - 4_000;
    broker.pub(['-q', '1', '-t', topic(), '-m', '{"metric":']);
    broker.pub(['-q', '1', '-t', topic(Y, 'no-such-device'), '-m', JSON.stringify({ metric: 'power_kw', ts, value: 1 })]);
    broker.pub(['-q', '1', '-t', topic(), '-m', JSON.stringify({ metric: 'pressure_mpa', ts, value: 1 })]);
    broker.pub(['-q', '1', '-t', topic(), '-m', JSON.stringify({ deviceId: 'yg-b2-em', metric: 'power_kw', ts, value: 1 })]);
    await until('four rejections', async () => (await status()).counts.rejectedMessages >= before.rejectedMessages + 4);
    const s = await status();
    const reasons = s.recentRejections
      .slice(-4)
      .map((r: any) => `${r.topic} ${r.reason}`)
      .join('\n');
    expect(reasons).toMatch(/payload is not JSON/);
    expect(reasons).toMatch(/unknown device "no-such-device"/);
    expect(reasons).toMatch(/does not report "pressure_mpa"/);
    expect(reasons).toMatch(/does not match the topic's device/);
    expect(s.counts.accepted).toBe(before.accepted);
    expect(logs.some((l) => /^\[mqtt\] rejected gateway\/\d+\/compound\/yaguang-xincun\/device\/yg-b1-em\/telemetry: payload is not JSON/.test(l))).toBe(true);
  });

  it("when a message comes on the old anonymous topic, from an unknown key or for another compound than its key's, then it is refused with the reason, counted and nothing is stored", async () => {
    const before = (await status()).counts;
    const ts = Date.now() - 5_000;
    const msg = JSON.stringify({ metric: 'power_kw', ts, value: 1 });
    broker.pub(['-q', '1', '-t', `compound/${Y}/device/${DEVICE}/telemetry`, '-m', msg]);
    broker.pub(['-q', '1', '-t', topic(Y, DEVICE, 999_999), '-m', msg]);
    broker.pub(['-q', '1', '-t', topic('sanhe-guanggu', 'sg-b1-em'), '-m', msg]);
    await until('three refusals', async () => (await status()).counts.refused >= before.refused + 3);
    const s = await status();
    const reasons = s.recentRejections
      .slice(-3)
      .map((r: any) => r.reason)
      .join('\n');
    expect(reasons).toMatch(/anonymous form .* is no longer accepted: sign in as your device key's id and publish to gateway\/<keyId>\//);
    expect(reasons).toMatch(/key 999999 is unknown or revoked/);
    expect(reasons).toContain(`key ${keyY} belongs to compound "${Y}", not "sanhe-guanggu"`);
    expect(s.counts).toMatchObject({ accepted: before.accepted, rejectedMessages: before.rejectedMessages });
    expect(await stored('power_kw', ts)).toBe(0);
  });

  it('when an admin revokes a key, then its next message is refused at once, not after a cache lifetime', async () => {
    const res = await fetch(`${url}/api/v1/admin/keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...admin.headers },
      body: JSON.stringify({ compoundId: Y, name: 'revoked soon' }),
    });
    const key = (await res.json()) as { id: number };
    const ts = Date.now() - 6_000;
    broker.pub(['-q', '1', '-t', topic(Y, DEVICE, key.id), '-m', JSON.stringify({ metric: 'power_kw', ts, value: 1 })]);
    await until('the first reading', async () => (await stored('power_kw', ts)) === 1);
    expect((await fetch(`${url}/api/v1/admin/keys/${key.id}`, { method: 'DELETE', headers: admin.headers })).status).toBe(204);
    const before = (await status()).counts.refused;
    broker.pub(['-q', '1', '-t', topic(Y, DEVICE, key.id), '-m', JSON.stringify({ metric: 'power_kw', ts: ts + 1, value: 1 })]);
    await until('the refusal', async () => (await status()).counts.refused > before);
    expect((await status()).recentRejections.at(-1).reason).toBe(`key ${key.id} is unknown or revoked`);
    expect(await stored('power_kw', ts + 1)).toBe(0);
  });

  it('when someone other than an admin asks for the MQTT status, then it is refused', async () => {
    const officer = await signIn(url, 'officer-yaguang');
    expect((await fetch(`${url}/api/v1/admin/mqtt`, { headers: officer.headers })).status).toBe(403);
    expect(await status()).toMatchObject({
      enabled: true,
      connected: true,
      broker: expect.stringMatching(/^mqtt:\/\/127\.0\.0\.1:\d+/),
      topic: 'gateway/+/compound/+/device/+/telemetry',
    });
  });

  it('when the database is away, then the message is left unacknowledged (counted as deferred) and the server keeps running', async () => {
    await db.close();
    broker.pub(['-q', '1', '-t', topic(), '-m', JSON.stringify({ metric: 'power_kw', ts: Date.now(), value: 9 })]);
    await until('the deferral', () => app.mqtt.status().counts.deferred >= 1, 15_000);
    expect(logs.some((l) => /left unacknowledged for the broker to redeliver/.test(l))).toBe(true);
  }, 30_000);
});
