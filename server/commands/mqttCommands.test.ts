// MQTT downlink against a real mosquitto with our password file and ACL: a gateway signed in as its device key
// receives a command the API created and acks it; another compound's gateway can neither read it nor ack it;
// duplicate and malformed acks change nothing and are counted. Then the simulator's devices answer a broadcast.
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceCommand } from '../../models';
import { createApiKey } from '../db/apiKeys.repo';
import type { Db } from '../db/db';
import { openDb } from '../db/openDb';
import { generateAuthFiles } from '../mqtt/authFiles';
import { MOSQUITTO, startMosquitto, type Broker } from '../testing/mosquitto';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { call, type TestAuth } from '../testing/testAuth';
import { TwinClient } from '../testing/twinClient';
import { createCommandResponder, planAnswer } from '../simulator/commandResponder';
import { commandAckTopic, commandTopic, MAX_ACK_BYTES, prepareAck } from './mqttCommands';

const Y = 'yaguang-xincun';
const S = 'sanhe-guanggu';
const SPEAKER = 'yg-b3-u1-spk';
const SERVER_PASSWORD = 'server-secret-for-commands';

let broker: Broker;
let db: Db;
let srv: TestServer;
let admin: TestAuth;
let officer: TestAuth;
let gwY: { id: number; key: string };
let gwS: { id: number; key: string };
let devY: MqttClient;
let devS: MqttClient;
const receivedY: { topic: string; body: any }[] = [];
const receivedS: { topic: string; body: any }[] = [];
const logs: string[] = [];

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 8_000): Promise<void> {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}\n${logs.slice(-20).join('\n')}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
const mqttStatus = async () => (await call(srv.url, '/admin/mqtt', { as: admin })).body;
const command = async (id: number): Promise<DeviceCommand> => (await call(srv.url, `/commands/${id}`, { as: officer })).body;
/** A gateway's own connection, MQTT 5 so the broker says when it refuses a subscription or a publish. */
const gateway = (gw: { id: number; key: string }, inbox: { topic: string; body: any }[]) =>
  mqtt
    .connectAsync(broker.url, { username: String(gw.id), password: gw.key, protocolVersion: 5, clientId: `gw-${gw.id}-${process.pid}`, reconnectPeriod: 0 })
    .then((c) => {
      c.on('message', (topic, payload) => inbox.push({ topic, body: JSON.parse(String(payload)) }));
      return c;
    });
/** Publishes at QoS 1; the broker's reason code when it refuses (MQTT 5 PUBACK), else null. */
const publish = (c: MqttClient, topic: string, body: unknown) =>
  c.publishAsync(topic, typeof body === 'string' ? body : JSON.stringify(body), { qos: 1 }).then(
    () => null,
    (err: Error & { code?: number }) => err.code ?? err.message,
  );
/** The device reports, so its live status is online (a command to an offline device fails at once). */
async function bringOnline(deviceId: string): Promise<void> {
  expect(await publish(devY, `gateway/${gwY.id}/compound/${Y}/device/${deviceId}/telemetry`, { metric: 'online', ts: Date.now(), value: 1 })).toBeNull();
  await until(`${deviceId} online`, () => srv.app.twins.get(Y)!.live.states.get(deviceId)!.status === 'online');
}
async function createCommand(deviceId: string): Promise<DeviceCommand> {
  const r = await call(srv.url, `/compounds/${Y}/commands`, {
    as: officer,
    method: 'POST',
    body: { deviceId, type: 'broadcast_play', params: { preset: 'evacuation', level: 'emergency' } },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

describe.skipIf(!MOSQUITTO)('device commands over MQTT (mosquitto with our password file and ACL)', () => {
  beforeAll(async () => {
    db = await openDb({});
    gwY = await createApiKey(db, Y, 'gateway Y');
    gwS = await createApiKey(db, S, 'gateway S');
    const files = await generateAuthFiles(db, `mqtt://twin-server:${SERVER_PASSWORD}@127.0.0.1:1`);
    broker = await startMosquitto({ passwordFile: files.passwordFile, aclFile: files.aclFile });
    srv = await startTestServer({
      db,
      log: (m) => logs.push(m),
      mqttUrl: `mqtt://twin-server:${SERVER_PASSWORD}@127.0.0.1:${broker.port}?clientId=ct-cmd-${process.pid}-${Date.now()}`,
    });
    admin = await srv.login('admin');
    officer = await srv.login('officer-yaguang');
    await until('the server signed in and subscribed', async () => (await mqttStatus()).connected === true, 10_000);
    [devY, devS] = await Promise.all([gateway(gwY, receivedY), gateway(gwS, receivedS)]);
  }, 60_000);
  afterAll(async () => {
    await devY?.endAsync(true);
    await devS?.endAsync(true);
    await srv?.close();
    await db?.close();
    await broker?.stop();
  });

  it("when the ACL is generated, then the server writes commands and reads acks, and each gateway reads and acks only its own compound's", async () => {
    const { aclFile } = await generateAuthFiles(db, `mqtt://twin-server:${SERVER_PASSWORD}@127.0.0.1:1`);
    const block = (user: string) => aclFile.split(`\nuser ${user}\n`)[1].split('\n\n')[0].split('\n');
    expect(block('twin-server')).toEqual(expect.arrayContaining(['topic write compound/+/device/+/command', 'topic read compound/+/device/+/command/ack']));
    expect(block(String(gwY.id))).toEqual([`topic read compound/${Y}/device/+/command`, `topic write compound/${Y}/device/+/command/ack`]);
    expect(block(String(gwS.id))).toEqual([`topic read compound/${S}/device/+/command`, `topic write compound/${S}/device/+/command/ack`]);
    // the telemetry patterns still stand for everyone
    expect(aclFile).toContain('pattern write gateway/%u/compound/+/device/+/telemetry');
  });

  it("when each gateway subscribes to its compound's commands, and Sanhe's to Yaguang's too, then the broker takes the subscriptions", async () => {
    expect((await devY.subscribeAsync(commandTopic(Y, '+'), { qos: 1 }))[0].qos).toBe(1);
    expect((await devS.subscribeAsync(commandTopic(S, '+'), { qos: 1 }))[0].qos).toBe(1);
    // mosquitto 2.0 grants a subscription and applies `topic read` to each message it would deliver (checked below:
    // none of Yaguang's commands reaches Sanhe's gateway); a broker that refuses it at once (0x87) is as good.
    const foreign = await devS.subscribeAsync(commandTopic(Y, '+'), { qos: 1 });
    expect([1, 0x80, 0x87]).toContain(foreign[0].qos);
  });

  it('when an officer sends a command, then the gateway receives it on its topic and its ack makes it acknowledged, live to the console', async () => {
    await bringOnline(SPEAKER);
    const room = await new TwinClient(srv.url, { token: officer.token }).connect();
    try {
      expect(await room.join(Y)).toMatchObject({ ok: true });
      const before = (await mqttStatus()).commands;
      const c = await createCommand(SPEAKER);
      await until('the command on the device topic', () => receivedY.some((m) => m.body.id === c.id));
      const msg = receivedY.find((m) => m.body.id === c.id)!;
      expect(msg.topic).toBe(commandTopic(Y, SPEAKER));
      expect(msg.body).toEqual({
        id: c.id,
        type: 'broadcast_play',
        params: expect.objectContaining({ preset: 'evacuation', level: 'emergency' }),
        notBefore: c.notBefore,
        deadline: c.deadline,
        issuedAt: expect.any(Number),
      });
      await until('sent via mqtt', async () => (await command(c.id)).state === 'sent');
      expect(await command(c.id)).toMatchObject({ sentVia: 'mqtt', deliveries: 1 });
      expect((await mqttStatus()).commands.published).toBe(before.published + 1);
      // Sanhe's gateway gets its own compound's command, and none of Yaguang's before it (one publisher: in order).
      expect(await publish(devS, `gateway/${gwS.id}/compound/${S}/device/sg-b1-u1-spk/telemetry`, { metric: 'online', ts: Date.now(), value: 1 })).toBeNull();
      await until('sg-b1-u1-spk online', () => srv.app.twins.get(S)!.live.states.get('sg-b1-u1-spk')!.status === 'online');
      const sanhe = await call(srv.url, `/compounds/${S}/commands`, {
        as: await srv.login('officer-sanhe'),
        method: 'POST',
        body: { deviceId: 'sg-b1-u1-spk', type: 'broadcast_stop' },
      });
      expect(sanhe.status, JSON.stringify(sanhe.body)).toBe(201);
      await until("Sanhe's command at Sanhe's gateway", () => receivedS.some((m) => m.body.id === sanhe.body.id));
      expect(receivedS.map((m) => m.topic)).toEqual([commandTopic(S, 'sg-b1-u1-spk')]);
      expect(receivedY.every((m) => m.topic.startsWith(`compound/${Y}/`))).toBe(true);

      // The other compound's gateway may not ack it: the broker refuses the publish, the command stays sent.
      expect(await publish(devS, commandAckTopic(Y, SPEAKER), { commandId: c.id, ok: false, error: 'spoofed' })).toBe(0x87);

      expect(await publish(devY, commandAckTopic(Y, SPEAKER), { commandId: c.id, ok: true, result: { playing: true } })).toBeNull();
      await until('acknowledged', async () => (await command(c.id)).state === 'acknowledged');
      const done = await command(c.id);
      expect(done).toMatchObject({ state: 'acknowledged', failure: null, result: { playing: true } });
      await room.waitFor('command:updated', (e) => e.compoundId === Y && e.commands.some((d: any) => d.id === c.id && d.state === 'acknowledged'), 3_000);
      const after = (await mqttStatus()).commands;
      expect(after).toMatchObject({ acks: before.acks + 1, duplicateAcks: before.duplicateAcks, rejectedAcks: before.rejectedAcks });

      // A duplicate (a redelivery, or a changed mind) changes nothing and is counted as such.
      expect(await publish(devY, commandAckTopic(Y, SPEAKER), { commandId: c.id, ok: false, error: 'amplifier fault' })).toBeNull();
      await until('the duplicate counted', async () => (await mqttStatus()).commands.duplicateAcks === before.duplicateAcks + 1);
      expect(await command(c.id)).toEqual(done);
    } finally {
      room.close();
    }
  });

  it("when a gateway acks another device's command under its own compound, then nothing changes and it is counted as unknown", async () => {
    await bringOnline('yg-b3-u2-spk');
    const c = await createCommand('yg-b3-u2-spk');
    await until('sent', async () => (await command(c.id)).state === 'sent');
    const before = (await mqttStatus()).commands;
    expect(await publish(devY, commandAckTopic(Y, SPEAKER), { commandId: c.id, ok: true })).toBeNull();
    await until('the unknown ack counted', async () => (await mqttStatus()).commands.unknownAcks === before.unknownAcks + 1);
    expect((await command(c.id)).state).toBe('sent');
    // its own device's ack settles it, with the device's error
    expect(await publish(devY, commandAckTopic(Y, 'yg-b3-u2-spk'), { commandId: c.id, ok: false, error: 'amplifier fault' })).toBeNull();
    await until('failed', async () => (await command(c.id)).state === 'failed');
    expect((await command(c.id)).failure).toBe('amplifier fault');
  });

  it('when acks are malformed (not JSON, no commandId, a prototype key, unknown fields, too big), then each is rejected, counted and explained', async () => {
    const before = await mqttStatus();
    const bad = [
      '{"commandId": 1, "ok": tru',
      { ok: true },
      '{"commandId": 1, "ok": true, "result": {"__proto__": {"x": 1}}}',
      { commandId: 1, ok: true, extra: 1 },
      { commandId: 1, ok: true, result: { blob: 'x'.repeat(MAX_ACK_BYTES) } },
    ];
    for (const b of bad) expect(await publish(devY, commandAckTopic(Y, SPEAKER), b)).toBeNull();
    await until('five rejections', async () => (await mqttStatus()).commands.rejectedAcks === before.commands.rejectedAcks + 5);
    const s = await mqttStatus();
    expect(s.commands.acks).toBe(before.commands.acks);
    const reasons = s.recentRejections.slice(-5).map((r: { reason: string }) => r.reason);
    expect(reasons[0]).toMatch(/not JSON/);
    expect(reasons[1]).toMatch(/commandId: required/);
    expect(reasons[2]).toMatch(/forbidden key "__proto__"/);
    expect(reasons[3]).toMatch(/extra|unrecognized/i);
    expect(reasons[4]).toMatch(/over the 4096-byte limit/);
    expect(s.recentRejections.at(-1).topic).toBe(commandAckTopic(Y, SPEAKER));
  });

  it('when the simulated devices get a broadcast, then after their delays every speaker and screen answers once, a few with an error, the lost ones never', async () => {
    const doc = srv.app.twins.get(Y)!.entry.doc;
    const targets = doc.devices.filter(
      (d) => d.placement.kind === 'building' && d.placement.buildingId === 'b4' && ['broadcast_speaker', 'info_screen'].includes(d.type),
    );
    for (const d of targets) await bringOnline(d.id);
    const r = await call(srv.url, `/compounds/${Y}/broadcasts`, {
      as: officer,
      method: 'POST',
      body: {
        place: { kind: 'buildings', buildingIds: ['b4'] },
        channels: ['speaker', 'screen'],
        level: 'emergency',
        message: { title: { zh: '紧急疏散' }, text: { zh: '请立即沿楼梯有序撤离。' } },
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const created: DeviceCommand[] = r.body.commands;
    expect(created.map((c) => c.deviceId).sort()).toEqual(targets.map((d) => d.id).sort());
    // Shares raised, and the first seed that gives these commands every fate: each fate is a pure function of seed and command.
    const fatesOf = (o: { seed: number; errorShare: number; lostShare: number; delayScale: number }) => new Map(created.map((c) => [c.id, planAnswer(c, o)]));
    const kinds = (plans: ReturnType<typeof fatesOf>) => new Set([...plans.values()].map((p) => (p.answer === null ? 'lost' : p.answer.ok ? 'ok' : 'error')));
    let opts = { seed: 1, errorShare: 0.25, lostShare: 0.25, delayScale: 0.2 };
    while (kinds(fatesOf(opts)).size < 3) opts = { ...opts, seed: opts.seed + 1 };
    const plans = fatesOf(opts);
    expect(fatesOf(opts)).toEqual(plans);
    // The real CommandsService, with each answer the simulated devices give counted on its way in.
    const answered: number[] = [];
    const sink = { acknowledge: (...a: Parameters<TestServer['app']['commands']['acknowledge']>) => (answered.push(a[2]), srv.app.commands.acknowledge(...a)) };
    const responder = createCommandResponder(srv.app.twins, sink, opts);
    try {
      expect(responder.ready(Y)).toBe(true);
      expect(responder.ready('nowhere')).toBe(false);
      // The MQTT gateway of this test takes them too (sent) and answers nothing; the simulated devices answer.
      for (const c of created) expect(await responder.deliver(c)).toBe(true);
      // a second delivery of the same id runs nothing again
      expect(await responder.deliver(created[0])).toBe(true);
      const settled = created.filter((c) => plans.get(c.id)!.answer !== null);
      await until('every planned answer in', async () =>
        (await Promise.all(settled.map(async (c) => (await command(c.id)).state))).every((s) => s !== 'queued' && s !== 'sent'),
      );
      // the slowest answer is 2.5 s × 0.2: past it, each answered command was answered once (the one delivered twice too)
      await new Promise((r) => setTimeout(r, 600));
      expect([...answered].sort((a, b) => a - b)).toEqual(settled.map((c) => c.id).sort((a, b) => a - b));
      for (const c of created) {
        const now = await command(c.id);
        const plan = plans.get(c.id)!;
        expect(plan.delayMs).toBeLessThanOrEqual(c.type === 'screen_show' ? 300 : 500);
        if (plan.answer === null) expect(now.state, `${c.deviceId} lost`).toBe('sent');
        else if (plan.answer.ok)
          expect(now, c.deviceId).toMatchObject({ state: 'acknowledged', result: c.type === 'screen_show' ? { shown: true } : { playing: true } });
        else expect(now, c.deviceId).toMatchObject({ state: 'failed', failure: plan.answer.error });
      }
      // what the screens that acknowledged now show
      const shown = (await call(srv.url, `/compounds/${Y}/screens`, { as: officer })).body.screens.map((x: { commandId: number }) => x.commandId);
      const acked = created.filter((c) => c.type === 'screen_show' && plans.get(c.id)!.answer?.ok).map((c) => c.id);
      expect(shown.filter((id: number) => created.some((c) => c.id === id)).sort()).toEqual(acked.sort());
    } finally {
      responder.stop();
    }
  });
});

describe('MQTT ack payloads', () => {
  it('when an ack is read, then only a CommandAck with a commandId within 4 kB passes', () => {
    const enc = (x: unknown) => Buffer.from(JSON.stringify(x));
    expect(prepareAck(enc({ commandId: 7, ok: true, result: { shown: true } }))).toEqual({
      ok: true,
      commandId: 7,
      ack: { ok: true, result: { shown: true } },
    });
    expect(prepareAck(enc({ commandId: 0, ok: true }))).toMatchObject({ ok: false, reason: expect.stringMatching(/^ack commandId/) });
    expect(prepareAck(enc({ commandId: 7 }))).toMatchObject({ ok: false, reason: expect.stringMatching(/^ack ok/) });
    expect(prepareAck(enc({ commandId: 7, ok: false, error: 'x'.repeat(201) }))).toMatchObject({ ok: false, reason: expect.stringMatching(/^ack error/) });
  });
});
