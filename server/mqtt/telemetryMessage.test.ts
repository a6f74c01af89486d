import { describe, expect, it } from 'vitest';
import { parseTelemetryTopic, prepareTelemetry } from './telemetryMessage';

const buf = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));

describe('MQTT telemetry messages', () => {
  it('when the topic follows gateway/<keyId>/compound/<id>/device/<deviceId>/telemetry, then all three are read from it', () => {
    expect(parseTelemetryTopic('gateway/7/compound/yaguang-xincun/device/yg-b1-em/telemetry')).toEqual({
      keyId: 7,
      compoundId: 'yaguang-xincun',
      deviceId: 'yg-b1-em',
    });
    expect(parseTelemetryTopic('gateway/7/compound/x/device/y/status')).toBeNull();
    expect(parseTelemetryTopic('gateway/7/compound/x/device/y/z/telemetry')).toBeNull();
  });

  it('when the key id is not a PostgreSQL int (0, leading zero, letters, too large), then the topic names no key', () => {
    for (const id of ['0', '07', 'abc', '2147483648', '99999999999']) expect(parseTelemetryTopic(`gateway/${id}/compound/x/device/y/telemetry`)).toBeNull();
    expect(parseTelemetryTopic('gateway/2147483647/compound/x/device/y/telemetry')).toMatchObject({ keyId: 2147483647 });
  });

  it('when the topic is the old anonymous form, then it is recognised as legacy (to be refused with a reason)', () => {
    expect(parseTelemetryTopic('compound/yaguang-xincun/device/yg-b1-em/telemetry')).toBe('legacy');
  });

  it('when the payload is one reading, an array or {readings}, then each becomes an item of the topic device', () => {
    const r = { metric: 'power_kw', ts: 1, value: 2 };
    for (const p of [r, [r, r], { readings: [r] }]) {
      const out = prepareTelemetry(buf(p), 'd1');
      expect(out.ok && out.items.every((i) => (i as { deviceId: string }).deviceId === 'd1')).toBe(true);
    }
  });

  it('when an item names another device, then that item alone is rejected with its index', () => {
    const out = prepareTelemetry(
      buf([
        { metric: 'm', ts: 1, value: 1 },
        { deviceId: 'other', metric: 'm', ts: 1, value: 1 },
      ]),
      'd1',
    );
    expect(out).toMatchObject({ ok: true, indexOf: [0], rejected: [{ index: 1, reason: expect.stringMatching(/does not match the topic's device "d1"/) }] });
  });

  it('when the payload is not JSON, empty, a scalar or poisoned, then the message is rejected saying why', () => {
    expect(prepareTelemetry(buf('{"metric":'), 'd')).toMatchObject({ ok: false, reason: expect.stringMatching(/not JSON/) });
    expect(prepareTelemetry(buf([]), 'd')).toMatchObject({ ok: false, reason: expect.stringMatching(/no readings/) });
    expect(prepareTelemetry(buf('42'), 'd')).toMatchObject({ ok: false, reason: expect.stringMatching(/must be a reading/) });
    expect(prepareTelemetry(buf('{"metric":"m","ts":1,"value":1,"__proto__":{"x":1}}'), 'd')).toMatchObject({ ok: false, reason: 'forbidden key "__proto__"' });
  });
});
