import { describe, expect, it } from 'vitest';
import type { Alarm, Severity } from '../../models/alarm';
import { deviceTypeName, translate } from '../i18n/translate';
import { TICKER_LIMIT, tickerItems, type TickerText } from './tickerItems';

let nextId = 1;
const alarm = (deviceType: string, severity: Severity, lastAt: number, more: Partial<Alarm> = {}): Alarm =>
  ({ id: nextId++, compoundId: 'c', deviceId: `${deviceType}-${nextId}`, deviceType, buildingId: 'b1', ruleId: 'r', severity, message: { zh: `${deviceType}告警`, en: `${deviceType} alarm` }, value: 1, active: true, acknowledged: false, count: 1, raisedAt: lastAt, lastAt, ackAt: null, ackBy: null, ackComment: null, clearedAt: null, clearedBy: null, clearComment: null, ...more }) as Alarm;

const zhText: TickerText = {
  single: (a) => a.message.zh,
  aggregate: (type, n) => translate('zh-CN', 'wall.ticker.aggregate', { type: deviceTypeName('zh-CN', type), n }),
  isHousehold: (a) => a.deviceType === 'elderly_sensor',
};

describe('tickerItems', () => {
  it('when two elderly-care sensors raise alarms, then the ticker shows one aggregated line and no household', () => {
    const items = tickerItems([alarm('elderly_sensor', 'major', 10), alarm('elderly_sensor', 'major', 20), alarm('camera', 'minor', 5)], zhText);
    expect(items.map((i) => i.text)).toEqual(['独居老人监测告警 2 起', 'camera告警']);
    expect(items[0]).toMatchObject({ aggregate: true, count: 2, at: 20 });
  });
  it('when in English, then the aggregate line is English too', () => {
    expect(translate('en', 'wall.ticker.aggregate', { type: deviceTypeName('en', 'elderly_sensor'), n: 3 })).toBe('Elderly-care sensor alarms: 3');
  });
  it('when alarms differ in severity, then the most severe lead and, within one, the newest', () => {
    const items = tickerItems([alarm('camera', 'minor', 30), alarm('smoke_detector', 'critical', 10), alarm('smoke_detector', 'critical', 20)], zhText);
    expect(items.map((i) => [i.severity, i.at])).toEqual([['critical', 20], ['critical', 10], ['minor', 30]]);
  });
  it('when cleared alarms are in the list, then they are left out', () => {
    expect(tickerItems([alarm('camera', 'minor', 1, { active: false })], zhText)).toEqual([]);
  });
  it('when thousands of alarms are open, then the ticker stays bounded', () => {
    const many = Array.from({ length: 5000 }, (_, i) => alarm(i % 2 ? 'camera' : 'elderly_sensor', 'warning', i));
    const items = tickerItems(many, zhText);
    expect(items.length).toBe(TICKER_LIMIT);
    expect(items.filter((i) => i.aggregate)).toHaveLength(1);
  });
});
