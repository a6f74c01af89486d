import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/startTestServer';

const Y = 'yaguang-xincun';
let srv: TestServer;

async function ingest(readings: unknown[]) {
  const res = await fetch(`${srv.url}/api/v1/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': srv.key(Y) },
    body: JSON.stringify({ readings }),
  });
  expect(res.status).toBe(200);
}
async function api(path: string, body?: unknown) {
  const { headers: auth } = await srv.login();
  const res = await fetch(
    `${srv.url}/api/v1${path}`,
    body === undefined ? { headers: auth } : { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify(body) },
  );
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

describe('alarm lifecycle', () => {
  it('when smoke is reported twice, then one alarm is open with count 2 and an audit trail', async () => {
    const t = Date.now() - 10_000;
    await ingest([{ deviceId: 'yg-b5-u1-f2-smoke', metric: 'smoke', ts: t, value: 1 }]);
    await ingest([{ deviceId: 'yg-b5-u1-f2-smoke', metric: 'smoke', ts: t + 5_000, value: 1 }]);
    const list = await api(`/alarms?compoundId=${Y}&deviceId=yg-b5-u1-f2-smoke&state=active`);
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({ ruleId: 'smoke.detected', count: 2, active: true, acknowledged: false, buildingId: 'b5' });
    const one = await api(`/alarms/${list.body[0].id}`);
    expect(one.body.events.map((e: any) => e.action)).toEqual(['raised', 'repeated']);
  });

  it('when an alarm is acknowledged and cleared, then both need a comment, the user is recorded, and doing either twice is refused', async () => {
    const [a] = (await api(`/alarms?deviceId=yg-b5-u1-f2-smoke`)).body;
    const noComment = await api(`/alarms/${a.id}/ack`, {});
    expect(noComment.status).toBe(400);
    expect(noComment.body.error).toMatch(/comment/);
    const ack = await api(`/alarms/${a.id}/ack`, { comment: 'checked: cooking smoke' });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ acknowledged: true, active: true, ackComment: 'checked: cooking smoke' });
    expect(typeof ack.body.ackBy).toBe('string');
    expect((await api(`/alarms/${a.id}/ack`, { comment: 'again' })).status).toBe(409);
    const clr = await api(`/alarms/${a.id}/clear`, { comment: 'false alarm, detector cleaned' });
    expect(clr.body).toMatchObject({ active: false, clearComment: 'false alarm, detector cleaned' });
    expect((await api(`/alarms/${a.id}/clear`, { comment: 'again' })).status).toBe(409);
    const one = await api(`/alarms/${a.id}`);
    expect(one.body.events.map((e: any) => e.action)).toEqual(['raised', 'repeated', 'acknowledged', 'cleared']);
    expect((await api('/alarms/999999/ack', { comment: 'x' })).status).toBe(404);
    expect((await api('/alarms/abc/ack', { comment: 'x' })).status).toBe(400);
  });

  it('when pressure recovers, then the low-pressure alarm clears by itself and stays unacknowledged until someone acknowledges', async () => {
    const d = 'yg-b3-u1-f6-hydrant';
    const t0 = Date.now() - 120_000;
    await ingest([
      { deviceId: d, metric: 'pressure_mpa', ts: t0, value: 0.1 },
      { deviceId: d, metric: 'pressure_mpa', ts: t0 + 20_000, value: 0.1 },
    ]);
    expect((await api(`/alarms?deviceId=${d}`)).body).toHaveLength(0);
    await ingest([{ deviceId: d, metric: 'pressure_mpa', ts: t0 + 40_000, value: 0.1 }]);
    expect((await api(`/alarms?deviceId=${d}&state=active`)).body).toHaveLength(1);
    await ingest([{ deviceId: d, metric: 'pressure_mpa', ts: t0 + 60_000, value: 0.33 }]);
    const [a] = (await api(`/alarms?deviceId=${d}`)).body;
    expect(a).toMatchObject({ active: false, acknowledged: false, clearedBy: null });
    expect((await api(`/alarms?deviceId=${d}&state=open`)).body).toHaveLength(1);
  });

  it('when alarms are filtered by bad values, then the error names the field', async () => {
    const r = await api('/alarms?severity=apocalyptic');
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/severity/);
    const l = await api('/alarms?limit=0');
    expect(l.status).toBe(400);
    expect(l.body.error).toMatch(/limit/);
  });

  it('when a reporting device falls silent, then the sweep marks it offline and raises the offline alarm', async () => {
    const cam = 'yg-cam-gate-n1';
    const twin = srv.app.twins.get(Y)!;
    const device = twin.entry.devices.get(cam) ?? twin.entry.doc.devices.find((d) => d.type === 'camera')!;
    const silentFor = device.intervalS * 1000 * 6;
    await ingest([{ deviceId: device.id, metric: 'online', ts: Date.now() - silentFor, value: 1 }]);
    await srv.app.engine.sweep(Date.now());
    const open = (await api(`/alarms?deviceId=${device.id}&state=active`)).body;
    expect(open.map((a: any) => a.ruleId)).toEqual(['offline.camera']);
    // a reading forwarded late (from before the silence began to count) does not end it
    await ingest([{ deviceId: device.id, metric: 'online', ts: Date.now() - silentFor + 1_000, value: 1 }]);
    expect((await api(`/alarms?deviceId=${device.id}&state=active`)).body).toHaveLength(1);
    await ingest([{ deviceId: device.id, metric: 'online', ts: Date.now(), value: 1 }]);
    expect((await api(`/alarms?deviceId=${device.id}&state=active`)).body).toHaveLength(0);
  });
});

describe('REST for the twin', () => {
  it('when compounds, a twin, KPIs and a series are requested, then they answer with the right shapes', async () => {
    const list = await api('/compounds');
    expect(list.body.map((c: any) => c.id)).toEqual(['sanhe-guanggu', Y]);
    const twin = await api(`/compounds/${Y}/twin`);
    expect(twin.body.compound.buildings.filter((b: any) => b.use === 'residential')).toHaveLength(11);
    expect(twin.body.devices).toHaveLength(2007);
    const k = await api(`/compounds/${Y}/kpis`);
    expect(k.body.devicesTotal).toBe(2007);
    expect(Object.keys(k.body.alarmsActive)).toEqual(['critical', 'major', 'minor', 'warning']);
    const t0 = Date.now() - 3 * 3_600_000;
    await ingest(Array.from({ length: 30 }, (_, i) => ({ deviceId: 'yg-b6-em', metric: 'energy_kwh', ts: t0 + i * 360_000, value: 1 })));
    const s = await api(`/devices/yg-b6-em/series?metric=energy_kwh&from=${t0 - 3_600_000}&to=${Date.now()}&bucket=1h`);
    expect(s.status).toBe(200);
    expect(s.body.source).toBe('hourly');
    expect(s.body.points.reduce((x: number, p: any) => x + p.sum, 0)).toBe(30);
    expect((await api('/devices/yg-b6-em/series?metric=smoke')).status).toBe(400);
    expect((await api('/devices/nope/series?metric=smoke')).status).toBe(404);
    expect((await api('/compounds/nope/twin')).status).toBe(404);
  });

  it('when a hydrant series is requested, then it carries the threshold lines of its rules and which metric each rule watches', async () => {
    const s = await api('/devices/yg-b3-u1-f6-hydrant/series?metric=pressure_mpa');
    expect(s.status).toBe(200);
    expect(s.body.thresholds).toEqual([
      { ruleId: 'hydrant.low_pressure', op: 'lt', value: 0.15, severity: 'critical' },
      { ruleId: 'hydrant.high_pressure', op: 'gt', value: 1.2, severity: 'major' },
    ]);
    expect(s.body.rules).toContainEqual({ ruleId: 'offline.hydrant', metric: null });
    // a smoke detector's battery: one threshold; its smoke metric has an event rule, no line
    const bat = await api('/devices/yg-b5-u1-f2-smoke/series?metric=battery_pct');
    expect(bat.body.thresholds.map((t: any) => t.value)).toEqual([20]);
    expect(bat.body.rules).toContainEqual({ ruleId: 'smoke.detected', metric: 'smoke' });
    expect((await api('/devices/yg-b5-u1-f2-smoke/series?metric=smoke')).body.thresholds).toEqual([]);
    // an `aggregate` rule (power loss) draws on a building's main meter, never on a flat's own meter
    expect((await api('/devices/sg-b1-em/series?metric=power_kw')).body.thresholds.map((t: any) => t.ruleId)).toEqual(['power.loss']);
    expect((await api('/devices/sg-b1-u1-201-em/series?metric=power_kw')).body.thresholds).toEqual([]);
  });
});
