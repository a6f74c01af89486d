import { countAlarms, type Alarm, type Device, type Kpis } from '../../models';
import type { Db } from '../db/db';
import { kpiFigures, type KpiFigures } from '../db/kpi.repo';
import { startOfZoneDay } from '../../models/zoneTime';
import { isolated } from '../live/isolated';
import type { RealtimeHub } from '../realtime/hub';
import type { Twin, Twins } from '../live/twins';

/** Meters whose sum is the compound's use: building-level and public meters, not household sub-meters. */
export function isAggregateMeter(d: Device, metric: 'energy_kwh' | 'water_m3'): boolean {
  if (metric === 'energy_kwh') return d.type === 'public_meter' || (d.type === 'electric_meter' && d.households !== 1);
  return d.type === 'water_meter' && d.households !== 1;
}

/**
 * The alarm counts of the KPIs, from the open alarms in memory with the one definition of every count
 * (models/alarmState.ts) that the list, the wall and `GET /alarms?state=` use. Cheap: read fresh on every request.
 */
export function alarmFigures(twin: Twin): AlarmKpis {
  return alarmKpis(twin.alarms.values());
}

export type AlarmKpis = Pick<Kpis, 'alarmsActive' | 'alarmsUnacknowledged' | 'alarmsAttention' | 'alarmsReturnedUnack' | 'alarmsShelved' | 'alarmsSuppressed'>;

/** The KPI alarm counts of any set of alarms: the live twin's, or replay's alarms as they were at t. */
export function alarmKpis(alarms: Iterable<Alarm>): AlarmKpis {
  const c = countAlarms(alarms);
  return {
    alarmsActive: c.active,
    alarmsUnacknowledged: c.unackTotal,
    alarmsAttention: c.attention,
    alarmsReturnedUnack: c.returnedUnack,
    alarmsShelved: c.shelved,
    alarmsSuppressed: c.suppressed + c.outOfService,
  };
}

/** Stored figures when they cannot be read: nothing claimed rather than a wrong number. */
const NO_FIGURES: KpiFigures = { alarmsToday: 0, ackMedianS: null, clearMedianS: null, energyTodayKwh: 0, energyYesterdayKwh: 0, waterTodayM3: 0 };

/** Computes each compound's KPIs and pushes `kpi:update` when they change. */
export class KpiService {
  private readonly meterIds = new Map<string, { energy: string[]; water: string[] }>();

  constructor(
    private readonly db: Db,
    private readonly twins: Twins,
    private readonly hub: RealtimeHub,
    private readonly log: (msg: string) => void = console.error,
  ) {}

  private meters(twin: Twin) {
    let m = this.meterIds.get(twin.entry.doc.id);
    if (!m || m.energy.length + m.water.length === 0) {
      const ds = twin.entry.doc.devices;
      m = {
        energy: ds.filter((d) => isAggregateMeter(d, 'energy_kwh')).map((d) => d.id),
        water: ds.filter((d) => isAggregateMeter(d, 'water_m3')).map((d) => d.id),
      };
      this.meterIds.set(twin.entry.doc.id, m);
    }
    return m;
  }

  async compute(compoundId: string, now = Date.now()): Promise<Kpis> {
    const twin = this.twins.get(compoundId);
    if (!twin) throw new Error(`unknown compound ${compoundId}`);
    const m = this.meters(twin);
    return this.assemble(twin, await kpiFigures(this.db, compoundId, m.energy, m.water, now, twin.entry.doc.timeZone), now);
  }

  /** KPIs from the figures read from the database plus what the twin holds in memory. */
  private assemble(twin: Twin, f: KpiFigures, now: number): Kpis {
    const { total, online } = twin.live.counts();
    let woOpen = 0,
      woToday = 0,
      woOverdue = 0;
    const dayStart = startOfZoneDay(now, twin.entry.doc.timeZone);
    for (const w of twin.workOrders.values()) {
      if (w.status !== 'closed') woOpen++;
      if (w.createdAt >= dayStart) woToday++;
      if (w.status !== 'closed' && w.status !== 'resolved' && now > w.createdAt + w.slaResolveMin * 60_000) woOverdue++;
    }
    const kpis: Kpis = {
      at: now,
      devicesTotal: total,
      devicesOnline: online,
      onlinePct: total ? Math.round((online / total) * 1000) / 10 : 0,
      ...alarmFigures(twin),
      alarmsToday: f.alarmsToday,
      ackMedianS: f.ackMedianS,
      clearMedianS: f.clearMedianS,
      workOrdersOpen: woOpen,
      workOrdersToday: woToday,
      workOrdersOverdue: woOverdue,
      energyTodayKwh: Math.round(f.energyTodayKwh * 10) / 10,
      energyYesterdayKwh: Math.round(f.energyYesterdayKwh * 10) / 10,
      waterTodayM3: Math.round(f.waterTodayM3 * 100) / 100,
    };
    return kpis;
  }

  /**
   * Computes every compound's KPIs, each on its own: a compound whose figures fail is logged by name and
   * keeps its last KPIs (or, at start-up, the in-memory part with no stored figures) while the others go on
   * (the database being away fails the whole pass).
   * `emit` pushes `kpi:update` where something other than the timestamp changed.
   */
  async computeAll(emit: boolean): Promise<void> {
    // at start-up every compound gets its figures; afterwards each owner keeps its own up to date
    for (const twin of emit ? this.twins.owned() : this.twins.all()) {
      const id = twin.entry.doc.id;
      const prev = twin.kpis;
      const computed = await isolated(`[kpis] ${id}: KPIs not computed, keeping the last ones`, this.log, () => this.compute(id));
      if (!computed && prev) continue;
      const k = computed ?? this.assemble(twin, NO_FIGURES, Date.now());
      twin.kpis = k;
      if (emit && (!prev || JSON.stringify({ ...prev, at: 0 }) !== JSON.stringify({ ...k, at: 0 }))) this.hub.emit(id, 'kpi:update', { kpis: k });
    }
  }

  /** The maintenance pass: every compound, changes pushed. */
  tick(): Promise<void> {
    return this.computeAll(true);
  }
}
