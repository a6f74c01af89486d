import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAggregateMeter } from './kpi.service';
import { CompoundRegistry } from '../compounds/registry';
import type { Db } from '../db/db';
import { kpiDays, kpiFigures } from '../db/kpi.repo';
import { insertReadingsRaw, querySeries, refreshAggregates } from '../db/readings.repo';
import { energyMap } from '../energy/energy.service';
import { DAY, resolveWindow, splitWindow } from '../energy/windows';
import { isWeekend, localHour } from '../simulator/profiles';
import { storageDrivers } from '../testing/databases';
import { buildYaguangXincun } from '../tools/demoCompounds';

/**
 * One time zone per compound: a compound kept in Europe/Berlin gets its "today" from Berlin midnight in the KPIs,
 * the energy windows, the daily series and the simulator's clock — never from a fixed +8 h or Asia/Shanghai.
 */
const BERLIN = 'Europe/Berlin';
const SHANGHAI = 'Asia/Shanghai';
// 2026-01-15 10:00 in Berlin (UTC+1 in winter), 17:00 in Shanghai.
const NOW = Date.UTC(2026, 0, 15, 9, 0);
const BERLIN_MIDNIGHT = Date.UTC(2026, 0, 14, 23, 0);
const SHANGHAI_MIDNIGHT = Date.UTC(2026, 0, 14, 16, 0);

describe('day windows in the compound time zone (pure)', () => {
  it('when a Berlin compound asks for "today", then the window starts at Berlin midnight, not at China midnight', () => {
    expect(resolveWindow({ window: 'today' }, NOW, BERLIN)).toEqual({ from: BERLIN_MIDNIGHT, to: NOW });
    expect(resolveWindow({ window: 'today' }, NOW, SHANGHAI)).toEqual({ from: SHANGHAI_MIDNIGHT, to: NOW });
    // summer time: Berlin is UTC+2
    const july = Date.UTC(2026, 6, 1, 12);
    expect(resolveWindow({ window: 'today' }, july, BERLIN).from).toBe(Date.UTC(2026, 5, 30, 22));
  });

  it('when KPI days are computed across the spring-forward night, then yesterday is the 23-hour day and its "same time" stays before today', () => {
    const now = Date.UTC(2026, 2, 30, 8); // Mon 30 Mar 10:00 CEST; Sun 29 Mar had 23 hours in Berlin
    const d = kpiDays(now, BERLIN);
    expect(d.today).toBe(Date.UTC(2026, 2, 29, 22));
    expect(d.yesterday).toBe(Date.UTC(2026, 2, 28, 23));
    expect(d.yesterdayTo).toBe(d.yesterday + (now - d.today));
    expect(d.yesterdayTo).toBeLessThanOrEqual(d.today);
  });

  it('when a Berlin window is split, then no part is read from the Asia/Shanghai daily aggregate and the parts still tile it', () => {
    const from = BERLIN_MIDNIGHT - 5 * DAY;
    const parts = splitWindow(from, NOW, Infinity, BERLIN);
    expect(parts.some((p) => p.source === 'daily')).toBe(false);
    expect(parts[0].from).toBe(from);
    expect(parts.at(-1)!.to).toBe(NOW);
    for (let i = 1; i < parts.length; i++) expect(parts[i].from).toBe(parts[i - 1].to);
    expect(splitWindow(SHANGHAI_MIDNIGHT - 5 * DAY, NOW, Infinity, SHANGHAI).some((p) => p.source === 'daily')).toBe(true);
  });

  it('when the simulator plays a Berlin compound, then its morning and weekend are Berlin ones', () => {
    expect(localHour(NOW, BERLIN)).toBe(10);
    expect(localHour(NOW, SHANGHAI)).toBe(17);
    expect(localHour(Date.UTC(2026, 6, 1, 12), BERLIN)).toBe(14);
    // Fri 16 Jan 23:30 UTC is Saturday 00:30 in Berlin; 22:30 UTC is still Friday there
    expect(isWeekend(Date.UTC(2026, 0, 16, 23, 30), BERLIN)).toBe(true);
    expect(isWeekend(Date.UTC(2026, 0, 16, 22, 30), BERLIN)).toBe(false);
    expect(isWeekend(Date.UTC(2026, 0, 18, 16, 30), SHANGHAI)).toBe(false); // Monday 00:30 in Shanghai
    expect(isWeekend(Date.UTC(2026, 0, 18, 16, 30), BERLIN)).toBe(true); // Sunday 17:30 in Berlin
  });
});

describe.each(storageDrivers())('day windows in the compound time zone on $name', ({ open }) => {
  let db: Db;
  let done: () => Promise<void>;
  const registry = new CompoundRegistry();
  const doc = { ...buildYaguangXincun(), id: 'berlin-test', timeZone: BERLIN };
  const entry = registry.set(doc);
  const meters = doc.devices.filter((d) => isAggregateMeter(d, 'energy_kwh'));
  const meter = meters[0].id;
  const building = meters[0].placement.kind === 'building' ? meters[0].placement.buildingId : '';

  beforeAll(async () => {
    ({ db, done } = await open());
    // yesterday 09:30 Berlin (inside "yesterday up to now"), yesterday 23:30 Berlin (= 06:30 today in Shanghai), today 00:30 Berlin
    await insertReadingsRaw(db, {
      ts: [Date.UTC(2026, 0, 14, 8, 30), Date.UTC(2026, 0, 14, 22, 30), Date.UTC(2026, 0, 14, 23, 30)],
      deviceIds: [meter, meter, meter],
      metrics: ['energy_kwh', 'energy_kwh', 'energy_kwh'],
      values: [7, 100, 1],
    });
    await db.query(
      `insert into alarms (compound_id, device_id, device_type, rule_id, severity, message_zh, message_en, raised_at, last_at)
       values ('berlin-test', $1, 'electric_meter', 'r', 'minor', '测试', 'test', to_timestamp($2 / 1000.0), to_timestamp($2 / 1000.0))`,
      [meter, Date.UTC(2026, 0, 14, 22, 30)],
    );
    await refreshAggregates(db, 24 * 400 * 2);
  });
  afterAll(async () => done?.());

  it("when the KPIs of a Berlin compound are read, then today's energy and alarms count from Berlin midnight", async () => {
    const berlin = await kpiFigures(db, 'berlin-test', [meter], [], NOW, BERLIN);
    expect(berlin.energyTodayKwh).toBe(1);
    expect(berlin.energyYesterdayKwh).toBe(7);
    expect(berlin.alarmsToday).toBe(0);
    // the same rows seen from Shanghai: the 23:30 Berlin reading and alarm are "today" there
    const shanghai = await kpiFigures(db, 'berlin-test', [meter], [], NOW, SHANGHAI);
    expect(shanghai.energyTodayKwh).toBe(101);
    expect(shanghai.alarmsToday).toBe(1);
  });

  it('when a Berlin compound\'s energy map is asked for "today", then it sums from Berlin midnight', async () => {
    const map = await energyMap(db, entry, { metric: 'energy_kwh', window: 'today', level: 'building', per: 'total' } as never, NOW);
    expect(map.from).toBe(BERLIN_MIDNIGHT);
    expect(map.items.find((i) => i.id === building)!.total).toBe(1);
  });

  it("when a Berlin device's daily series is read, then its days start at Berlin midnight", async () => {
    const pts = await querySeries(db, meter, 'energy_kwh', BERLIN_MIDNIGHT - 2 * DAY, NOW, '1d', BERLIN);
    expect(pts.map((p) => [p.t, p.sum])).toEqual([
      [BERLIN_MIDNIGHT - DAY, 107],
      [BERLIN_MIDNIGHT, 1],
    ]);
    const cst = await querySeries(db, meter, 'energy_kwh', SHANGHAI_MIDNIGHT - 2 * DAY, NOW, '1d', SHANGHAI);
    expect(cst.map((p) => [p.t, p.sum])).toEqual([
      [SHANGHAI_MIDNIGHT - DAY, 7],
      [SHANGHAI_MIDNIGHT, 101],
    ]);
  });
});
