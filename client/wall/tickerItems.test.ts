import { describe, expect, it } from 'vitest';
import type { Alarm, Severity } from '../../models/alarm';
import { deviceTypeName, translate } from '../i18n/translate';
import { TICKER_LIMIT, tickerItems, type TickerText } from './tickerItems';

let nextId = 1;
const alarm = (deviceType: string, severity: Severity, lastAt: number, more: Partial<Alarm> = {}): Alarm =>
  ({
    id: nextId++,
    compoundId: 'c',
    deviceId: `${deviceType}-${nextId}`,
    deviceType,
    buildingId: 'b1',
    ruleId: 'r',
    severity,
    message: { zh: `${deviceType}告警`, en: `${deviceType} alarm` },
    value: 1,
    active: true,
    acknowledged: false,
    shelvedUntil: null,
    suppressed: null,
    count: 1,
    raisedAt: lastAt,
    lastAt,
    ackAt: null,
    ackBy: null,
    ackComment: null,
    clearedAt: null,
    clearedBy: null,
    clearComment: null,
    ...more,
  }) as Alarm;

const zhText: TickerText = {
  single: (a) => a.message.zh,
  aggregate: (type, n) => translate('zh-CN', 'wall.ticker.aggregate', { type: deviceTypeName('zh-CN', type), n }),
  warnings: (b, n) => translate('zh-CN', 'attn.ticker.warnings', { building: b, n }),
  isHousehold: (a) => a.deviceType === 'elderly_sensor',
};

describe('tickerItems', () => {
  it('when two elderly-care sensors raise alarms, then the ticker shows one aggregated line and no household', () => {
    const items = tickerItems([alarm('elderly_sensor', 'major', 10), alarm('elderly_sensor', 'major', 20), alarm('camera', 'minor', 5)], zhText);
    expect(items.map((i) => i.text)).toEqual(['独居老人监测告警 2 起', 'camera告警']);
    expect(items[0]).toMatchObject({ aggregate: true, count: 2, at: 20, since: 10 });
  });
  it('when in English, then the aggregate line is English too', () => {
    expect(translate('en', 'wall.ticker.aggregate', { type: deviceTypeName('en', 'elderly_sensor'), n: 3 })).toBe('Elderly-care sensor alarms: 3');
  });
  it('when alarms differ in severity, then the most severe lead and, within one, the oldest unacknowledged first, acknowledged after', () => {
    const items = tickerItems(
      [
        alarm('camera', 'minor', 30),
        alarm('smoke_detector', 'critical', 10, { acknowledged: true }),
        alarm('smoke_detector', 'critical', 20),
        alarm('smoke_detector', 'critical', 15),
      ],
      zhText,
    );
    expect(items.map((i) => [i.severity, i.since, i.state])).toEqual([
      ['critical', 15, 'unack'],
      ['critical', 20, 'unack'],
      ['critical', 10, 'ack'],
      ['minor', 30, 'unack'],
    ]);
  });
  it('when an alarm returned to normal but nobody acknowledged it, then it stays on the ticker marked returned; closed, shelved and suppressed ones are left out', () => {
    const items = tickerItems(
      [
        alarm('camera', 'minor', 1, { active: false }),
        alarm('camera', 'minor', 2, { active: false, acknowledged: true }),
        alarm('camera', 'major', 3, { shelvedUntil: 9e12 }),
        alarm('camera', 'major', 4, { suppressed: 'design' }),
      ],
      zhText,
    );
    expect(items.map((i) => [i.since, i.state])).toEqual([[1, 'rtn_unack']]);
  });
  it('when a building has several warnings, then they fold into one line with a count, after the more severe alarms; a lone warning stays single', () => {
    const items = tickerItems(
      [
        alarm('smoke_detector', 'warning', 5),
        alarm('smoke_detector', 'warning', 6),
        alarm('smoke_detector', 'warning', 7),
        alarm('smoke_detector', 'warning', 8, { buildingId: 'b2' }),
        alarm('camera', 'minor', 9),
      ],
      zhText,
    );
    expect(items.map((i) => [i.key.split(':')[0], i.severity, i.count])).toEqual([
      ['a', 'minor', 1],
      ['warn', 'warning', 3],
      ['a', 'warning', 1],
    ]);
    expect(items[1].text).toBe('b1 提示 3 起');
  });
  it('when thousands of alarms are open, then the ticker stays bounded', () => {
    const many = Array.from({ length: 5000 }, (_, i) => alarm(i % 2 ? 'camera' : 'elderly_sensor', 'minor', i));
    const items = tickerItems(many, zhText);
    expect(items.length).toBe(TICKER_LIMIT);
    expect(items.filter((i) => i.aggregate)).toHaveLength(1);
  });
});
