// MQTT with identities against a real mosquitto with authentication on: the password file and ACL
// come from our generator (Node-made PBKDF2 entries the broker must accept), the server signs in with
// the credentials of its MQTT_URL, and the compound in a topic must be the publishing key's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, revokeApiKey } from '../db/apiKeys.repo';
import type { Db } from '../db/db';
import { openDb } from '../db/openDb';
import { MOSQUITTO, startMosquitto, type Broker } from '../testing/mosquitto';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { call, signIn, type TestAuth } from '../testing/testAuth';
import { generateAuthFiles } from './authFiles';

const Y = 'yaguang-xincun';
const S = 'sanhe-guanggu';
const SERVER_PASSWORD = 'server-secret/with:odd chars';
const SERVER_URL = `mqtt://twin-server:${encodeURIComponent(SERVER_PASSWORD)}@127.0.0.1:1`;

let broker: Broker;
let db: Db;
let srv: TestServer;
let url: string;
let admin: TestAuth;
let gwY: { id: number; key: string };
let gwS: { id: number; key: string };
let revoked: { id: number; key: string };
const logs: string[] = [];

const topic = (key: number, compound: string, device: string) => `gateway/${key}/compound/${compound}/device/${device}/telemetry`;
/** Publishes as `user` with MQTT 5, so the broker says when it refuses a publish (3.1.1 drops it silently). */
const publish = (user: { id: number | string; key: string } | null, t: string, msg: unknown) =>
  broker.pub(['-V', 'mqttv5', ...(user ? ['-u', String(user.id), '-P', user.key] : []), '-q', '1', '-t', t, '-m', JSON.stringify(msg)]);
const status = async () => (await call(url, '/admin/mqtt', { as: admin })).body;
const stored = async (device: string, ts: number) =>
  (await db.query<{ n: number }>('select count(*)::int as n from readings where device_id = $1 and ts = to_timestamp($2 / 1000.0)', [device, ts])).rows[0].n;
async function until(what: string, check: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(!MOSQUITTO)('MQTT with identities (mosquitto with a password file and ACL)', () => {
  beforeAll(async () => {
    db = await openDb({});
    gwY = await createApiKey(db, Y, 'gateway Y');
    gwS = await createApiKey(db, S, 'gateway S');
    revoked = await createApiKey(db, Y, 'old gateway');
    await revokeApiKey(db, revoked.id);
    const files = await generateAuthFiles(db, SERVER_URL);
    broker = await startMosquitto({ passwordFile: files.passwordFile, aclFile: files.aclFile });
    srv = await startTestServer({
      db,
      tickMs: 1_000,
      log: (m) => logs.push(m),
      mqttUrl: `mqtt://twin-server:${encodeURIComponent(SERVER_PASSWORD)}@127.0.0.1:${broker.port}?clientId=ct-auth-${process.pid}-${Date.now()}`,
    });
    url = srv.url;
    admin = await signIn(url, 'admin');
    await until('the server signed in and subscribed', async () => (await status()).connected === true, 10_000).catch(async (err) => {
      throw new Error(`${err.message}: ${JSON.stringify(await call(url, '/admin/mqtt', { as: admin }))}\n${logs.join('\n')}`);
    });
  }, 60_000);
  afterAll(async () => {
    await srv?.close();
    await db?.close();
    await broker?.stop();
  });

  it('when a gateway signs in with its key id and key and publishes under its id for its compound, then the reading is stored', async () => {
    const ts = Date.now() - 1_000;
    expect(publish(gwY, topic(gwY.id, Y, 'yg-b1-em'), { metric: 'power_kw', ts, value: 2.5 })).toMatchObject({ status: 0, stderr: '' });
    await until('the reading', async () => (await stored('yg-b1-em', ts)) === 1);
  });

  it('when the password is wrong, nobody is named, or the key is revoked, then the broker refuses the connection', () => {
    const t = topic(gwY.id, Y, 'yg-b1-em');
    const reading = { metric: 'power_kw', ts: Date.now(), value: 1 };
    for (const who of [{ id: gwY.id, key: 'not-the-key' }, null, revoked]) {
      const r = publish(who, who ? topic(who.id, Y, 'yg-b1-em') : t, reading);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/not authori[sz]ed/i);
    }
  });

  it("when a gateway publishes under another key's id, or the server's identity publishes, then the broker's ACL drops it and nothing reaches the server", async () => {
    const before = (await status()).counts;
    const ts = Date.now() - 2_000;
    expect(publish(gwY, topic(gwS.id, S, 'sg-b1-em'), { metric: 'power_kw', ts, value: 1 }).stderr).toMatch(/Not authorized/);
    expect(publish({ id: 'twin-server', key: SERVER_PASSWORD }, topic(gwS.id, S, 'sg-b1-em'), { metric: 'power_kw', ts, value: 1 }).stderr).toMatch(
      /Not authorized/,
    );
    expect(publish(gwY, `compound/${S}/device/sg-b1-em/telemetry`, { metric: 'power_kw', ts, value: 1 }).stderr).toMatch(/Not authorized/);
    // One allowed message after them: once it has arrived, the refused ones would have too.
    expect(publish(gwS, topic(gwS.id, S, 'sg-b1-em'), { metric: 'power_kw', ts, value: 7 }).status).toBe(0);
    // counted on arrival, accepted once stored (the embedded database answers from its worker thread a moment later)
    await until('the allowed message stored', async () => (await status()).counts.accepted >= before.accepted + 1);
    expect((await status()).counts.messages).toBe(before.messages + 1);
    expect(await stored('sg-b1-em', ts)).toBe(1);
  });

  it("when a gateway of compound A publishes to compound B's topic under its own id, then the server refuses it, counts it with the reason and stores nothing", async () => {
    const before = (await status()).counts;
    const ts = Date.now() - 3_000;
    // The broker lets it through (its own id); the compound check is the server's.
    expect(publish(gwY, topic(gwY.id, S, 'sg-b1-em'), { metric: 'power_kw', ts, value: 99 })).toMatchObject({ status: 0, stderr: '' });
    await until('the refusal', async () => (await status()).counts.refused >= before.refused + 1);
    const s = await status();
    expect(s.recentRejections.at(-1)).toMatchObject({ topic: topic(gwY.id, S, 'sg-b1-em'), reason: `key ${gwY.id} belongs to compound "${Y}", not "${S}"` });
    expect(s.counts.accepted).toBe(before.accepted);
    expect(await stored('sg-b1-em', ts)).toBe(0);
  });

  it('when an admin asks for the auth files, then they list the server and the live keys, and a key revoked since drops out', async () => {
    const first = await call(url, '/admin/mqtt/auth-files', { as: admin });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    const users = (f: string) =>
      f
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => l.split(':')[0]);
    expect(users(first.body.passwordFile)).toEqual(expect.arrayContaining(['twin-server', String(gwY.id), String(gwS.id)]));
    expect(users(first.body.passwordFile)).not.toContain(String(revoked.id));
    expect(first.body.aclFile).toContain('pattern write gateway/%u/compound/+/device/+/telemetry');
    expect(first.body).toMatchObject({ serverUser: 'twin-server' });
    expect((await call(url, `/admin/keys/${gwS.id}`, { as: admin, method: 'DELETE' })).status).toBe(204);
    const after = await call(url, '/admin/mqtt/auth-files', { as: admin });
    expect(users(after.body.passwordFile)).not.toContain(String(gwS.id));
    expect(users(after.body.passwordFile)).toContain(String(gwY.id));
    const officer = await signIn(url, 'officer-yaguang');
    expect((await call(url, '/admin/mqtt/auth-files', { as: officer })).status).toBe(403);
  });
});
