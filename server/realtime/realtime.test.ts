import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { TwinClient } from '../testing/twinClient';

const Y = 'yaguang-xincun';
const HYDRANT = 'yg-b1-u1-f6-hydrant';
let srv: TestServer;
const clients: TwinClient[] = [];

async function ingest(readings: unknown[]) {
  const res = await fetch(`${srv.url}/api/v1/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': srv.key(Y) },
    body: JSON.stringify({ readings }),
  });
  expect(res.status).toBe(200);
  return res.json();
}

async function client(): Promise<TwinClient> {
  const c = await new TwinClient(srv.url, { token: (await srv.login()).token }).connect();
  clients.push(c);
  return c;
}

/** Two readings 31 s apart below 0.15 MPa: the low-pressure rule (30 s) fires on the second. */
async function dropPressure(deviceId: string, t0: number) {
  await ingest([
    { deviceId, metric: 'pressure_mpa', ts: t0, value: 0.05 },
    { deviceId, metric: 'pressure_mpa', ts: t0 + 31_000, value: 0.06 },
  ]);
}

beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => {
  for (const c of clients) c.close();
  await srv?.close();
});

describe('realtime feed on /twin', () => {
  it('when a client joins, then it gets a snapshot and then live reading batches', async () => {
    const c = await client();
    const r = await c.join(Y);
    expect(r.ok).toBe(true);
    const snap = await c.waitFor('twin:snapshot');
    expect(snap.compoundId).toBe(Y);
    expect(snap.devices.length).toBe(2007);
    expect(snap.kpis.devicesTotal).toBe(2007);
    await ingest([{ deviceId: 'yg-b2-em', metric: 'power_kw', ts: Date.now() - 1000, value: 3.25 }]);
    const batch = await c.waitFor('reading:batch', (b) => b.readings.some((t: any) => t[0] === 'yg-b2-em' && t[3] === 3.25));
    expect(batch.seq).toBeGreaterThan(snap.seq);
  });

  it('when readings arrive faster than 4 per second, then batches are coalesced to the latest value', async () => {
    const c = await client();
    await c.join(Y);
    const t0 = Date.now() - 100_000;
    for (let i = 0; i < 10; i++) await ingest([{ deviceId: 'yg-b3-em', metric: 'power_kw', ts: t0 + i * 1000, value: i }]);
    await c.waitFor('reading:batch', (b) => b.readings.some((t: any) => t[0] === 'yg-b3-em' && t[3] === 9));
    const seen = c.of('reading:batch').flatMap((b) => b.readings.filter((t: any) => t[0] === 'yg-b3-em'));
    expect(seen.length).toBeLessThan(10);
  });

  it('when a reading crosses a rule, then every client gets the alarm, and an acknowledgement through REST reaches every client', async () => {
    const a = await client();
    const b = await client();
    await a.join(Y);
    await b.join(Y);
    await dropPressure(HYDRANT, Date.now() - 60_000);
    const [ra, rb] = await Promise.all([a, b].map((c) => c.waitFor('alarm:raised', (e) => e.alarm.deviceId === HYDRANT, 1_000)));
    expect(ra.alarm.ruleId).toBe('hydrant.low_pressure');
    expect(ra.alarm.severity).toBe('critical');
    expect(rb.alarm.id).toBe(ra.alarm.id);
    await a.waitFor('device:status', (e) => e.changes.some((x: any) => x.deviceId === HYDRANT && x.status === 'alarm'));

    const res = await fetch(`${srv.url}/api/v1/alarms/${ra.alarm.id}/ack`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await srv.login()).headers },
      body: JSON.stringify({ comment: 'crew sent to check the riser' }),
    });
    expect(res.status).toBe(200);
    for (const c of [a, b]) {
      const up = await c.waitFor('alarm:updated', (e) => e.alarm.id === ra.alarm.id && e.alarm.acknowledged);
      expect(up.alarm.ackComment).toBe('crew sent to check the riser');
    }
  });

  it('when a client is cut off and rejoins with its last seq, then it misses no alarm', async () => {
    const c = await client();
    await c.join(Y);
    await c.waitFor('twin:snapshot');
    const lastSeq = c.lastSeq;
    c.close();
    await dropPressure('yg-b2-u1-f6-hydrant', Date.now() - 50_000);
    await ingest([{ deviceId: 'yg-b4-u1-f1-smoke', metric: 'smoke', ts: Date.now() - 2_000, value: 1 }]);
    const back = await client();
    const r = await back.join(Y, lastSeq);
    expect(r.ok && r.data.mode).toBe('replay');
    const raised = back.of('alarm:raised').map((e) => e.alarm.deviceId);
    expect(raised).toContain('yg-b2-u1-f6-hydrant');
    expect(raised).toContain('yg-b4-u1-f1-smoke');
    const seqs = back.events.map((e) => e.payload.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(seqs[0]).toBe(lastSeq + 1);
  });

  it('when a client rejoins with a seq too old to replay, then it gets a fresh snapshot', async () => {
    const c = await client();
    const r = await c.join(Y, 1);
    expect(r.ok && r.data.mode).toBe('snapshot');
    await c.waitFor('twin:snapshot');
  });

  it('when the join payload is bad or the compound unknown, then the ack says what is wrong', async () => {
    const c = await client();
    const bad = await c.socket.timeout(5_000).emitWithAck('compound:join', { compoundId: 42 } as never);
    expect(bad).toMatchObject({ ok: false });
    expect(bad.error).toMatch(/compoundId/);
    const unknown = await c.join('nowhere');
    expect(unknown).toEqual({ ok: false, error: 'unknown compound "nowhere"' });
  });
});
