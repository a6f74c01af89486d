import { describe, expect, it } from 'vitest';
import type { Compound } from '../../models/compound';
import { searchTwin } from './search';

const unit = (id: string, n: number) => ({ id, number: n, span: [0, 1], entrance: [0, 0], residents: 1, floors: [] });
const c = {
  buildings: [
    { id: 'b1', number: '1', units: [unit('b1-u1', 1), unit('b1-u2', 2)] },
    { id: 'b12', number: '12', name: '物业用房', units: [] },
  ],
  devices: [
    { id: 'CAM-0012', name: '1栋1单元门口摄像机' },
    { id: 'SMK-b1-3', name: '1栋3层烟感' },
  ],
} as unknown as Compound;

describe('searchTwin', () => {
  it('when typing a building number in any form, then that building comes first', () => {
    for (const q of ['1', '1栋', '1号楼', 'Bldg 1', 'building 1']) expect(searchTwin(c, q)[0], q).toMatchObject({ kind: 'building', id: 'b1' });
    expect(searchTwin(c, '12')[0]).toMatchObject({ kind: 'building', id: 'b12' });
  });

  it('when typing a building and unit, then the unit comes first', () => {
    for (const q of ['1-2', '1栋2单元', '1栋 2', 'bldg 1 unit 2']) expect(searchTwin(c, q)[0], q).toMatchObject({ kind: 'unit', id: 'b1-u2' });
  });

  it('when typing part of a device id or name, then devices match case-insensitively', () => {
    expect(searchTwin(c, 'cam-00').map((h) => h.id)).toEqual(['CAM-0012']);
    expect(searchTwin(c, '烟感').map((h) => h.id)).toEqual(['SMK-b1-3']);
  });

  it('when typing a building name, then it is found', () => {
    expect(searchTwin(c, '物业')[0]).toMatchObject({ kind: 'building', id: 'b12' });
  });

  it('when nothing matches, then the list is empty', () => {
    expect(searchTwin(c, 'zzz')).toEqual([]);
    expect(searchTwin(c, '  ')).toEqual([]);
  });
});
