import { DEVICE_TYPE_DEFS, type Alarm, type Compound, type Device, type DeviceState, type DeviceStatus, type WorkOrder } from '../../models';

// Evaluators see per-household devices (elderly-care sensors, a flat's own meters) only as one
// aggregate per unit and type: "1栋1单元 独居老人监测 ×6 (汇总)". Nothing names a flat or a floor.

/** A device that belongs to one household: elderly-care sensors, a flat's own meter, anything named after a flat ("101室"). */
export function isHouseholdDevice(d: Device): boolean {
  if (d.type === 'elderly_sensor') return true;
  if ((d.type === 'electric_meter' || d.type === 'water_meter') && d.households === 1) return true;
  return /\d{3,4}室/.test(d.name);
}

export interface HouseholdMask {
  /** Household device id → aggregate device id. */
  aggOf: Map<string, string>;
  /** Aggregate id → its member device ids. */
  members: Map<string, string[]>;
  /** Household device id → its own name ("1栋2单元301室 …"), to take out of free text. */
  nameOf: Map<string, string>;
  /** Aggregate id → its name ("1栋2单元 独居老人监测 ×6（汇总）"). */
  aggName: Map<string, string>;
  /** The compound as an evaluator sees it. */
  doc: Compound;
}

const cache = new WeakMap<Compound, HouseholdMask>();

/** The mask of a compound document (built once per loaded document). */
export function householdMask(doc: Compound): HouseholdMask {
  let m = cache.get(doc);
  if (!m) cache.set(doc, (m = build(doc)));
  return m;
}

function build(doc: Compound): HouseholdMask {
  const aggOf = new Map<string, string>();
  const members = new Map<string, string[]>();
  const nameOf = new Map<string, string>();
  const aggName = new Map<string, string>();
  const groups = new Map<string, Device[]>();
  const kept: Device[] = [];
  for (const d of doc.devices) {
    if (!isHouseholdDevice(d)) {
      kept.push(d);
      continue;
    }
    const where = d.placement.kind === 'building' ? (d.placement.unitId ?? d.placement.buildingId) : 'ground';
    const id = `agg-${where}-${d.type}`.slice(0, 80);
    aggOf.set(d.id, id);
    nameOf.set(d.id, d.name);
    const g = groups.get(id) ?? [];
    g.push(d);
    groups.set(id, g);
  }
  const aggregates: Device[] = [];
  for (const [id, g] of groups) {
    members.set(
      id,
      g.map((d) => d.id),
    );
    const agg = aggregateDevice(doc, id, g);
    aggName.set(id, agg.name);
    aggregates.push(agg);
  }
  return { aggOf, members, nameOf, aggName, doc: { ...doc, devices: [...kept, ...aggregates] } };
}

function aggregateDevice(doc: Compound, id: string, g: Device[]): Device {
  const first = g[0];
  const p = first.placement;
  const b = p.kind === 'building' ? doc.buildings.find((x) => x.id === p.buildingId) : undefined;
  const u = p.kind === 'building' && p.unitId ? b?.units.find((x) => x.id === p.unitId) : undefined;
  const label = `${b ? `${b.number}栋` : ''}${u ? `${u.number}单元` : ''}`;
  const at: [number, number, number] = [avg(g, 0), avg(g, 1), Math.min(...g.map((d) => d.placement.at[2]))];
  const metrics = [...new Set(g.flatMap((d) => d.metrics))].slice(0, 16);
  return {
    id,
    type: first.type,
    name: `${label} ${DEVICE_TYPE_DEFS[first.type]?.zh ?? first.type} ×${g.length}（汇总）`.trim(),
    placement: p.kind === 'building' ? { kind: 'building', buildingId: p.buildingId, ...(p.unitId ? { unitId: p.unitId } : {}), at } : { kind: 'ground', at },
    metrics,
    installedAt: g.map((d) => d.installedAt).sort()[0],
    intervalS: Math.min(...g.map((d) => d.intervalS)),
    ...(first.households !== undefined ? { households: g.reduce((s, d) => s + (d.households ?? 0), 0) } : {}),
  };
}

const avg = (g: Device[], i: number): number => Math.round((g.reduce((s, d) => s + d.placement.at[i], 0) / g.length) * 10) / 10;

const RANK: Record<DeviceStatus, number> = { alarm: 3, online: 2, maintenance: 1, offline: 0 };

/** One aggregate's live state: alarm if any member alarms, online if any is online; meter values summed. */
export function aggregateState(id: string, memberStates: (DeviceState | undefined)[]): DeviceState {
  let status: DeviceStatus = 'offline';
  let lastSeen: number | null = null;
  const values: Record<string, number> = {};
  for (const s of memberStates) {
    if (!s) continue;
    if (RANK[s.status] > RANK[status]) status = s.status;
    if (s.lastSeen !== null && (lastSeen === null || s.lastSeen > lastSeen)) lastSeen = s.lastSeen;
    for (const [m, v] of Object.entries(s.values)) if (m === 'energy_kwh' || m === 'power_kw' || m === 'water_m3') values[m] = (values[m] ?? 0) + v;
  }
  return { deviceId: id, status, lastSeen, values };
}

/** Device states as an evaluator sees them. */
export function maskStates(mask: HouseholdMask, states: DeviceState[], all: Map<string, DeviceState>): DeviceState[] {
  const out = states.filter((s) => !mask.aggOf.has(s.deviceId));
  for (const [id, ids] of mask.members)
    out.push(
      aggregateState(
        id,
        ids.map((m) => all.get(m)),
      ),
    );
  return out;
}

/** An alarm on a household device points at its aggregate and loses free text and values. */
export function maskAlarm(mask: HouseholdMask, a: Alarm): Alarm {
  const agg = mask.aggOf.get(a.deviceId);
  // free text may name the flat or its residents: withheld, like a work order's (the causes in suppressedBy name alarms and work orders only)
  return agg
    ? { ...a, deviceId: agg, value: null, ackComment: a.ackComment && '—', clearComment: a.clearComment && '—', shelveComment: a.shelveComment && '—' }
    : a;
}

/**
 * A work order on a household device, as masked callers get it over REST and Socket.IO alike: it points
 * at the aggregate, its title names the aggregate instead of the flat (a title made from an alarm starts
 * with the device's name), and free text (description, comments) is withheld.
 */
export function maskWorkOrder(mask: HouseholdMask, w: WorkOrder): WorkOrder {
  // a resident's own words (what broke in their flat, their rating comment) stay with the officers
  if (w.source === 'resident') w = { ...w, description: '—', ratingComment: null, comments: w.comments.map((c) => ({ ...c, text: '—' })) };
  const agg = w.deviceId ? mask.aggOf.get(w.deviceId) : undefined;
  if (!agg) return w;
  const own = mask.nameOf.get(w.deviceId!) ?? '';
  const aggName = mask.aggName.get(agg) ?? agg;
  const title = own && w.title.startsWith(own) && !/\d{3,4}室/.test(w.title.slice(own.length)) ? aggName + w.title.slice(own.length) : aggName;
  return { ...w, deviceId: agg, title, location: null, description: '—', comments: w.comments.map((c) => ({ ...c, text: '—' })) };
}
