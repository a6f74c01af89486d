import { describe, expect, it } from 'vitest';
import { gapPlace, measuredText, thresholdText } from './ratingText';

describe('rating text', () => {
  it('when a figure has a unit, then it reads naturally in both languages', () => {
    expect(measuredText('zh-CN', { measured: 661, unit: 'devices' })).toBe('661 台');
    expect(measuredText('en', { measured: 98.44, unit: '%' })).toBe('98.4%');
    expect(measuredText('en', { measured: null, unit: '%' })).toBe('no data');
    expect(thresholdText('zh-CN', { threshold: '≤ 15', unit: 'min' })).toBe('≤ 15 分钟');
  });
  it('when a gap names a building, unit and floor, then the place says all three', () => {
    expect(gapPlace('zh-CN', { buildingId: 'b3', buildingNumber: '3', floor: 5 }, null)).toBe('3栋 5层');
    expect(gapPlace('en', { buildingId: 'b3', buildingNumber: '3' }, null)).toBe('Bldg 3');
  });
});
