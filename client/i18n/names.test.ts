import { describe, expect, it } from 'vitest';
import type { Compound } from '../../models/compound';
import { buildTwinIndex } from '../stores/twinIndex';
import { buildingTitle, deviceLabel, userDisplayName } from './names';

const c = {
  redLine: [
    [0, 0],
    [50, 0],
    [50, 50],
    [0, 50],
  ],
  buildings: [
    {
      id: 'b3',
      number: '3',
      use: 'residential',
      footprint: [
        [0, 0],
        [40, 0],
        [40, 10],
        [0, 10],
      ],
      floors: 6,
      floorHeight: 3,
      units: [{ id: 'b3-u2', number: 2, span: [0, 1], entrance: [5, 0], residents: 1, floors: [{ level: 1, households: 1, occupied: 1, elderlyAlone: 0 }] }],
    },
  ],
  devices: [
    {
      id: 'smk-1',
      type: 'smoke_detector',
      name: '3栋2单元5层烟感',
      metrics: ['smoke'],
      installedAt: '2024-01-01',
      intervalS: 300,
      placement: { kind: 'building', buildingId: 'b3', unitId: 'b3-u2', floor: 5, at: [5, 5, 14] },
    },
    {
      id: 'cam-9',
      type: 'camera',
      name: '南门摄像机',
      metrics: ['online'],
      installedAt: '2024-01-01',
      intervalS: 60,
      placement: { kind: 'ground', at: [45, 45, 3] },
    },
  ],
} as unknown as Compound;

describe('deviceLabel', () => {
  const ix = buildTwinIndex(c);
  it('when Chinese, then the data name is shown', () => {
    expect(deviceLabel('zh-CN', c.devices[0], ix)).toBe('3栋2单元5层烟感');
  });
  it('when English, then a name is composed from type and place, with no Chinese', () => {
    expect(deviceLabel('en', c.devices[0], ix)).toBe('Smoke detector · Bldg 3 Unit 2 F5');
    expect(deviceLabel('en', c.devices[1], ix)).toBe('Camera · cam-9');
  });
});

describe('buildingTitle', () => {
  const shed = { id: 'bs1', number: 'BS1', name: '1号非机动车棚', use: 'bikeshed' } as unknown as import('../../models/compound').Building;
  const home = { id: 'b3', number: '3', name: '阳光楼', use: 'residential' } as unknown as import('../../models/compound').Building;
  it('when a building is residential without a name, then it is called by its number', () => {
    const plain = { ...home, name: undefined };
    expect(buildingTitle('zh-CN', plain)).toBe('3栋');
    expect(buildingTitle('en', plain)).toBe('Bldg 3');
  });
  it('when a building has a name from the data, then the label shows it, and English never shows Chinese', () => {
    expect(buildingTitle('zh-CN', home)).toBe('阳光楼');
    expect(buildingTitle('en', home)).toBe('Bldg 3');
    const named = (name: string, use: string, number = '12', nameEn?: string) =>
      ({ id: 'x', number, name, nameEn, use }) as unknown as import('../../models/compound').Building;
    expect(buildingTitle('zh-CN', named('78栋', 'residential', '78'))).toBe('78栋');
    expect(buildingTitle('zh-CN', named('光谷创意大厦', 'office'))).toBe('光谷创意大厦');
    expect(buildingTitle('en', named('光谷创意大厦', 'office'))).toBe('Office 12');
    expect(buildingTitle('en', named('光谷创意大厦', 'office', '12', 'Optics Valley Creative Tower'))).toBe('Optics Valley Creative Tower');
    expect(buildingTitle('en', named('Wanda Plaza', 'retail'))).toBe('Wanda Plaza');
    expect(buildingTitle('en', named('Wanda Plaza', 'residential'))).toBe('Wanda Plaza');
    expect(buildingTitle('zh-CN', named('  ', 'hotel', '5'))).toBe('5栋');
    expect(buildingTitle('en', { ...named('', 'hotel', '5'), name: undefined })).toBe('Hotel 5');
    expect(buildingTitle('en', { ...named('', 'unknown', '8'), name: undefined })).toBe('Bldg 8');
  });
  it('when a service building has a name, then Chinese uses it and English a real name for it', () => {
    expect(buildingTitle('zh-CN', shed)).toBe('1号非机动车棚');
    expect(buildingTitle('en', shed)).toBe('Bike shed 1');
    const svc = (name: string, use = 'public', nameEn?: string) =>
      ({ id: 'x', number: 'P', name, nameEn, use }) as unknown as import('../../models/compound').Building;
    expect(buildingTitle('en', svc('二次供水泵房'))).toBe('Booster pump house');
    expect(buildingTitle('en', svc('泵房'))).toBe('Pump house');
    expect(buildingTitle('en', svc('门卫室'))).toBe('Guard house');
    expect(buildingTitle('en', svc('物业服务中心'))).toBe('Property management office');
    expect(buildingTitle('en', svc('地下车库出入口', 'garage'))).toBe('Garage entrance');
    expect(buildingTitle('en', svc('配电房'))).toBe('Substation');
    expect(buildingTitle('en', svc('配电房', 'public', 'Switch room B'))).toBe('Switch room B');
    // unknown kinds fall back to the use and number, never to Chinese
    expect(buildingTitle('en', svc('某某楼'))).toBe('Service building P');
  });
});

describe('userDisplayName', () => {
  it('when the display name is Chinese, then English shows its Latin part or the role and username', () => {
    expect(userDisplayName('zh-CN', { displayName: '雅广新村网格员', username: 'officer-yaguang', role: 'officer' })).toBe('雅广新村网格员');
    expect(userDisplayName('en', { displayName: '雅广新村网格员', username: 'officer-yaguang', role: 'officer' })).toBe('Officer · officer-yaguang');
    expect(userDisplayName('en', { displayName: '系统管理员 Admin', username: 'admin', role: 'admin' })).toBe('Admin');
    expect(userDisplayName('en', { displayName: 'Li Wei', username: 'liwei', role: 'evaluator' })).toBe('Li Wei');
  });
});
