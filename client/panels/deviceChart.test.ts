import { describe, expect, it } from 'vitest';
import type { Alarm } from '../../models/alarm';
import type { SeriesPoint } from '../../models/reading';
import { alarmBands, appendLive, buildModel, chartKind, chartTime, fitAxis } from './deviceChartModel';
import { primaryMetric } from './primaryMetric';

const Z = 'Asia/Shanghai';
const H = 3_600_000;
const pt = (t: number, avg: number, min = avg, max = avg, sum = avg): SeriesPoint => ({ t, avg, min, max, sum, count: 1 });

describe('primaryMetric', () => {
  const smoke = { type: 'smoke_detector' as const, metrics: ['smoke', 'battery_pct'] };
  it('when a smoke detector has no active alarm, then it opens on its battery, not the flat smoke state', () => {
    expect(primaryMetric(smoke, [])).toBe('battery_pct');
    expect(primaryMetric(smoke, [null])).toBe('battery_pct');
  });
  it('when a smoke detector has an active smoke alarm, then it opens on smoke', () => {
    expect(primaryMetric(smoke, ['smoke'])).toBe('smoke');
  });
  it("when a metric-less (offline) or another device's metric is active, then the type's preference still decides", () => {
    expect(primaryMetric({ type: 'hydrant_pressure', metrics: ['pressure_mpa'] }, [null, 'power_kw'])).toBe('pressure_mpa');
  });
  it('when a type has a preferred metric it reports, then that one; else the first', () => {
    expect(primaryMetric({ type: 'broadcast_speaker', metrics: ['online', 'volume_db'] }, [])).toBe('volume_db');
    expect(primaryMetric({ type: 'env_sensor', metrics: ['temperature_c', 'humidity_pct', 'pm25', 'noise_db'] }, [])).toBe('pm25');
    expect(primaryMetric({ type: 'camera', metrics: ['online'] }, [])).toBe('online');
    expect(primaryMetric({ type: 'env_sensor', metrics: ['humidity_pct'] }, [])).toBe('humidity_pct');
  });
});

describe('device chart model', () => {
  it('when metrics are consumption, on/off or levels, then they get bars, steps and lines', () => {
    expect(chartKind('energy_kwh')).toBe('bars');
    expect(chartKind('passes')).toBe('bars');
    expect(chartKind('smoke')).toBe('step');
    expect(chartKind('door_open')).toBe('step');
    expect(chartKind('online')).toBe('step');
    expect(chartKind('pressure_mpa')).toBe('line');
    expect(chartKind('noise_db')).toBe('line');
  });

  it('when buckets are more than two widths apart, then a null breaks the line there (no bridge); a missing single bucket is no gap', () => {
    const w = 15 * 60_000;
    const t0 = Date.UTC(2026, 0, 1);
    const m = buildModel([pt(t0, 1), pt(t0 + w, 2), pt(t0 + 3 * w, 3), pt(t0 + 10 * w, 4)], 'pressure_mpa', w, Z);
    expect(m.main.map((p) => p[1])).toEqual([1, 2, 3, null, 4]);
    expect(m.band.map((p) => p[1])).toEqual([0, 0, 0, null, 0]);
    expect(m.main[0][0]).toBe(t0 + 8 * H); // zone wall time: Shanghai is UTC+8
  });

  it('when history is sampled hourly in 15-minute buckets, then its cadence is no gap, but a silence of several hours is', () => {
    const t0 = Date.UTC(2026, 0, 1);
    const pts = [0, 1, 2, 3, 9, 10].map((h) => pt(t0 + h * H, h));
    const m = buildModel(pts, 'pressure_mpa', 15 * 60_000, Z);
    expect(m.main.map((p) => p[1])).toEqual([0, 1, 2, 3, null, 9, 10]);
  });

  it('when an on/off metric is bucketed, then steps show the state (smoke: ever on; online: ever off)', () => {
    const m = buildModel([pt(0, 0.2, 0, 1)], 'smoke', 60_000, Z);
    expect(m.main[0][1]).toBe(1);
    expect(buildModel([pt(0, 0.9, 0, 1)], 'online', 60_000, Z).main[0][1]).toBe(0);
  });

  it('when noise moves between 40 and 70 dB, then the axis fits it instead of starting at zero', () => {
    const m = buildModel([pt(0, 45, 40, 50), pt(H, 65, 60, 70)], 'noise_db', H, Z);
    const a = fitAxis(m.rows, [], 'line', 'noise_db');
    expect(a.min).toBeGreaterThanOrEqual(30);
    expect(a.min).toBeLessThanOrEqual(40);
    expect(a.max).toBeGreaterThanOrEqual(70);
    expect(a.max).toBeLessThanOrEqual(80);
    expect(Number.isInteger(Math.round(((a.max - a.min) / a.interval) * 1e6) / 1e6)).toBe(true);
  });

  it('when a threshold lies near the data, then the axis reaches it; a far one does not squash the data', () => {
    const m = buildModel([pt(0, 0.34, 0.32, 0.36), pt(H, 0.35, 0.33, 0.37)], 'pressure_mpa', H, Z);
    const a = fitAxis(m.rows, [0.15, 1.2], 'line', 'pressure_mpa');
    expect(a.min).toBeLessThanOrEqual(0.15);
    expect(a.min).toBeGreaterThanOrEqual(0);
    expect(a.max).toBeLessThan(1.2);
  });

  it('when bars are drawn, then the axis starts at zero; on/off spans 0…1', () => {
    const m = buildModel([pt(0, 0, 0, 0, 40), pt(H, 0, 0, 0, 60)], 'energy_kwh', H, Z);
    expect(fitAxis(m.rows, [], 'bars', 'energy_kwh').min).toBe(0);
    expect(fitAxis([], [], 'step', 'smoke')).toEqual({ min: 0, max: 1, interval: 1 });
  });

  it('when live readings arrive, then lines get points (after a gap if silent), bars add into the last bucket, and old readings are ignored', () => {
    const t0 = Date.UTC(2026, 0, 1);
    const line = buildModel([pt(t0, 1)], 'pressure_mpa', 60_000, Z);
    expect(appendLive(line, t0 - 1, 5, Z)).toBe(false);
    expect(appendLive(line, t0 + 60_000, 2, Z)).toBe(true);
    expect(appendLive(line, t0 + 60 * 60_000, 3, Z)).toBe(true);
    expect(line.main.map((p) => p[1])).toEqual([1, 2, null, 3]);
    expect(line.base).toHaveLength(4);
    const bars = buildModel([pt(t0, 0, 0, 0, 10)], 'energy_kwh', H, Z);
    appendLive(bars, t0 + 10 * 60_000, 2, Z);
    appendLive(bars, t0 + 2 * H + 5, 3, Z);
    expect(bars.main.map((p) => p[1])).toEqual([12, 3]);
    expect(bars.main[1][0]).toBe(chartTime(t0 + 2 * H, Z));
  });

  it("when alarms are banded, then a period runs raised → returned (or now while active), only for this metric's rules and the device as a whole", () => {
    const a = (id: number, ruleId: string, raisedAt: number, more: Partial<Alarm>) =>
      ({ id, ruleId, raisedAt, severity: 'critical', active: false, returnedAt: null, clearedAt: null, lastAt: raisedAt, ...more }) as Alarm;
    const rules = new Map<string, string | null>([
      ['hydrant.low_pressure', 'pressure_mpa'],
      ['offline.hydrant', null],
      ['other', 'battery_pct'],
    ]);
    const now = 100 * H;
    const bands = alarmBands(
      [
        a(1, 'hydrant.low_pressure', 90 * H, { returnedAt: 91 * H }),
        a(2, 'offline.hydrant', 95 * H, { active: true, severity: 'major' }),
        a(3, 'other', 92 * H, { returnedAt: 93 * H }),
        a(4, 'hydrant.low_pressure', 10 * H, { returnedAt: 11 * H }),
      ],
      rules,
      'pressure_mpa',
      76 * H,
      now,
      now,
    );
    expect(bands.map((b) => [b.from / H, b.to / H, b.severity])).toEqual([
      [90, 91, 'critical'],
      [95, 100, 'major'],
    ]);
  });
});
