import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SNAPSHOT_BYTES, type Alarm, type StateAt, type Timeline } from '../../models';
import { loadRules } from '../alarms/rules';
import { AiEventPlan, FIRST_AFTER_MS, SNAPSHOT_H, SNAPSHOT_W, snapshotPng } from '../simulator/aiEvents';
import { ROOT, startTestServer, type TestServer } from '../testing/startTestServer';
import { call, type TestAuth } from '../testing/testAuth';
import { MAX_CAMERA_EVENT_BATCH } from './cameraEvents.service';
import { CAMERA_EVENT_ROW_DAYS, pruneCameraEvents, SNAPSHOT_RETENTION_DAYS } from '../db/cameraEvents.repo';
import { Simulator } from '../simulator/simulator';

const A = 'yaguang-xincun';
const B = 'sanhe-guanggu';
const CAM_A = 'yg-b1-u1-cam';
const CAM_A2 = 'yg-b1-u2-cam';
const CAM_B = 'sg-b1-u1-cam';

let srv: TestServer;
let officerA: TestAuth;
let officerB: TestAuth;

const png = (seed = 1) => snapshotPng('thrown_object', seed);
const b64 = (b: Buffer) => b.toString('base64');

async function post(events: unknown[], key = srv.key(A)) {
  const res = await fetch(`${srv.url}/api/v1/ingest/camera-events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify({ events }),
  });
  return {
    status: res.status,
    body: (await res.json()) as { accepted: number; duplicates: number; rejected: { index: number; reason: string }[]; error?: string },
  };
}

async function alarmOf(deviceId: string, ruleId: string): Promise<Alarm | undefined> {
  const r = await call(srv.url, `/alarms?compoundId=${A}&deviceId=${deviceId}&state=all`, { as: officerA });
  expect(r.status).toBe(200);
  return (r.body as Alarm[]).find((a) => a.ruleId === ruleId);
}

async function counts() {
  const r = await srv.db.query<{ e: number; a: number; s: number }>(
    `select (select count(*)::int from camera_events) as e, (select count(*)::int from alarms) as a, (select count(*)::int from camera_events where snapshot is not null) as s`,
  );
  return r.rows[0];
}

beforeAll(async () => {
  srv = await startTestServer({ tickMs: 3_600_000 });
  officerA = await srv.login('officer-yaguang');
  officerB = await srv.login('officer-sanhe');
}, 120_000);

afterAll(async () => {
  await srv?.close();
});

describe('camera AI events → alarms with snapshots', () => {
  let alarm: Alarm;
  const at = Date.now() - 10_000;
  const image = png(7);

  it('when a camera reports an event with a PNG snapshot, then the rule raises its alarm carrying the snapshot info', async () => {
    const r = await post([
      { deviceId: CAM_A, kind: 'thrown_object', at: new Date(at).toISOString(), confidence: 0.91, snapshot: { contentType: 'image/png', data: b64(image) } },
    ]);
    expect(r).toEqual({ status: 200, body: { accepted: 1, duplicates: 0, rejected: [] } });
    alarm = (await alarmOf(CAM_A, 'camera.thrown_object'))!;
    expect(alarm).toMatchObject({ severity: 'major', deviceId: CAM_A, active: true, count: 1, value: expect.closeTo(0.91, 5), raisedAt: at });
    expect(alarm.snapshot).toEqual({ contentType: 'image/png', bytes: image.length, at });
    // the single-alarm read and the live working set carry it too
    expect((await call(srv.url, `/alarms/${alarm.id}`, { as: officerA })).body.snapshot).toEqual(alarm.snapshot);
    expect(srv.app.twins.get(A)!.alarms.get(alarm.id)?.snapshot).toEqual(alarm.snapshot);
  });

  it('when officer-yaguang asks for the snapshot, then the same bytes come back as an image with the safe headers; officer-sanhe gets 404', async () => {
    const res = await fetch(`${srv.url}/api/v1/alarms/${alarm.id}/snapshot`, { headers: officerA.headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(res.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
    expect(Buffer.from(await res.arrayBuffer()).equals(image)).toBe(true);
    const other = await fetch(`${srv.url}/api/v1/alarms/${alarm.id}/snapshot`, { headers: officerB.headers });
    expect(other.status).toBe(404);
    expect(await other.text()).not.toContain('PNG');
    expect((await fetch(`${srv.url}/api/v1/alarms/${alarm.id}/snapshot`)).status).toBe(401);
  });

  it('when an alarm has no snapshot (an event without one, or a smoke alarm), then its snapshot is null and the image 404', async () => {
    const r = await post([{ deviceId: CAM_A2, kind: 'loitering', at: Date.now() - 5_000 }]);
    expect(r.body.accepted).toBe(1);
    const a = (await alarmOf(CAM_A2, 'camera.loitering'))!;
    expect(a).toMatchObject({ severity: 'minor', snapshot: null, value: null });
    const res = await call(srv.url, `/alarms/${a.id}/snapshot`, { as: officerA });
    expect(res.status).toBe(404);
    expect(res.body.error).toMatch(/no snapshot/);
  });

  it('when the same (device, kind, at) comes again, then it is a duplicate and the alarm is not raised or counted twice', async () => {
    const before = await counts();
    const r = await post([{ deviceId: CAM_A, kind: 'thrown_object', at, snapshot: { contentType: 'image/png', data: b64(png(8)) } }]);
    expect(r).toEqual({ status: 200, body: { accepted: 0, duplicates: 1, rejected: [] } });
    expect(await counts()).toEqual(before);
    expect(await alarmOf(CAM_A, 'camera.thrown_object')).toMatchObject({ id: alarm.id, count: 1, snapshot: alarm.snapshot });
    // twice in one batch: one stored, one duplicate
    const at2 = at + 1;
    const twice = await post([
      { deviceId: CAM_A, kind: 'illegal_parking', at: at2 },
      { deviceId: CAM_A, kind: 'illegal_parking', at: at2 },
    ]);
    expect(twice.body).toEqual({ accepted: 1, duplicates: 1, rejected: [] });
    expect(await alarmOf(CAM_A, 'camera.illegal_parking')).toMatchObject({ count: 1, severity: 'warning' });
  });

  it('when the event repeats later on the open alarm, then the alarm counts up and shows the latest snapshot (an older one does not replace it); it keeps its first and latest images only', async () => {
    const newer = png(9);
    const r = await post([{ deviceId: CAM_A, kind: 'thrown_object', at: at + 5_000, snapshot: { contentType: 'image/png', data: b64(newer) } }]);
    expect(r.body.accepted).toBe(1);
    const a = (await alarmOf(CAM_A, 'camera.thrown_object'))!;
    expect(a).toMatchObject({ id: alarm.id, count: 2, snapshot: { contentType: 'image/png', bytes: newer.length, at: at + 5_000 } });
    const older = await post([{ deviceId: CAM_A, kind: 'thrown_object', at: at - 5_000, snapshot: { contentType: 'image/png', data: b64(png(10)) } }]);
    expect(older.body.accepted).toBe(1);
    expect((await alarmOf(CAM_A, 'camera.thrown_object'))!).toMatchObject({ count: 3, snapshot: { at: at + 5_000, bytes: newer.length } });
    const res = await fetch(`${srv.url}/api/v1/alarms/${alarm.id}/snapshot`, { headers: officerA.headers });
    expect(Buffer.from(await res.arrayBuffer()).equals(newer)).toBe(true);
    // of the three images, the first taken (at - 5 s) and the latest (at + 5 s) are kept: the one in between is dropped
    const kept = await srv.db.query<{ at: number }>(
      `select extract(epoch from at) * 1000 as at from camera_events where alarm_id = $1 and snapshot is not null order by at`,
      [alarm.id],
    );
    expect(kept.rows.map((r) => Math.round(Number(r.at)))).toEqual([at - 5_000, at + 5_000]);
  });

  it('when replayed, then state-at carries the snapshot taken by then and the timeline marks the raise with it', async () => {
    const admin = await srv.login('admin');
    const st = (await call(srv.url, `/compounds/${A}/state-at?t=${at + 6_000}`, { as: admin })).body as StateAt;
    const inReplay = st.alarms.find((a) => a.id === alarm.id)!;
    expect(inReplay.snapshot).toMatchObject({ contentType: 'image/png', at: at + 5_000 });
    // between two images, the earlier one shows: the latest (at + 5 s) would show the future
    const early = (await call(srv.url, `/compounds/${A}/state-at?t=${at + 1_000}`, { as: admin })).body as StateAt;
    expect(early.alarms.find((a) => a.id === alarm.id)?.snapshot).toMatchObject({ at: at - 5_000 });
    // the raise mark shows the image taken at or before the raise, never a later repeat's
    const tl = (await call(srv.url, `/compounds/${A}/timeline?from=${at - 60_000}&to=${at + 60_000}`, { as: admin })).body as Timeline;
    const mark = tl.events.find((e) => e.kind === 'alarm' && e.id === alarm.id && e.action === 'raised')!;
    expect(mark.snapshot).toMatchObject({ contentType: 'image/png', at: at - 5_000 });
  });

  it('when the snapshot is asked for with ?at=, then the newest image taken at or before it comes back; none before the first is 404; junk is 400', async () => {
    const image = async (q: string) => {
      const res = await fetch(`${srv.url}/api/v1/alarms/${alarm.id}/snapshot${q}`, { headers: officerA.headers });
      return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), modified: res.headers.get('last-modified') };
    };
    const between = await image(`?at=${at + 1_000}`);
    expect(between.status).toBe(200);
    expect(between.bytes.equals(png(10))).toBe(true);
    expect(between.modified).toBe(new Date(at - 5_000).toUTCString());
    expect((await image(`?at=${at + 5_000}`)).bytes.equals(png(9))).toBe(true);
    expect((await image(`?at=${encodeURIComponent(new Date(at + 9_000).toISOString())}`)).bytes.equals(png(9))).toBe(true);
    const before = await call(srv.url, `/alarms/${alarm.id}/snapshot?at=${at - 6_000}`, { as: officerA });
    expect(before.status).toBe(404);
    expect(before.body.error).toMatch(/no snapshot taken at or before/);
    for (const q of ['?at=soon', '?at=-5', '?at=1.5', '?at=1&at=2', '?when=1']) {
      const r = await call(srv.url, `/alarms/${alarm.id}/snapshot${q}`, { as: officerA });
      expect(r.status, q).toBe(400);
      expect(r.body.error, q).toMatch(/^query/);
    }
    // officer-sanhe learns nothing, whatever the moment
    expect((await fetch(`${srv.url}/api/v1/alarms/${alarm.id}/snapshot?at=${at}`, { headers: officerB.headers })).status).toBe(404);
  });
});

/** A database fault for the tests: every `op` ('insert' or 'update') on camera_events fails until `heal()`. */
async function breakCameraEvents(op: 'insert' | 'update'): Promise<() => Promise<void>> {
  await srv.db.query(`create or replace function camera_events_fault() returns trigger language plpgsql as $$ begin raise exception 'injected fault'; end $$`);
  await srv.db.query(`create trigger camera_events_fault before ${op} on camera_events for each row execute function camera_events_fault()`);
  return async () => void (await srv.db.query(`drop trigger camera_events_fault on camera_events`));
}

describe('a camera event whose alarm fails to be written', () => {
  let cam: string;
  const t0 = Date.now() - 20_000;
  const ev = (at: number, seed: number) => ({ deviceId: cam, kind: 'thrown_object', at, snapshot: { contentType: 'image/png', data: b64(png(seed)) } });
  const pending = async () =>
    (
      await srv.db.query<{ at: number }>(
        `select extract(epoch from at) * 1000 as at from camera_events where device_id = $1 and evaluated_at is null order by at`,
        [cam],
      )
    ).rows.map((r) => Math.round(Number(r.at)));

  beforeAll(() => {
    cam = srv.app.twins.get(A)!.entry.doc.devices.find((d) => d.type === 'camera' && ![CAM_A, CAM_A2].includes(d.id))!.id;
  });

  it('when linking the event to its alarm fails, then the client gets 503 + Retry-After, nothing of the alarm is kept, and the retry raises it', async () => {
    const heal = await breakCameraEvents('update');
    try {
      const res = await fetch(`${srv.url}/api/v1/ingest/camera-events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': srv.key(A) },
        body: JSON.stringify({ events: [ev(t0, 21)] }),
      });
      expect(res.status).toBe(503);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await res.json()) as { error: string }).error).toMatch(/^events stored, but their alarms could not be raised now: retry/);
      // the raise's transaction rolled back: no alarm row, none in memory; the event waits, not evaluated
      expect(await alarmOf(cam, 'camera.thrown_object')).toBeUndefined();
      expect([...srv.app.twins.get(A)!.alarms.values()].filter((a) => a.deviceId === cam)).toEqual([]);
      expect(await pending()).toEqual([t0]);
      // a second event meanwhile fails the same way (not on the one-active-alarm index)
      expect((await post([ev(t0 + 1_000, 22)])).status).toBe(503);
    } finally {
      await heal();
    }
    // the client's retry is a duplicate, and is evaluated again
    expect(await post([ev(t0, 21)])).toEqual({ status: 200, body: { accepted: 0, duplicates: 1, rejected: [] } });
    const a = (await alarmOf(cam, 'camera.thrown_object'))!;
    expect(a).toMatchObject({ count: 1, raisedAt: t0, snapshot: { at: t0 } });
    // and the rule is not wedged: a new event repeats the alarm
    expect((await post([ev(t0 + 2_000, 23)])).body.accepted).toBe(1);
    expect(await alarmOf(cam, 'camera.thrown_object')).toMatchObject({ id: a.id, count: 2, snapshot: { at: t0 + 2_000 } });
    // evaluating it again changes nothing
    expect((await post([ev(t0, 21)])).body.duplicates).toBe(1);
    expect(await alarmOf(cam, 'camera.thrown_object')).toMatchObject({ id: a.id, count: 2 });
  });

  it('when nobody retries, then the sweep evaluates the event a minute after it was stored, and not before', async () => {
    expect(await pending()).toEqual([t0 + 1_000]);
    expect(await srv.app.cameraEvents.sweep(Date.now())).toBe(0);
    await srv.db.query(`update camera_events set received_at = now() - interval '61 seconds' where device_id = $1 and evaluated_at is null`, [cam]);
    expect(await srv.app.cameraEvents.sweep(Date.now())).toBe(1);
    expect(await pending()).toEqual([]);
    expect(await alarmOf(cam, 'camera.thrown_object')).toMatchObject({ count: 3 });
  });
});

describe('the simulator after a failed pass', () => {
  it('when ingesting its AI events fails, then the next pass sends them again', async () => {
    const logs: string[] = [];
    const sim = new Simulator(srv.app.twins, srv.app.ingest, { seed: 7 }, (m) => logs.push(m));
    sim.cameraEvents = srv.app.cameraEvents;
    const start = Date.now() - 10 * 60_000;
    sim.begin(start);
    await sim.step(start);
    const heal = await breakCameraEvents('insert');
    try {
      await sim.step(start + FIRST_AFTER_MS + 1_000);
    } finally {
      await heal();
    }
    expect(logs.join('\n')).toMatch(/will retry next pass/);
    expect(sim.aiEventsSent).toBe(0);
    // each compound's first event, lost before the fix
    await sim.step(start + FIRST_AFTER_MS + 2_000);
    expect(sim.aiEventsSent).toBe(2);
    const stored = await srv.db.query<{ c: string }>(`select compound_id as c from camera_events where at = to_timestamp($1 / 1000.0) order by 1`, [
      start + FIRST_AFTER_MS,
    ]);
    expect(stored.rows.map((r) => r.c)).toEqual([B, A]);
  });
});

describe('snapshots nobody needs', () => {
  let other: TestServer;
  const dir = mkdtempSync(join(tmpdir(), 'ai-events-norule-'));
  beforeAll(async () => {
    // the default rules without camera.loitering: a loitering event raises nothing
    const doc = JSON.parse(readFileSync(join(ROOT, 'data/rules/default.json'), 'utf8')) as { rules: { id: string }[] };
    doc.rules = doc.rules.filter((r) => r.id !== 'camera.loitering');
    writeFileSync(join(dir, 'rules.json'), JSON.stringify(doc));
    other = await startTestServer({ tickMs: 3_600_000, rulesFile: join(dir, 'rules.json') });
  }, 120_000);
  afterAll(async () => {
    await other?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const send = async (events: unknown[]) =>
    (
      await fetch(`${other.url}/api/v1/ingest/camera-events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': other.key(A) },
        body: JSON.stringify({ events }),
      })
    ).json();
  const images = async () =>
    (await other.db.query<{ kind: string; has: boolean }>(`select kind, snapshot is not null as has from camera_events order by at`)).rows.map((r) => [
      r.kind,
      r.has,
    ]);

  it('when an event raises no alarm (no rule for its kind), then it is stored as evaluated without its image', async () => {
    expect(await send([{ deviceId: CAM_A, kind: 'loitering', at: Date.now() - 1_000, snapshot: { contentType: 'image/png', data: b64(png(30)) } }])).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: [],
    });
    const r = await other.db.query<{ has: boolean; evaluated: boolean; alarm_id: number | null }>(
      `select snapshot is not null as has, evaluated_at is not null as evaluated, alarm_id from camera_events where kind = 'loitering'`,
    );
    expect(r.rows).toEqual([{ has: false, evaluated: true, alarm_id: null }]);
  });

  it('when the retention runs, then images of closed alarms older than 90 days go, those of open alarms stay, and old rows without images go after 400 days', async () => {
    const now = Date.now();
    const old = now - (SNAPSHOT_RETENTION_DAYS + 5) * 86_400_000;
    await send([
      { deviceId: CAM_A, kind: 'thrown_object', at: old, snapshot: { contentType: 'image/png', data: b64(png(31)) } },
      { deviceId: CAM_A2, kind: 'fence_intrusion', at: old + 1, snapshot: { contentType: 'image/png', data: b64(png(32)) } },
      { deviceId: CAM_A2, kind: 'illegal_parking', at: now - 500, snapshot: { contentType: 'image/png', data: b64(png(33)) } },
    ]);
    const admin = await other.login('admin');
    const list = (await call(other.url, `/alarms?compoundId=${A}&state=all`, { as: admin })).body as Alarm[];
    const closing = list.find((a) => a.ruleId === 'camera.thrown_object')!;
    expect(closing.snapshot).toMatchObject({ at: old });
    const cleared = await call(other.url, `/alarms/${closing.id}/clear`, { as: admin, method: 'POST', body: { comment: 'seen, a bag' } });
    expect(cleared.status).toBe(200);
    expect(await pruneCameraEvents(other.db, now)).toEqual([1, 0]);
    expect(await images()).toEqual([
      ['thrown_object', false],
      ['fence_intrusion', true],
      ['loitering', false],
      ['illegal_parking', true],
    ]);
    // its alarm's snapshot is gone with it
    expect((await call(other.url, `/alarms/${closing.id}`, { as: admin })).body.snapshot).toBeNull();
    // 400 days on, the imageless rows go; the open alarm's images stay
    const [, rows] = await pruneCameraEvents(other.db, now + CAMERA_EVENT_ROW_DAYS * 86_400_000);
    expect(rows).toBe(2);
    expect(await images()).toEqual([
      ['fence_intrusion', true],
      ['illegal_parking', true],
    ]);
  });
});

describe('bad camera events', () => {
  it('when every item is bad, then each gets its index and reason, the batch answers 422 and nothing is written', async () => {
    const before = await counts();
    const now = Date.now();
    const big = Buffer.alloc(MAX_SNAPSHOT_BYTES + 1);
    png().copy(big);
    const r = await post([
      { deviceId: CAM_A, kind: 'thrown_object', at: now, snapshot: { contentType: 'image/png', data: 'not base64!!' } },
      { deviceId: CAM_A, kind: 'thrown_object', at: now, snapshot: { contentType: 'image/png', data: b64(Buffer.from('GIF89a hello there')) } },
      { deviceId: CAM_A, kind: 'thrown_object', at: now, snapshot: { contentType: 'image/jpeg', data: b64(png()) } },
      { deviceId: CAM_A, kind: 'thrown_object', at: now, snapshot: { contentType: 'image/png', data: b64(big) } },
      { deviceId: 'yg-env-1', kind: 'thrown_object', at: now },
      { deviceId: CAM_B, kind: 'thrown_object', at: now },
      { deviceId: CAM_A, kind: 'alien_landing', at: now },
      { deviceId: CAM_A, kind: 'loitering', at: 'yesterday' },
      { deviceId: CAM_A, kind: 'loitering', at: now + 3_600_000 },
      { deviceId: CAM_A, kind: 'loitering', at: now, confidence: 7 },
      { deviceId: CAM_A, kind: 'loitering', at: now, snapshot: { contentType: 'image/gif', data: 'R0lGODlh' } },
      'an event',
    ]);
    expect(r.status).toBe(422);
    const reasons = Object.fromEntries(r.body.rejected.map((x) => [x.index, x.reason]));
    expect(Object.keys(reasons).map(Number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(reasons[0]).toMatch(/^snapshot\.data: not base64/);
    expect(reasons[1]).toMatch(/^snapshot\.data: not a JPEG .* or PNG/);
    expect(reasons[2]).toMatch(/^snapshot\.contentType: says image\/jpeg but the data is image\/png/);
    expect(reasons[3]).toMatch(new RegExp(`^snapshot\\.data: .*${MAX_SNAPSHOT_BYTES} bytes`));
    expect(reasons[4]).toMatch(/^deviceId: "yg-env-1" is a env_sensor, not a camera/);
    expect(reasons[5]).toMatch(/^deviceId: unknown device "sg-b1-u1-cam" in this compound/);
    expect(reasons[6]).toMatch(/^kind: /);
    expect(reasons[7]).toMatch(/^at: /);
    expect(reasons[8]).toMatch(/^at: .* is in the future/);
    expect(reasons[9]).toMatch(/^confidence: /);
    expect(reasons[10]).toMatch(/^snapshot\.contentType: /);
    expect(reasons[11]).toMatch(/^item must be an object/);
    expect(await counts()).toEqual(before);
  });

  it('when a batch mixes good and bad items, then the good ones are stored and the bad ones named', async () => {
    const r = await post([
      { deviceId: CAM_A2, kind: 'fence_intrusion', at: Date.now() },
      { deviceId: CAM_A2, kind: 'fence_intrusion', at: Date.now(), snapshot: { contentType: 'image/png', data: 'AAAA' } },
    ]);
    expect(r.status).toBe(200);
    expect(r.body.accepted).toBe(1);
    expect(r.body.rejected).toEqual([{ index: 1, reason: expect.stringMatching(/^snapshot\.data: not a JPEG/) }]);
    expect(await alarmOf(CAM_A2, 'camera.fence_intrusion')).toMatchObject({ severity: 'major' });
  });

  it('when the batch is too long, too large for the body limit, not a batch, or the key is missing or wrong, then a clear 4xx and nothing is written', async () => {
    const before = await counts();
    const many = Array.from({ length: MAX_CAMERA_EVENT_BATCH + 1 }, (_, i) => ({ deviceId: CAM_A, kind: 'loitering', at: Date.now() - i }));
    const long = await post(many);
    expect(long.status).toBe(413);
    expect(long.body.error).toBe(`events: ${MAX_CAMERA_EVENT_BATCH + 1} items; at most ${MAX_CAMERA_EVENT_BATCH} a batch`);
    // 9 snapshots of 500 KB: under the batch limit, over the 4 MB body limit
    const half = Buffer.alloc(500_000);
    png().copy(half);
    const heavy = Array.from({ length: 9 }, (_, i) => ({
      deviceId: CAM_A,
      kind: 'loitering',
      at: Date.now() - i,
      snapshot: { contentType: 'image/png', data: b64(half) },
    }));
    const tooBig = await post(heavy);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error).toMatch(/^request body too large: .*at most 4194304/);
    const notBatch = await fetch(`${srv.url}/api/v1/ingest/camera-events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': srv.key(A) },
      body: JSON.stringify([{ deviceId: CAM_A, kind: 'loitering', at: Date.now() }]),
    });
    expect(notBatch.status).toBe(400);
    expect((await post([{ deviceId: CAM_A, kind: 'loitering', at: Date.now() }], 'no-such-key')).status).toBe(401);
    const noKey = await fetch(`${srv.url}/api/v1/ingest/camera-events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"events":[]}',
    });
    expect(noKey.status).toBe(401);
    expect(await counts()).toEqual(before);
  });

  it("when compound B's key sends A's camera, then it is unknown there: the key's compound is the only one it writes", async () => {
    const r = await post([{ deviceId: CAM_A, kind: 'loitering', at: Date.now() }], srv.key(B));
    expect(r.status).toBe(422);
    expect(r.body.rejected[0].reason).toMatch(/unknown device "yg-b1-u1-cam"/);
  });
});

describe('camera_event rules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ai-events-rules-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (rule: Record<string, unknown>) => {
    const p = join(dir, `r${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(p, JSON.stringify({ rules: [rule] }));
    return p;
  };
  const base = { id: 'cam.x', kind: 'camera_event', deviceType: 'camera', event: 'loitering', severity: 'minor', message: { zh: '徘徊', en: 'Loitering' } };

  it('when the default rules load, then each camera event kind maps to one alarm with its severity, standing until cleared', () => {
    const rules = loadRules(join(ROOT, 'data/rules/default.json')).filter((r) => r.kind === 'camera_event');
    expect(Object.fromEntries(rules.map((r) => [r.kind === 'camera_event' && r.event, r.severity]))).toEqual({
      fire_smoke: 'critical',
      thrown_object: 'major',
      fence_intrusion: 'major',
      loitering: 'minor',
      illegal_parking: 'warning',
    });
    for (const r of rules) expect(r).toMatchObject({ autoClear: false, latch: false, deviceType: 'camera' });
    expect(readFileSync(join(ROOT, 'data/rules/default.json'), 'utf8')).toContain('"kind": "camera_event"');
  });

  it('when a camera_event rule names an unknown event, another device type or auto-clearing, then loading fails naming the field', () => {
    expect(loadRules(write(base))[0]).toMatchObject({ kind: 'camera_event', event: 'loitering', autoClear: false, latch: false });
    expect(() => loadRules(write({ ...base, event: 'alien_landing' }))).toThrow(/rules\[0\]\.event/);
    expect(() => loadRules(write({ ...base, deviceType: 'smoke_detector' }))).toThrow(/rules\[0\]\.deviceType/);
    expect(() => loadRules(write({ ...base, autoClear: true }))).toThrow(/rules\[0\]\.autoClear/);
    expect(() => loadRules(write({ ...base, metric: 'smoke' }))).toThrow(/metric/);
  });
});

describe('the simulator’s AI events', () => {
  it('when a snapshot is generated, then it is a decodable 160×90 PNG', () => {
    const p = snapshotPng('fire_smoke', 42);
    expect(p.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(p.toString('ascii', 12, 16)).toBe('IHDR');
    expect([p.readUInt32BE(16), p.readUInt32BE(20)]).toEqual([SNAPSHOT_W, SNAPSHOT_H]);
    expect([p[24], p[25]]).toEqual([8, 2]);
    // every chunk in order, the image data inflating to 90 rows of filter byte + 160 RGB pixels
    let o = 8;
    const idat: Buffer[] = [];
    const types: string[] = [];
    while (o < p.length) {
      const len = p.readUInt32BE(o);
      const type = p.toString('ascii', o + 4, o + 8);
      types.push(type);
      if (type === 'IDAT') idat.push(p.subarray(o + 8, o + 8 + len));
      o += 12 + len;
    }
    expect(types).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(inflateSync(Buffer.concat(idat)).length).toBe((SNAPSHOT_W * 3 + 1) * SNAPSHOT_H);
    expect(p.length).toBeLessThan(20_000);
  });

  it('when the demo starts, then a first event with a snapshot comes soon after, and the events pass ingest and raise alarms', async () => {
    const devices = srv.app.twins.get(A)!.entry.doc.devices;
    const start = Date.now() - 30 * 60_000;
    const plan = new AiEventPlan(A, devices, 20_250_601, start);
    expect(plan.due(start + FIRST_AFTER_MS - 1)).toEqual([]);
    const first = plan.due(start + FIRST_AFTER_MS + 1_000);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ kind: 'thrown_object', at: start + FIRST_AFTER_MS, snapshot: { contentType: 'image/png' } });
    // not sent yet (the pass failed): due again
    expect(plan.due(start + FIRST_AFTER_MS + 1_000)).toEqual(first);
    plan.sent(start + FIRST_AFTER_MS + 1_000);
    const rest = plan.due(start + 30 * 60_000);
    expect(rest.length).toBeGreaterThanOrEqual(5);
    expect(rest.length).toBeLessThanOrEqual(7);
    // the same seed plays the same events
    const again = new AiEventPlan(A, devices, 20_250_601, start);
    expect(again.due(start + 30 * 60_000).map((e) => [e.deviceId, e.kind, e.at])).toEqual([...first, ...rest].map((e) => [e.deviceId, e.kind, e.at]));
    const r = await post([...first, ...rest]);
    expect(r.status).toBe(200);
    expect(r.body.rejected).toEqual([]);
    const a = (await alarmOf(first[0].deviceId, 'camera.thrown_object'))!;
    expect(a.snapshot?.contentType).toBe('image/png');
  });
});
