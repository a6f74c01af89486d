import { describe, expect, it } from 'vitest';
import { DEVICE_TYPES } from '../../models/deviceTypes';
import { en } from './en';
import { zh } from './zh';
import { deviceTypeName, formatAge, formatNumber, metricUnit, tp, translate } from './translate';

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

  it('when formatting ages, then the right scale is used (Intl.RelativeTimeFormat)', () => {
    expect(formatAge('en', 2000)).toBe('just now');
    expect(formatAge('en', 90_000)).toBe('1m ago');
    expect(formatAge('en', 3 * 86_400_000)).toBe('3d ago');
    expect(formatAge('zh-CN', 7_200_000)).toBe('2小时前');
    expect(formatAge('zh-CN', 30_000)).toBe('30秒前');
  });

  it('when a count is written, then English chooses singular or plural with Intl.PluralRules and groups digits', () => {
    expect(tp('en', 'building.floorsValue', 1)).toBe('1 floor');
    expect(tp('en', 'building.floorsValue', 6)).toBe('6 floors');
    expect(tp('en', 'building.householdsCount', 1234)).toBe('1,234 households');
    expect(tp('en', 'building.unitsCount', 0)).toBe('0 units');
    expect(tp('zh-CN', 'building.floorsValue', 1)).toBe('1层');
    expect(tp('zh-CN', 'building.householdsCount', 1234)).toBe('1,234户');
    expect(formatNumber('en', 12345.678, 1)).toBe('12,345.7');
  });

  it('when a key has plural forms, then both languages have every form and no bare key is left behind', () => {
    const keys = Object.keys(zh);
    for (const k of keys.filter((x) => x.endsWith('.one'))) expect(keys, k).toContain(k.replace(/\.one$/, '.other'));
    expect(keys).not.toContain('building.floorsValue');
  });
});
