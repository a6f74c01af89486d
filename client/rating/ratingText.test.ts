import { describe, expect, it } from 'vitest';
import type { Evidence, Gap } from '../../models/rubric';
import { evidenceText, gapPlace, gapText, measuredText, statusText, thresholdText } from './ratingText';

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
  it('when a camera gap is a gate or a lane point, then the place names the road and where', () => {
    const gate = { buildingId: '', buildingNumber: '', place: 'gate', at: [3, -98], label: '中心主干道' } as const;
    expect(gapPlace('zh-CN', { ...gate, at: [3, -98] }, null)).toBe('中心主干道出入口');
    expect(gapPlace('en', { ...gate, at: [3, -98] }, null)).toBe('gate at 中心主干道');
    expect(gapPlace('zh-CN', { buildingId: '', buildingNumber: '', place: 'lane', at: [-57.8, 21.3], label: '第4排宅前路' }, null)).toBe(
      '第4排宅前路（-58, 21）',
    );
  });
  it('when camera coverage is judged by views, then the evidence says so; a grounds gap names no building', () => {
    const e = {
      kind: 'coverage',
      deviceType: 'camera',
      scope: 'lane',
      covered: 84,
      required: 94,
      radiusM: 20,
      devices: 2007,
      byView: 73,
      byRadius: 0,
    } satisfies Evidence;
    const zh = evidenceText('zh-CN', e, 'Asia/Shanghai');
    expect(zh).toBe('94 个道路点位（每 15 米一处）中 84 个有摄像机看得到（按 73 台摄像机的视域判断：距离、视角与楼栋遮挡）（依据小区模型，2,007 台设备）');
    expect(evidenceText('en', { ...e, byView: 0, scope: 'gate', required: 2, covered: 2 }, 'Asia/Shanghai')).toBe(
      'Camera on 2 of 2 compound gates, within 20 m (compound model, 2,007 devices)',
    );
    const g = { kind: 'coverage', deviceType: 'camera', scope: 'lane', places: 10, buildings: [] } satisfies Gap;
    expect(gapText('zh-CN', g)).toBe('共 10 个道路点位（每 15 米一处）缺少摄像机');
    expect(gapText('en', g)).toBe('camera missing on 10 road points (one every 15 m)');
  });
});

describe('evidence and gaps in the reader language', () => {
  const Z = 'Asia/Shanghai';
  // 2026-02-28 16:30 UTC is 2026-03-01 00:30 in Shanghai
  const to = Date.UTC(2026, 1, 28, 16, 30);
  const online = {
    kind: 'onlineRate',
    from: to - 30 * 86_400_000,
    to,
    windowDays: 30,
    samples: 1,
    expected: 720,
    days: 1,
    deviceHoursOnline: 650,
    deviceHours: 661,
    deviceTypes: null,
  } satisfies Evidence;

  it('when the online rate rests on one hourly sample, then both languages say so, with the window in the compound zone', () => {
    const zh = evidenceText('zh-CN', online, Z);
    expect(zh).toContain('720 个每小时采样中的 1 个');
    expect(zh).toContain('2026/03/01');
    expect(zh).toContain('1 天有数据');
    expect(zh).not.toMatch(/[A-Za-z]{3,}/);
    const en = evidenceText('en', online, Z);
    expect(en).toContain('from 1 of 720 hourly samples (1 day with data)');
    expect(en).toContain('03/01/2026');
    expect(evidenceText('en', { ...online, days: 3 }, Z)).toContain('(3 days with data)');
  });

  it('when data is missing, then the gap lists what is needed; a coverage gap names the buildings with plurals', () => {
    const g = {
      kind: 'insufficient',
      needs: [
        { what: 'hourlySamples', have: 1, need: 576 },
        { what: 'ackedAlarms', have: 0, need: 5 },
      ],
    } satisfies Gap;
    expect(gapText('zh-CN', g)).toBe('数据不足：每小时采样需 ≥ 576 个，现有 1 个；已确认告警需 ≥ 5 条，现有 0 条');
    expect(gapText('en', g)).toBe('Insufficient data: needs ≥ 576 hourly samples, has 1; needs ≥ 5 acknowledged alarms, has 0');
    const cov = { kind: 'coverage', deviceType: 'smoke_detector', scope: 'unit_floor', places: 1, buildings: ['7'] } satisfies Gap;
    expect(gapText('zh-CN', cov)).toBe('7栋共 1 个楼层缺少烟感');
    expect(gapText('en', cov)).toBe('smoke detector missing on 1 floor stairwell in building 7');
    expect(gapText('en', { ...cov, places: 1200, buildings: ['3', '7'] })).toBe('smoke detector missing on 1,200 floor stairwells in buildings 3, 7');
    expect(statusText('zh-CN', 'insufficient')).toBe('数据不足');
  });

  it('when a reading date is shown, then it is written in the compound zone, not the browser zone', () => {
    expect(evidenceText('zh-CN', { kind: 'oldestReading', at: to, days: 7.5 }, Z)).toBe('最早一条存储读数为 2026/03/01 00:30（7.5 天前）');
    expect(evidenceText('en', { kind: 'oldestReading', at: to, days: 7.5 }, 'UTC')).toContain('02/28/2026, 16:30');
  });
});
