import { describe, expect, it } from 'vitest';
import { buildingKind, buildingNumber, buildingUse, parseLevels, parseMetres, storeys } from './osmProps';

const O = { defaultLevels: 6, floorHeight: 3 };

describe('OpenStreetMap tags', () => {
  it('when heights are written the ways mappers write them, then they read as metres', () => {
    expect([parseMetres('12'), parseMetres('12.5 m'), parseMetres('12m'), parseMetres(9), parseMetres('7,5'), parseMetres('tall')]).toEqual([
      12,
      12.5,
      12,
      9,
      7.5,
      null,
    ]);
    expect(parseMetres("33'")).toBeCloseTo(10.06, 2);
    expect([parseLevels('6'), parseLevels(6), parseLevels('5;7'), parseLevels('x')]).toEqual([6, 6, 7, null]);
  });

  it('when only height is known, then floors come from the default storey height', () => {
    expect(storeys({ height: '31' }, O)).toEqual({ floors: 10, floorHeight: 3.1, baseHeight: 0 });
  });

  it('when height and min_height frame a part, then the part starts at min_height', () => {
    expect(storeys({ height: '44', min_height: '8', 'building:levels': '12' }, O)).toEqual({ floors: 12, floorHeight: 3, baseHeight: 8 });
  });

  it('when the tags make an impossible storey height, then it is clamped and said', () => {
    const s = storeys({ height: '60', levels: '3' }, O);
    expect(s.floorHeight).toBe(8);
    expect(s.warning).toMatch(/clamped/);
  });

  it('when tags say what a building is, then use, kind and number follow', () => {
    expect(buildingKind({ building: 'no' })).toBeNull();
    expect(buildingKind({ 'building:part': 'yes', building: 'yes' })).toBe('part');
    expect(buildingUse({ building: 'garages' })).toBe('garage');
    expect(buildingUse({ building: 'roof', amenity: 'bicycle_parking' })).toBe('bikeshed');
    expect(buildingUse({ building: 'school' })).toBe('school');
    expect(buildingUse({ building: 'yes' })).toBe('residential');
    expect(buildingUse({ building: 'yes', amenity: 'school' })).toBe('school');
    expect(buildingUse({ building: 'roof' })).toBe('unknown');
    expect(buildingUse({ 'building:part': 'yes' }, 'commercial')).toBe('commercial');
    expect(buildingNumber({ 'addr:housenumber': '12栋' })).toBe('12');
    expect(buildingNumber({ ref: 'B3' })).toBe('B3');
  });
});
