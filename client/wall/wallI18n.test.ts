import { describe, expect, it } from 'vitest';
import { DEVICE_TYPE_DEFS } from '../../models/deviceTypes';
import { en } from '../i18n/en';
import { zh } from '../i18n/zh';

describe('wall and rating strings', () => {
  it('when a smart system exists in the device model, then the wall can name it in both languages', () => {
    for (const { system } of Object.values(DEVICE_TYPE_DEFS)) {
      const key = `wall.system.${system}`;
      expect(zh, key).toHaveProperty([key]);
      expect(en, key).toHaveProperty([key]);
    }
  });
  it('when comparing the wall and rating keys, then both languages have the same set', () => {
    const mine = (d: object) =>
      Object.keys(d)
        .filter((k) => k.startsWith('wall.') || k.startsWith('rating.'))
        .sort();
    expect(mine(en)).toEqual(mine(zh));
    expect(mine(zh).length).toBeGreaterThan(80);
  });
});
