import { describe, expect, it } from 'vitest';
import { DEVICE_TYPES } from '../../models/deviceTypes';
import { en } from './en';
import { zh } from './zh';
import { deviceTypeName, formatAge, metricUnit, translate } from './translate';

describe('i18n dictionaries', () => {
  it('when comparing zh and en, then every key is present in both and non-empty', () => {
    const zhKeys = Object.keys(zh).sort();
    const enKeys = Object.keys(en).sort();
    expect(enKeys).toEqual(zhKeys);
    for (const k of zhKeys) {
      expect((zh as Record<string, string>)[k].trim(), `zh ${k}`).not.toBe('');
      expect((en as Record<string, string>)[k].trim(), `en ${k}`).not.toBe('');
    }
  });

  it('when a string has placeholders, then both languages use the same names', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(zh) as (keyof typeof zh)[]) expect(names(en[k]), k).toEqual(names(zh[k]));
  });

  it('when English is chosen, then no English string contains Chinese characters (except the language switch)', () => {
    for (const [k, v] of Object.entries(en)) if (k !== 'lang.switch') expect(/[\u4e00-\u9fff]/.test(v), k).toBe(false);
  });

  it('when translating with params, then placeholders are filled', () => {
    expect(translate('zh-CN', 'building.label', { n: 3 })).toBe('3栋');
    expect(translate('en', 'building.label', { n: 3 })).toBe('Bldg 3');
  });

  it('when naming device types, then every type has a name in both languages', () => {
    for (const t of DEVICE_TYPES) {
      expect(deviceTypeName('zh-CN', t)).not.toBe(t);
      expect(deviceTypeName('en', t)).not.toBe(t);
    }
  });

  it('when a unit is a Chinese word, then English gets an English unit', () => {
    expect(metricUnit('en', 'passes')).toBe('passes');
    expect(metricUnit('zh-CN', 'passes')).toBe('次');
  });

  it('when formatting ages, then the right scale is used', () => {
    expect(formatAge('en', 2000)).toBe('just now');
    expect(formatAge('en', 90_000)).toBe('1 min ago');
    expect(formatAge('zh-CN', 7_200_000)).toBe('2小时前');
  });
});
