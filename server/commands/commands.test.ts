import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGE_TEMPLATES, resolvePlace, type BroadcastDetail, type Compound, type DeviceCommand, type Place } from '../../models';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { call, type TestAuth } from '../testing/testAuth';
import { TwinClient } from '../testing/twinClient';

// Acting from the twin, end to end on one real server (embedded database): broadcasts to a place, single commands,
// the gateways' HTTP poll and ack, expiry, offline devices, retries, limits, access, the socket event, screens,
// replay and the audit log. No transport is connected (no broker, no simulator): commands wait for the HTTP poll.

const YG = 'yaguang-xincun';
const SH = 'sanhe-guanggu';
let srv: TestServer;
let doc: Compound;
let officer: TestAuth, sanhe: TestAuth, admin: TestAuth, evaluator: TestAuth, wall: TestAuth;

const evac = MESSAGE_TEMPLATES.find((t) => t.id === 'evacuation')!;
const message = { title: evac.title, text: evac.text };

async function rows(): Promise<{ b: number; c: number }> {
  const r = await srv.db.query<{ b: number; c: number }>(
    'select (select count(*)::int from broadcasts) as b, (select count(*)::int from device_commands) as c',
  );
  return { b: Number(r.rows[0].b), c: Number(r.rows[0].c) };
}

/** Makes devices online in the twin's live status (a reading now, through the real ingest route). */
async function online(compoundId: string, ids: string[]): Promise<void> {
  const now = Date.now();
  const readings = ids.map((id) => {
    const d = srv.app.twins.get(compoundId)!.entry.devices.get(id)!;
    return { deviceId: id, metric: d.metrics[0], ts: now, value: 1 };
  });
  const r = await call(srv.url, '/ingest', { body: { readings }, headers: { 'x-api-key': srv.key(compoundId) } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

const gw = (compoundId: string) => ({ 'x-api-key': srv.key(compoundId) });
const poll = (compoundId = YG, limit = 200) => call(srv.url, `/gateway/commands?limit=${limit}`, { headers: gw(compoundId) });
const ack = (id: number, body: unknown, compoundId = YG) => call(srv.url, `/gateway/commands/${id}/ack`, { body, headers: gw(compoundId) });

async function until<T>(f: () => Promise<T>, ok: (v: T) => boolean, ms = 8_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The lasso around buildings b3 and b4 (their footprints' bounding box, 2 m out). */
function lassoB3B4(): Place {
  const pts = doc.buildings.filter((b) => b.id === 'b3' || b.id === 'b4').flatMap((b) => b.footprint);
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs) - 2, Math.max(...xs) + 2, Math.min(...ys) - 2, Math.max(...ys) + 2];
  return {
    kind: 'polygon',
    ring: [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
    ],
  };
}

beforeAll(async () => {
  srv = await startTestServer();
  doc = srv.app.twins.get(YG)!.entry.doc;
  [officer, sanhe, admin, evaluator, wall] = await Promise.all(
    (['officer-yaguang', 'officer-sanhe', 'admin', 'evaluator', 'wall'] as const).map((w) => srv.login(w)),
  );
}, 60_000);

afterAll(async () => {
  await srv?.close();
});

describe('broadcasts', () => {
  let bc: BroadcastDetail;

  it('a lasso over b3 and b4 creates exactly the devices resolvePlace finds, once per requestId, live on the socket (masked room too)', async () => {
    const place = lassoB3B4();
    const expected = resolvePlace(doc, place, ['broadcast_speaker', 'info_screen']).map((d) => d.id);
    expect(expected.length).toBeGreaterThan(5);
    expect(expected.some((id) => id.startsWith('yg-b3-')) && expected.some((id) => id.startsWith('yg-b4-'))).toBe(true);
    expect(expected.some((id) => /^yg-b[^34]/.test(id))).toBe(false);
    await online(YG, expected);
    const sock = await new TwinClient(srv.url, { token: officer.token }).connect();
    const masked = await new TwinClient(srv.url, { token: evaluator.token }).connect();
    try {
      expect((await sock.join(YG)).ok).toBe(true);
      expect((await masked.join(YG)).ok).toBe(true);
      const body = {
        place,
        channels: ['speaker', 'screen'],
        templateId: 'evacuation',
        level: 'emergency',
        message,
        audio: { preset: 'evacuation' },
        requestId: 'lasso-b3-b4-0001',
      };
      const preview = await call(srv.url, `/compounds/${YG}/broadcasts/preview`, { as: officer, body: { place, channels: body.channels } });
      expect(preview.status).toBe(200);
      expect(preview.body.devices.map((d: { deviceId: string }) => d.deviceId)).toEqual(expected);
      expect(preview.body.offline).toBe(0);
      const before = await rows();
      const r = await call(srv.url, `/compounds/${YG}/broadcasts`, { as: officer, body });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      bc = r.body;
      expect(bc.commands.map((c) => c.deviceId).sort()).toEqual([...expected].sort());
      expect(bc.counts.total).toBe(expected.length);
      for (const c of bc.commands) expect(c.type).toBe(c.deviceId.includes('screen') ? 'screen_show' : 'broadcast_play');
      expect(await rows()).toEqual({ b: before.b + 1, c: before.c + expected.length });
      const ev = await sock.waitFor('command:updated', (e) => e.broadcasts.some((b: { id: number }) => b.id === bc.id));
      expect(ev.commands.length).toBe(expected.length);
      const mev = await masked.waitFor('command:updated', (e) => e.broadcasts.some((b: { id: number }) => b.id === bc.id));
      expect(JSON.stringify(mev)).not.toContain('officer-yaguang');
      // the same requestId again: the first broadcast, nothing written
      const again = await call(srv.url, `/compounds/${YG}/broadcasts`, { as: officer, body });
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(bc.id);
      expect(await rows()).toEqual({ b: before.b + 1, c: before.c + expected.length });
    } finally {
      sock.close();
      masked.close();
    }
  });

  it('a gateway polls and acks over HTTP: acknowledged; a second ack is a duplicate; another compound\u2019s key gets 404 and changes nothing', async () => {
    const p = await poll();
    expect(p.status).toBe(200);
    const mine = p.body.commands.filter((c: { id: number }) => bc.commands.some((x) => x.id === c.id));
    expect(mine.length).toBe(bc.commands.length);
    expect(mine[0]).toEqual(
      expect.objectContaining({ deviceId: expect.any(String), type: expect.any(String), params: expect.any(Object), deadline: expect.any(Number) }),
    );
    // handed out once: an immediate second poll does not hand them again
    expect((await poll()).body.commands.filter((c: { id: number }) => bc.commands.some((x) => x.id === c.id))).toEqual([]);
    const [first, ...rest] = mine as { id: number }[];
    const foreign = await ack(first.id, { ok: true }, SH);
    expect(foreign.status).toBe(404);
    expect((await call(srv.url, `/commands/${first.id}`, { as: officer })).body.state).toBe('sent');
    const a1 = await ack(first.id, { ok: true, result: { played: 3 } });
    expect(a1.body).toEqual({ id: first.id, state: 'acknowledged', duplicate: false });
    const a2 = await ack(first.id, { ok: false, error: 'late' });
    expect(a2.body).toEqual({ id: first.id, state: 'acknowledged', duplicate: true });
    expect((await ack(first.id, { commandId: first.id + 1, ok: true })).status).toBe(400);
    for (const c of rest) expect((await ack(c.id, { ok: true })).status).toBe(200);
    const d = await call(srv.url, `/broadcasts/${bc.id}`, { as: officer });
    expect(d.body.counts).toEqual(expect.objectContaining({ total: bc.commands.length, acknowledged: bc.commands.length }));
    const cmd: DeviceCommand = (await call(srv.url, `/commands/${first.id}`, { as: officer })).body;
    expect(cmd).toEqual(expect.objectContaining({ state: 'acknowledged', sentVia: 'http', deliveries: 1, result: { played: 3 } }));
  });

  it('screens show the notice until a stop clears them; the stop is a broadcast of kind stop', async () => {
    const screens = bc.commands.filter((c) => c.type === 'screen_show').map((c) => c.deviceId);
    const s1 = await call(srv.url, `/compounds/${YG}/screens`, { as: wall });
    expect(s1.status).toBe(200);
    const shown = s1.body.screens.filter((s: { deviceId: string }) => screens.includes(s.deviceId));
    expect(shown.length).toBe(screens.length);
    expect(shown[0].title.zh).toBe(evac.title.zh);
    const stop = await call(srv.url, `/broadcasts/${bc.id}/stop`, { as: officer, body: {} });
    expect(stop.status).toBe(201);
    expect(stop.body).toEqual(expect.objectContaining({ kind: 'stop', stopOf: bc.id }));
    expect(new Set(stop.body.commands.map((c: DeviceCommand) => c.type))).toEqual(new Set(['broadcast_stop', 'screen_clear']));
    const p = await poll();
    for (const c of p.body.commands.filter((x: { id: number }) => stop.body.commands.some((y: DeviceCommand) => y.id === x.id))) await ack(c.id, { ok: true });
    const s2 = await call(srv.url, `/compounds/${YG}/screens`, { as: officer });
    expect(s2.body.screens.filter((s: { deviceId: string }) => screens.includes(s.deviceId))).toEqual([]);
    // masked readers: the list without issuers
    const list = await call(srv.url, `/compounds/${YG}/broadcasts`, { as: evaluator });
    expect(list.status).toBe(200);
    expect(list.body.broadcasts[0]).not.toHaveProperty('issuer');
    expect((await call(srv.url, `/compounds/${YG}/broadcasts`, { as: officer })).body.broadcasts[0].issuer).toBe('officer-yaguang');
  });

  it('an offline device fails at once with why; retry makes retryOf commands only for the failed', async () => {
    const on = 'yg-spk-green-1w';
    const off = doc.devices.find((d) => d.type === 'broadcast_speaker' && d.id !== on && !srv.app.twins.get(YG)!.live.states.get(d.id)!.lastSeen)!.id;
    await online(YG, [on]);
    const r = await call(srv.url, `/compounds/${YG}/broadcasts`, {
      as: admin,
      body: { place: { kind: 'devices', deviceIds: [on, off] }, channels: ['speaker'], message, audio: { preset: 'fire_drill' } },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const id = r.body.id as number;
    const failed = await until(
      () => call(srv.url, `/broadcasts/${id}`, { as: officer }),
      (x) => x.body.commands.some((c: DeviceCommand) => c.state === 'failed'),
    );
    const f = failed.body.commands.find((c: DeviceCommand) => c.deviceId === off);
    expect(f.state).toBe('failed');
    expect(f.failure).toMatch(/^offline \((last seen|never seen)/);
    expect(failed.body.commands.find((c: DeviceCommand) => c.deviceId === on).state).toBe('queued');
    // the speaker comes back; the officer retries the failed one
    await online(YG, [off]);
    const retry = await call(srv.url, `/broadcasts/${id}/retry`, { as: officer, body: {} });
    expect(retry.status).toBe(200);
    const retries = retry.body.commands.filter((c: DeviceCommand) => c.retryOf !== null);
    expect(retries.map((c: DeviceCommand) => [c.deviceId, c.retryOf])).toEqual([[off, f.id]]);
    // a second click: the device's latest command is the new one (queued for a gateway), nothing more
    const before = await rows();
    await call(srv.url, `/broadcasts/${id}/retry`, { as: officer, body: {} });
    expect((await rows()).c).toBe(before.c);
    // the single-command retry refuses a queued one
    expect((await call(srv.url, `/commands/${retries[0].id}/retry`, { as: officer, body: {} })).status).toBe(409);
  });
});

describe('refusals write nothing', () => {
  const good = () => ({ place: { kind: 'buildings', buildingIds: ['b3'] } as Place, channels: ['screen'], message });
  const bad: [string, Record<string, unknown>, RegExp][] = [
    ['bad place', { place: { kind: 'circle' } }, /place/],
    ['unknown building', { place: { kind: 'buildings', buildingIds: ['b99'] } }, /place\.buildingIds: "b99"/],
    ['unit of another building', { place: { kind: 'buildings', buildingIds: ['b3'], unitIds: ['b4-u1'] } }, /place\.unitIds: "b4-u1"/],
    ['device of another compound', { place: { kind: 'devices', deviceIds: ['sg-b1-u1-screen'] } }, /place\.deviceIds/],
    ['markup', { message: { title: { zh: '<b>疏散</b>' }, text: message.text } }, /message\.title\.zh.*markup/],
    ['link', { message: { title: message.title, text: { zh: '详见 https://evil.example' } } }, /message\.text\.zh.*links/],
    ['control characters', { message: { title: { zh: '疏散\u0007' }, text: message.text } }, /message\.title\.zh.*control/],
    ['too long', { message: { title: message.title, text: { zh: '长'.repeat(301) } } }, /message\.text\.zh/],
    ['bad preset', { channels: ['speaker'], audio: { preset: 'siren_url' } }, /audio\.preset/],
    ['bad schedule', { at: Date.now() + 8 * 24 * 3_600_000 }, /at: .*7 days/],
    ['schedule in the past', { at: Date.now() - 3_600_000 }, /at: .*past/],
    ['deadline out of range', { deadlineS: 2 }, /deadlineS/],
    ['empty selection', { place: { kind: 'near', at: [500, 500], radiusM: 5 } }, /place: no screen there/],
    ['alarm of no such compound', { place: { kind: 'near', alarmId: 999_999, radiusM: 50 } }, /place\.alarmId/],
    ['unknown field', { colour: 'red' }, /colour/],
    ['a time Date cannot hold', { at: 9e15 }, /at: must be a time Date can hold/],
    ['a bare web address', { message: { title: message.title, text: { zh: '详见 evil.example/pay 缴费' } } }, /message\.text\.zh.*links/],
    ['an invisible character', { message: { title: { zh: '\u2060' }, text: message.text } }, /message\.title\.zh.*invisible/],
  ];
  it.each(bad)('%s → 400 naming the field', async (_name, patch, field) => {
    const before = await rows();
    const r = await call(srv.url, `/compounds/${YG}/broadcasts`, { as: officer, body: { ...good(), ...patch } });
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body.error).toMatch(field);
    expect(await rows()).toEqual(before);
  });

  it('more than 500 devices → 400, nothing written', async () => {
    // a copy of the compound with 501 screens in one building, through the service's own resolution (no such compound on disk)
    const twin = srv.app.twins.get(YG)!;
    const orig = twin.entry.doc;
    const extra = Array.from({ length: 501 }, (_, i) => ({ ...orig.devices.find((d) => d.id === 'yg-b3-u1-screen')!, id: `yg-extra-${i}` }));
    (twin.entry as { doc: Compound }).doc = { ...orig, devices: [...orig.devices, ...extra] };
    try {
      const before = await rows();
      const r = await call(srv.url, `/compounds/${YG}/broadcasts`, { as: officer, body: good() });
      expect(r.status).toBe(400);
      expect(r.body.error).toMatch(/body\.place: \d+ devices; one broadcast may reach at most 500/);
      expect(await rows()).toEqual(before);
    } finally {
      (twin.entry as { doc: Compound }).doc = orig;
    }
  });

  it('commands: wrong device type, missing reason, bad params, another compound\u2019s device → 400/404, nothing written', async () => {
    const before = await rows();
    const post = (body: unknown) => call(srv.url, `/compounds/${YG}/commands`, { as: officer, body });
    const wrongType = await post({ deviceId: 'yg-b3-u1-screen', type: 'gate_open', reason: 'delivery van' });
    expect([wrongType.status, wrongType.body.error]).toEqual([400, expect.stringMatching(/body\.type: gate_open goes to access_gate or parking_gate/)]);
    const noReason = await post({ deviceId: 'yg-b3-u1-access', type: 'gate_open' });
    expect([noReason.status, noReason.body.error]).toEqual([400, expect.stringMatching(/body\.reason/)]);
    const badParams = await post({ deviceId: 'yg-b3-u1-access', type: 'gate_open', reason: 'delivery van', params: { holdS: 999 } });
    expect([badParams.status, badParams.body.error]).toEqual([400, expect.stringMatching(/body\.params.*holdS/)]);
    const foreign = await post({ deviceId: 'sg-b1-u1-screen', type: 'screen_clear' });
    expect(foreign.status).toBe(404);
    expect(await rows()).toEqual(before);
  });

  it('evaluator, wall and the other compound\u2019s officer are refused; zero rows queued', async () => {
    const before = await rows();
    const body = { place: { kind: 'buildings', buildingIds: ['b3'] }, channels: ['screen'], message };
    for (const who of [evaluator, wall]) {
      expect((await call(srv.url, `/compounds/${YG}/broadcasts`, { as: who, body })).status).toBe(403);
      expect((await call(srv.url, `/compounds/${YG}/commands`, { as: who, body: { deviceId: 'yg-b3-u1-screen', type: 'screen_clear' } })).status).toBe(403);
    }
    expect((await call(srv.url, `/compounds/${YG}/broadcasts`, { as: sanhe, body })).status).toBe(403);
    expect((await call(srv.url, `/compounds/${YG}/broadcasts/preview`, { as: sanhe, body })).status).toBe(403);
    const anyBroadcast = (await srv.db.query<{ id: number }>(`select id from broadcasts where compound_id = $1 limit 1`, [YG])).rows[0].id;
    const anyCommand = (await srv.db.query<{ id: number }>(`select id from device_commands where compound_id = $1 limit 1`, [YG])).rows[0].id;
    expect((await call(srv.url, `/broadcasts/${anyBroadcast}`, { as: sanhe })).status).toBe(404);
    expect((await call(srv.url, `/broadcasts/${anyBroadcast}/retry`, { as: sanhe, body: {} })).status).toBe(404);
    expect((await call(srv.url, `/broadcasts/${anyBroadcast}/stop`, { as: sanhe, body: {} })).status).toBe(404);
    expect((await call(srv.url, `/commands/${anyCommand}`, { as: sanhe })).status).toBe(404);
    expect((await call(srv.url, `/broadcasts/${anyBroadcast}/stop`, { as: evaluator, body: {} })).status).toBe(403);
    expect((await call(srv.url, `/compounds/${YG}/commands`, { as: evaluator })).status).toBe(403);
    expect((await call(srv.url, `/broadcast-templates`, { as: wall })).body.templates.length).toBeGreaterThan(2);
    expect(await rows()).toEqual(before);
  });
});

describe('single commands', () => {
  it('gate_open: 3 per gate per minute, then 429 with Retry-After and nothing written; requestId replays', async () => {
    const gate = 'yg-b4-u2-access';
    await online(YG, [gate]);
    const post = (requestId?: string) =>
      call(srv.url, `/compounds/${YG}/commands`, { as: officer, body: { deviceId: gate, type: 'gate_open', reason: 'ambulance at the door', requestId } });
    const first = await post('gate-open-req-1');
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toEqual(
      expect.objectContaining({ type: 'gate_open', reason: 'ambulance at the door', params: { holdS: 10 }, issuer: 'officer-yaguang' }),
    );
    const replay = await post('gate-open-req-1');
    expect([replay.status, replay.body.id]).toEqual([200, first.body.id]);
    expect((await post()).status).toBe(201);
    expect((await post()).status).toBe(201);
    const before = await rows();
    const over = await post();
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(over.body.error).toMatch(/gate_open/);
    expect(await rows()).toEqual(before);
  });

  it('expiry: queued → "no gateway took it", sent → "no answer before the deadline"', async () => {
    const post = (deviceId: string) =>
      call(srv.url, `/compounds/${YG}/commands`, {
        as: officer,
        body: { deviceId, type: 'screen_show', deadlineS: 5, params: { title: { zh: '测试' }, body: { zh: '五秒后过期' } } },
      });
    await online(YG, ['yg-b5-u1-screen', 'yg-b5-u2-screen']);
    const sent = await post('yg-b5-u1-screen');
    expect(sent.status).toBe(201);
    await poll();
    expect((await call(srv.url, `/commands/${sent.body.id}`, { as: officer })).body.state).toBe('sent');
    const queued = await post('yg-b5-u2-screen');
    const done = await until(
      () => Promise.all([sent.body.id, queued.body.id].map((id) => call(srv.url, `/commands/${id}`, { as: officer }).then((r) => r.body as DeviceCommand))),
      (cs) => cs.every((c) => c.state === 'expired'),
      9_000,
    );
    expect(done.map((c) => [c.state, c.failure])).toEqual([
      ['expired', 'no answer before the deadline'],
      ['expired', 'not delivered before the deadline (no gateway took it)'],
    ]);
    // a late ack changes nothing
    expect((await ack(sent.body.id, { ok: true })).body).toEqual({ id: sent.body.id, state: 'expired', duplicate: true });
    const retry = await call(srv.url, `/commands/${queued.body.id}/retry`, { as: officer, body: {} });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(expect.objectContaining({ retryOf: queued.body.id, state: 'queued', deviceId: 'yg-b5-u2-screen' }));
    expect((await call(srv.url, `/commands/${queued.body.id}/retry`, { as: officer, body: {} })).status).toBe(409);
  }, 15_000);
});

describe('stops, retries and answers that would go wrong', () => {
  const notice = (id: string, extra: Record<string, unknown> = {}) => {
    const t = MESSAGE_TEMPLATES.find((x) => x.id === id)!;
    return { place: { kind: 'buildings', buildingIds: ['b6'] }, channels: ['screen'], message: { title: t.title, text: t.text }, ...extra };
  };
  const deliverAll = async () => {
    const p = await poll();
    for (const c of p.body.commands) await ack(c.id, { ok: true });
  };

  it('stopping an old notice leaves the newer one on the screens; a broadcast stops once; a stopped one is not retried or sent', async () => {
    const b6 = doc.devices.filter((d) => d.type === 'info_screen' && d.placement.kind === 'building' && d.placement.buildingId === 'b6').map((d) => d.id);
    await online(YG, b6);
    const old = await call(srv.url, `/compounds/${YG}/broadcasts`, { as: officer, body: notice('water_cut') });
    await deliverAll();
    const newer = await call(srv.url, `/compounds/${YG}/broadcasts`, { as: officer, body: notice('evacuation', { level: 'emergency' }) });
    await deliverAll();
    const stop = await call(srv.url, `/broadcasts/${old.body.id}/stop`, { as: officer, body: {} });
    expect(stop.status).toBe(201);
    expect(stop.body.commands).toEqual([]);
    const shown = (await call(srv.url, `/compounds/${YG}/screens`, { as: officer })).body.screens.filter((s: { deviceId: string }) => b6.includes(s.deviceId));
    expect(shown.map((s: { commandId: number }) => s.commandId).sort()).toEqual(newer.body.commands.map((c: DeviceCommand) => c.id).sort());
    expect((await call(srv.url, `/broadcasts/${old.body.id}/stop`, { as: officer, body: {} })).status).toBe(409);
    // a scheduled one stopped before it went out: withdrawn, never retried, never handed to a gateway
    const later = await call(srv.url, `/compounds/${YG}/broadcasts`, { as: officer, body: notice('power_cut', { at: Date.now() + 3_600_000 }) });
    expect(later.status).toBe(201);
    expect((await ack(later.body.commands[0].id, { ok: true })).status).toBe(404);
    expect((await call(srv.url, `/broadcasts/${later.body.id}/stop`, { as: officer, body: {} })).status).toBe(201);
    const retry = await call(srv.url, `/broadcasts/${later.body.id}/retry`, { as: officer, body: {} });
    expect([retry.status, retry.body.error]).toEqual([409, expect.stringMatching(/was stopped/)]);
    expect((await poll()).body.commands.filter((c: { id: number }) => later.body.commands.some((x: DeviceCommand) => x.id === c.id))).toEqual([]);
  });

  it('parallel retries of one failed command make one new command; a requestId reused with another body is 409', async () => {
    const off = doc.devices.find((d) => d.type === 'info_screen' && !srv.app.twins.get(YG)!.live.states.get(d.id)!.lastSeen)!.id;
    const c = await call(srv.url, `/compounds/${YG}/commands`, { as: officer, body: { deviceId: off, type: 'screen_clear', requestId: 'reuse-req-0001' } });
    expect(c.status).toBe(201);
    await until(
      () => call(srv.url, `/commands/${c.body.id}`, { as: officer }),
      (x) => x.body.state === 'failed',
    );
    const tries = await Promise.all([1, 2, 3, 4].map(() => call(srv.url, `/commands/${c.body.id}/retry`, { as: officer, body: {} })));
    expect(tries.map((t) => t.status).sort()).toEqual([201, 409, 409, 409]);
    const reuse = await call(srv.url, `/compounds/${YG}/commands`, {
      as: officer,
      body: { deviceId: 'yg-b4-u1-access', type: 'gate_open', reason: 'fire engine', requestId: 'reuse-req-0001' },
    });
    expect([reuse.status, reuse.body.error]).toEqual([409, expect.stringMatching(/requestId: "reuse-req-0001" was already used for a different request/)]);
  });
});

describe('replay and audit', () => {
  it('replay shows the broadcast in the timeline and its commands at t; the audit log has every action', async () => {
    const now = Date.now();
    const tl = await call(srv.url, `/compounds/${YG}/timeline?from=${now - 3_600_000}&to=${now + 1000}`, { as: officer });
    expect(tl.status, JSON.stringify(tl.body)).toBe(200);
    const b = tl.body.events.filter((e: { kind: string }) => e.kind === 'broadcast');
    expect(
      b.find((e: { action: string; label: string; severity: string }) => e.action === 'sent' && e.label === evac.title.zh && e.severity === 'emergency'),
    ).toBeTruthy();
    expect(b.some((e: { action: string }) => e.action === 'stopped')).toBe(true);
    const cmds = tl.body.events.filter((e: { kind: string }) => e.kind === 'command');
    expect(
      cmds.some(
        (e: { action: string; label: string; deviceId: string }) =>
          e.action === 'gate_open' && e.label === 'ambulance at the door' && e.deviceId === 'yg-b4-u2-access',
      ),
    ).toBe(true);
    const st = await call(srv.url, `/compounds/${YG}/state-at?t=${now}`, { as: officer });
    expect(st.status).toBe(200);
    const acked = st.body.commands.filter((c: { state: string; broadcastId: number | null }) => c.state === 'acknowledged' && c.broadcastId !== null);
    expect(acked.length).toBeGreaterThan(5);
    // a moment before anything was sent: every command of then is queued
    const first = (await srv.db.query<{ t: number }>('select extract(epoch from min(created_at)) * 1000 as t from device_commands')).rows[0].t;
    const early = await call(srv.url, `/compounds/${YG}/state-at?t=${Math.ceil(Number(first))}`, { as: officer });
    expect(early.body.commands.length).toBeGreaterThan(0);
    expect(early.body.commands.every((c: { state: string }) => c.state === 'queued')).toBe(true);

    await srv.app.security.audit.idle();
    const audit = await srv.db.query<{ action: string; actor: string; detail: Record<string, unknown> }>(
      `select action, actor, detail from audit_log where action like 'broadcast.%' or action like 'command.%' order by id`,
    );
    const actions = new Set(audit.rows.map((x) => x.action));
    expect(actions).toEqual(new Set(['broadcast.send', 'broadcast.stop', 'broadcast.retry', 'command.send', 'command.retry']));
    const send = audit.rows.find((x) => x.action === 'broadcast.send' && x.actor === 'officer-yaguang')!;
    const detail = typeof send.detail === 'string' ? JSON.parse(send.detail) : send.detail;
    expect(detail).toEqual(expect.objectContaining({ compoundId: YG, channels: ['speaker', 'screen'], level: 'emergency', title: evac.title.zh }));
    expect(detail.devices).toBeGreaterThan(5);
    const gate = audit.rows.find((x) => x.action === 'command.send')!;
    expect(typeof gate.detail === 'string' ? JSON.parse(gate.detail) : gate.detail).toEqual(
      expect.objectContaining({ type: 'gate_open', reason: 'ambulance at the door', deviceId: 'yg-b4-u2-access' }),
    );
  });
});
