import type { Compound, District, Kpis, DistrictBuilding, DistrictCompound, DistrictContext, DistrictFigures, Rubric, Severity } from '../../models';
import { alarmState, ATTENTION_STATES } from '../../models';
import type { Db } from '../db/db';
import type { KpiService } from '../kpi/kpi.service';
import type { Twin, Twins } from '../live/twins';
import { rate } from '../rating/rating.service';

/** How long a compound's star level is reused: the rating reads hours of stored history, it does not move by the second. */
export const LEVEL_TTL_MS = 60_000;

type Level = DistrictCompound['level'];

const zero = (): Record<Severity, number> => ({ critical: 0, major: 0, minor: 0, warning: 0 });

/**
 * The figures of one compound as its console's KPI bar shows them: devices, online and open work orders
 * from the KPIs (the figures GET /compounds/:id/kpis answers), open alarms counted now from the twin's
 * alarms with the one definition (calling for attention: unack + ack + rtn_unack, countAlarms), by severity;
 * households and residents from the document.
 */
export function compoundFigures(
  twin: Twin,
  kpis: Pick<Kpis, 'devicesTotal' | 'devicesOnline' | 'onlinePct' | 'workOrdersOpen'>,
  households: number,
): DistrictFigures {
  const bySeverity = zero();
  let open = 0;
  for (const a of twin.alarms.values()) {
    if (!ATTENTION_STATES.includes(alarmState(a))) continue;
    bySeverity[a.severity]++;
    open++;
  }
  return {
    devices: kpis.devicesTotal,
    online: kpis.devicesOnline,
    onlinePct: kpis.onlinePct,
    openAlarms: open,
    alarmsBySeverity: bySeverity,
    workOrdersOpen: kpis.workOrdersOpen,
    households,
    residents: twin.entry.doc.residents,
  };
}

/** The buildings as the district draws them (no units, no devices) and a light copy of the ground: once per document. */
const shapes = new WeakMap<Compound, { buildings: DistrictBuilding[]; context: DistrictContext }>();

export function compoundShapes(c: Compound): { buildings: DistrictBuilding[]; context: DistrictContext } {
  let s = shapes.get(c);
  if (!s) {
    const buildings = c.buildings.map((b): DistrictBuilding => {
      const base = b.baseHeight ?? 0;
      const out: DistrictBuilding = { id: b.id, footprint: b.footprint, base, height: base + b.floors * b.floorHeight, use: b.use };
      if (b.holes?.length) out.holes = b.holes;
      return out;
    });
    const ctx = c.context;
    const context: DistrictContext = {
      roads: (ctx?.roads ?? []).map((r) => ({ kind: r.kind, width: r.width, line: r.line })),
      roadAreas: c.roads.map((r) => r.polygon),
      water: (ctx?.water ?? []).map((w) => w.polygon),
      green: [...c.greens.map((g) => g.polygon), ...(ctx?.green ?? []).map((g) => g.polygon)],
    };
    s = { buildings, context };
    shapes.set(c, s);
  }
  return s;
}

/** Sums figures; the online rate is that of the summed devices. */
export function sumFigures(all: readonly DistrictFigures[]): DistrictFigures {
  const t: DistrictFigures = {
    devices: 0,
    online: 0,
    onlinePct: 0,
    openAlarms: 0,
    alarmsBySeverity: zero(),
    workOrdersOpen: 0,
    households: 0,
    residents: 0,
  };
  for (const f of all) {
    t.devices += f.devices;
    t.online += f.online;
    t.openAlarms += f.openAlarms;
    for (const s of Object.keys(t.alarmsBySeverity) as Severity[]) t.alarmsBySeverity[s] += f.alarmsBySeverity[s];
    t.workOrdersOpen += f.workOrdersOpen;
    t.households += f.households;
    t.residents += f.residents;
  }
  t.onlinePct = t.devices ? Math.round((t.online / t.devices) * 1000) / 10 : 0;
  return t;
}

/** The district of a set of compounds: star levels are rated with the rating service and kept for LEVEL_TTL_MS per document and rubric. */
export class DistrictService {
  private readonly levels = new Map<string, { doc: Compound; at: number; level: Level }>();

  constructor(
    private readonly db: Db,
    private readonly twins: Twins,
    private readonly kpis: KpiService,
  ) {}

  /** The KPIs GET /compounds/:id/kpis answers: the last computed ones while under 10 s old, else computed now. */
  private async kpisOf(twin: Twin): Promise<Kpis> {
    return twin.kpis && Date.now() - twin.kpis.at < 10_000 ? twin.kpis : await this.kpis.compute(twin.entry.doc.id);
  }

  private async level(doc: Compound, rubric: Rubric, now: number): Promise<Level> {
    const key = `${doc.id}|${rubric.id}`;
    const hit = this.levels.get(key);
    if (hit && hit.doc === doc && now - hit.at < LEVEL_TTL_MS) return hit.level;
    const report = await rate(this.db, doc, rubric, now);
    const level: Level = report.level ? { ...report.level, rank: rubric.levels.findIndex((l) => l.id === report.level!.id) + 1 } : null;
    this.levels.set(key, { doc, at: now, level });
    return level;
  }

  /**
   * `scope`: the caller's compounds (null: every compound). Only those twins are read: the scope selects,
   * it does not filter an answer built for everyone. Ordered by id, as GET /compounds.
   */
  async build(scope: readonly string[] | null, rubric: Rubric, now = Date.now()): Promise<District> {
    const ids = scope === null ? this.twins.registry.ids() : [...new Set(scope)].sort();
    const compounds: DistrictCompound[] = [];
    for (const id of ids) {
      const twin = this.twins.get(id);
      if (!twin) continue;
      const { doc, summary } = twin.entry;
      const { buildings, context } = compoundShapes(doc);
      compounds.push({
        id: doc.id,
        name: doc.name,
        nameEn: doc.nameEn,
        city: doc.city,
        district: doc.district ?? null,
        origin: doc.origin,
        redLine: doc.redLine,
        buildings,
        context,
        level: await this.level(doc, rubric, now),
        ...compoundFigures(twin, await this.kpisOf(twin), summary.households),
      });
    }
    let minLat = Infinity,
      maxLat = -Infinity,
      minLon = Infinity,
      maxLon = -Infinity;
    for (const c of compounds) {
      minLat = Math.min(minLat, c.origin.lat);
      maxLat = Math.max(maxLat, c.origin.lat);
      minLon = Math.min(minLon, c.origin.lon);
      maxLon = Math.max(maxLon, c.origin.lon);
    }
    const centre = compounds.length ? { lat: (minLat + maxLat) / 2, lon: (minLon + maxLon) / 2 } : { lat: 0, lon: 0 };
    return {
      rubric: { id: rubric.id, name: rubric.name, levels: rubric.levels.length },
      centre,
      compounds,
      totals: { compounds: compounds.length, ...sumFigures(compounds) },
    };
  }
}
