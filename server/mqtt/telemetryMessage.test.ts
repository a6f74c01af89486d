import { describe, expect, it } from 'vitest';
import { parseTelemetryTopic, prepareTelemetry } from './telemetryMessage';

const buf = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));

describe('MQTT telemetry messages', () => {
  it('when the topic follows compound/<id>/device/<deviceId>/telemetry, then both ids are read from it', () => {
    expect(parseTelemetryTopic('compound/yaguang-xincun/device/yg-b1-em/telemetry')).toEqual({ compoundId: 'yaguang-xincun', deviceId: 'yg-b1-em' });
    expect(parseTelemetryTopic('compound/x/device/y/status')).toBeNull();
    expect(parseTelemetryTopic('compound/x/device/y/z/telemetry')).toBeNull();
  });

  it('when the payload is one reading, an array or {readings}, then each becomes an item of the topic device', () => {
    const r = { metric: 'power_kw', ts: 1, value: 2 };
    for (const p of [r, [r, r], { readings: [r] }]) {
      const out = prepareTelemetry(buf(p), 'd1');
      expect(out.ok && out.items.every((i) => (i as { deviceId: string }).deviceId === 'd1')).toBe(true);
    }
  });

  it('when an item names another device, then that item alone is rejected with its index', () => {
    const out = prepareTelemetry(buf([{ metric: 'm', ts: 1, value: 1 }, { deviceId: 'other', metric: 'm', ts: 1, value: 1 }]), 'd1');
    expect(out).toMatchObject({ ok: true, indexOf: [0], rejected: [{ index: 1, reason: expect.stringMatching(/does not match the topic's device "d1"/) }] });
  });

  it('when the payload is not JSON, empty, a scalar or poisoned, then the message is rejected saying why', () => {
    expect(prepareTelemetry(buf('{"metric":'), 'd')).toMatchObject({ ok: false, reason: expect.stringMatching(/not JSON/) });
    expect(prepareTelemetry(buf([]), 'd')).toMatchObject({ ok: false, reason: expect.stringMatching(/no readings/) });
    expect(prepareTelemetry(buf('42'), 'd')).toMatchObject({ ok: false, reason: expect.stringMatching(/must be a reading/) });
    expect(prepareTelemetry(buf('{"metric":"m","ts":1,"value":1,"__proto__":{"x":1}}'), 'd')).toMatchObject({ ok: false, reason: 'forbidden key "__proto__"' });
  });
});
