// The two demo compounds as design figures: where each building stands, how many units, floors and
// homes per floor. The seed figures (buildings, units, households, residents) are met exactly by
// these choices; the generator checks that and refuses to emit a compound that misses them.
import type { LatLon } from '../../models/geo';
import type { FootprintShape, ResidentialSpec } from './footprints';
import type { HouseholdTargets } from './households';
import type { AuxSpec, SiteInput } from './layout';

export interface DemoSite {
  id: string;
  name: string;
  nameEn: string;
  province: string;
  city: string;
  district: string;
  builtYear: number;
  origin: LatLon;
  seed: number;
  /** First day of the smart-retrofit works; each system's crew starts some days later. */
  retrofitStart: string;
  /** Prepended to every device id of the compound. */
  devicePrefix: string;
  targets: HouseholdTargets;
  site: SiteInput;
}

/** 1990s brick-concrete walk-up: 2.9 m storeys, no lift, 13.2 m per 一梯两户 unit, 18 m per 一梯三户. */
function walkUp(
  number: string,
  x0: number,
  units: number,
  floors: number,
  perFloor: 2 | 3,
  shape: FootprintShape = 'rect',
  groundFloorHomes?: number,
): ResidentialSpec {
  return {
    number,
    x0,
    units,
    floors,
    perFloor,
    shape,
    groundFloorHomes,
    unitWidth: perFloor === 2 ? 13.2 : 18,
    depth: perFloor === 2 ? 10.8 : 11.4,
    floorHeight: 2.9,
    firstHomeFloor: 1,
    lifts: 0,
    core: 3.2,
  };
}

/** 2010s high-rise: 3.0 m storeys, a lobby / 架空层 on floor 1, two lifts per unit. */
function highRise(number: string, x0: number, kind: 'tower' | 'slab', floors: number): ResidentialSpec {
  const tower = kind === 'tower';
  return {
    number,
    x0,
    floors,
    units: tower ? 1 : 2,
    unitWidth: tower ? 30 : 22,
    depth: tower ? 20 : 15,
    perFloor: tower ? 4 : 3,
    shape: tower ? 'notchEW' : 'rect',
    floorHeight: 3.0,
    firstHomeFloor: 2,
    lifts: 2,
    core: tower ? 10 : 5,
  };
}

const shed = (id: string, name: string, x0: number, x1: number, depth: number): AuxSpec => ({
  id,
  number: id.toUpperCase(),
  name,
  use: 'bikeshed',
  x0,
  x1,
  depth,
  floors: 1,
  floorHeight: 3.0,
});

export const YAGUANG: DemoSite = {
  id: 'yaguang-xincun',
  devicePrefix: 'yg-',
  name: '雅广新村',
  nameEn: 'Yaguang Xincun',
  province: '湖北省',
  city: '黄石市',
  district: '下陆区',
  builtYear: 1998,
  origin: { lat: 30.1876, lon: 114.9921 },
  seed: 19980451,
  retrofitStart: '2024-03-11',
  // ~4.6 residents per occupied flat is what the seed figures imply (registered residents, not beds).
  targets: { households: 451, residents: 1900, occupancy: 0.91, elderlyAloneShare: 0.1 },
  site: {
    firstRowY: -80,
    // Huangshi's sunlight rule for walk-ups: clear spacing at least 1.2 × the southern building's height.
    gapFor: (h) => Math.ceil(1.2 * h),
    ringWidth: 6,
    laneWidth: 4,
    ringWestX: -65,
    ringEastX: 79,
    ringClear: 3,
    spine: [-0.5, 6.5],
    redLineMargin: 7,
    redLineMarginSouth: 9,
    chamferNE: 12,
    rows: [
      { buildings: [walkUp('1', -56.8, 4, 6, 2), walkUp('2', 10, 3, 6, 2)] },
      {
        buildings: [walkUp('3', -58, 3, 6, 3, 'notchN', 2), walkUp('4', 10, 3, 7, 2)],
        aux: [{ id: 'pump', number: 'W', name: '二次供水泵房', use: 'public', x0: 56, x1: 64, depth: 6, floors: 1, floorHeight: 4.0 }],
      },
      {
        buildings: [walkUp('5', -43.6, 3, 7, 2, 'stepE'), walkUp('6', 10, 3, 7, 3, 'notchN', 2)],
        aux: [{ id: 'office', number: 'P', name: '物业服务中心', use: 'public', x0: -60, x1: -48, depth: 9, floors: 2, floorHeight: 3.3 }],
      },
      { buildings: [walkUp('7', -43.6, 3, 6, 2), walkUp('8', 10, 3, 7, 2, 'stepE')], aux: [shed('bs2', '2号非机动车棚', -60, -48, 6)] },
      {
        buildings: [walkUp('9', -40, 2, 7, 3, 'notchN'), walkUp('10', 10, 2, 7, 2), walkUp('11', 47.6, 2, 6, 2)],
        aux: [shed('bs1', '1号非机动车棚', -60, -44, 6)],
      },
    ],
  },
};

export const SANHE: DemoSite = {
  id: 'sanhe-guanggu',
  devicePrefix: 'sg-',
  name: '三和光谷',
  nameEn: 'Sanhe Guanggu Road',
  province: '湖北省',
  city: '武汉市',
  district: '东湖新技术开发区',
  builtYear: 2012,
  origin: { lat: 30.4812, lon: 114.4107 },
  seed: 20120782,
  retrofitStart: '2025-02-17',
  targets: { households: 782, residents: 3100, occupancy: 0.94, elderlyAloneShare: 0.03 },
  site: {
    firstRowY: -75,
    // High-rise spacing follows a sunlight study (大寒日 2 h), which comes out near 0.55 × height.
    gapFor: (h) => Math.max(40, Math.ceil(0.55 * h)),
    ringWidth: 7,
    laneWidth: 6,
    ringWestX: -61,
    ringEastX: 66,
    ringClear: 6,
    spine: [0, 7],
    redLineMargin: 8,
    redLineMarginSouth: 10,
    chamferNE: 14,
    rows: [
      {
        buildings: [highRise('1', -52, 'slab', 27), highRise('2', 14, 'slab', 26)],
        aux: [{ id: 'garage', number: 'C', name: '地下车库出入口', use: 'garage', x0: -59, x1: -54, depth: 15, floors: 1, floorHeight: 3.5 }],
      },
      {
        buildings: [highRise('3', -45, 'tower', 28), highRise('4', 21, 'tower', 30)],
        aux: [{ id: 'office', number: 'P', name: '物业服务中心', use: 'public', x0: 55, x1: 63, depth: 16, floors: 2, floorHeight: 3.6 }],
      },
      {
        buildings: [highRise('5', -45, 'tower', 32), highRise('6', 21, 'tower', 33)],
        aux: [shed('bs1', '1号非机动车棚', -57, -51, 22), shed('bs2', '2号非机动车棚', 55, 61, 22)],
      },
    ],
  },
};

export const DEMO_SITES: readonly DemoSite[] = [YAGUANG, SANHE];
