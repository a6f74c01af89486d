import type { Building, Compound, Device, Unit } from '../../models/compound';
import { DEVICE_TYPES, type DeviceType } from '../../models/deviceTypes';
import { bounds, pointInRing, ringArea, ringCentroid, type Point2 } from '../../models/geo';

/** Lookups over a compound that the scene and panels need, built once per load. */
export interface TwinIndex {
  buildingById: Map<string, Building>;
  /** Position of each building in compound.buildings; the scene's per-building attribute. */
  buildingIndex: Map<string, number>;
  deviceById: Map<string, Device>;
  /** Devices of each type in instance order: instance i of the type's mesh is byType[type][i]. */
  byType: Record<DeviceType, Device[]>;
  instanceOf: Map<string, { type: DeviceType; index: number }>;
  devicesByBuilding: Map<string, Device[]>;
  /** Floor a device sits on (from placement, or from its height), null outdoors. */
  deviceFloor: Map<string, number | null>;
  unitById: Map<string, { building: Building; unit: Unit }>;
  /** Devices inside a footprint (meters, detectors, sensors): drawn only when their building is opened. */
  indoor: Set<string>;
  /** A point inside each footprint for labels, picking and camera targets (local metres). */
  anchor: Map<string, Point2>;
  bounds: { minX: number; minY: number; maxX: number; maxY: number; maxZ: number };
}

/** Height of a building's roof above the ground (a lifted part starts at baseHeight). */
export function buildingHeight(b: Building): number {
  return (b.baseHeight ?? 0) + b.floors * b.floorHeight;
}

/** Inside the footprint and not in a courtyard. */
export function inFootprint(p: Point2, b: Pick<Building, 'footprint' | 'holes'>): boolean {
  return pointInRing(p, b.footprint) && !(b.holes ?? []).some((h) => pointInRing(p, h));
}

/**
 * The centroid when it lies inside the footprint (not in a courtyard); around a courtyard, the point of
 * the ring farthest from every wall; else the centroid of the largest fan triangle that lies inside.
 */
export function footprintAnchor(ring: readonly Point2[], holes: readonly (readonly Point2[])[] = []): Point2 {
  const inside = (p: Point2) => pointInRing(p, ring) && !holes.some((h) => pointInRing(p, h));
  const c = ringCentroid(ring);
  if (inside(c)) return c;
  // fan centroids can fall in a courtyard or hug its wall: search a grid for the roomiest spot instead
  if (holes.length) return roomiest(ring, holes, inside) ?? ring[0];
  let best: Point2 = ring[0];
  let bestArea = -1;
  for (let i = 1; i + 1 < ring.length; i++) {
    const tri: Point2[] = [ring[0], ring[i], ring[i + 1]];
    const a = Math.abs(ringArea(tri));
    const m: Point2 = [(tri[0][0] + tri[1][0] + tri[2][0]) / 3, (tri[0][1] + tri[1][1] + tri[2][1]) / 3];
    if (a > bestArea && inside(m)) {
      bestArea = a;
      best = m;
    }
  }
  return best;
}

/** The grid point (40 × 40 over the bounds) inside the footprint that is farthest from every ring. */
function roomiest(ring: readonly Point2[], holes: readonly (readonly Point2[])[], inside: (p: Point2) => boolean): Point2 | null {
  const bb = bounds(ring);
  let best: Point2 | null = null;
  let room = -1;
  for (let i = 0; i < 40; i++) {
    for (let j = 0; j < 40; j++) {
      const p: Point2 = [bb.minX + ((i + 0.5) / 40) * (bb.maxX - bb.minX), bb.minY + ((j + 0.5) / 40) * (bb.maxY - bb.minY)];
      if (!inside(p)) continue;
      const d = Math.min(distanceToRing(p, ring), ...holes.map((h) => distanceToRing(p, h)));
      if (d > room) {
        room = d;
        best = p;
      }
    }
  }
  return best;
}

function distanceToRing(p: Point2, ring: readonly Point2[]): number {
  let best = Infinity;
  for (let i = 0; i < ring.length; i++) {
    const [ax, ay] = ring[i];
    const [bx, by] = ring[(i + 1) % ring.length];
    const dx = bx - ax;
    const dy = by - ay;
    const k = Math.max(0, Math.min(1, ((p[0] - ax) * dx + (p[1] - ay) * dy) / (dx * dx + dy * dy || 1)));
    best = Math.min(best, Math.hypot(p[0] - (ax + dx * k), p[1] - (ay + dy * k)));
  }
  return best;
}

/** Inside the walls, not on them: an entrance gate or a wall camera sits on the outline and stays visible. */
export function isIndoor(d: Device, b: Building | undefined): boolean {
  if (d.placement.kind !== 'building' || !b || b.use === 'bikeshed') return false;
  const p: Point2 = [d.placement.at[0], d.placement.at[1]];
  return inFootprint(p, b) && distanceToRing(p, b.footprint) > 0.5 && (b.holes ?? []).every((h) => distanceToRing(p, h) > 0.5);
}

export function deviceFloorOf(d: Device, b: Building | undefined): number | null {
  const p = d.placement;
  if (p.kind !== 'building' || !b) return null;
  if (p.floor !== undefined) return p.floor;
  const f = Math.floor(p.at[2] / b.floorHeight) + 1;
  return Math.min(Math.max(f, 0), b.floors);
}

export function buildTwinIndex(c: Compound): TwinIndex {
  const buildingById = new Map<string, Building>();
  const buildingIndex = new Map<string, number>();
  const unitById = new Map<string, { building: Building; unit: Unit }>();
  const anchor = new Map<string, Point2>();
  let maxZ = 0;
  c.buildings.forEach((b, i) => {
    buildingById.set(b.id, b);
    buildingIndex.set(b.id, i);
    anchor.set(b.id, footprintAnchor(b.footprint, b.holes));
    for (const u of b.units) unitById.set(u.id, { building: b, unit: u });
    maxZ = Math.max(maxZ, buildingHeight(b));
  });
  const byType = Object.fromEntries(DEVICE_TYPES.map((t) => [t, [] as Device[]])) as Record<DeviceType, Device[]>;
  const deviceById = new Map<string, Device>();
  const instanceOf = new Map<string, { type: DeviceType; index: number }>();
  const devicesByBuilding = new Map<string, Device[]>();
  const deviceFloor = new Map<string, number | null>();
  const indoor = new Set<string>();
  for (const d of c.devices) {
    deviceById.set(d.id, d);
    const list = byType[d.type];
    instanceOf.set(d.id, { type: d.type, index: list.length });
    list.push(d);
    const p = d.placement;
    const b = p.kind === 'building' ? buildingById.get(p.buildingId) : undefined;
    deviceFloor.set(d.id, deviceFloorOf(d, b));
    if (isIndoor(d, b)) indoor.add(d.id);
    if (p.kind === 'building') {
      const arr = devicesByBuilding.get(p.buildingId);
      if (arr) arr.push(d);
      else devicesByBuilding.set(p.buildingId, [d]);
    }
  }
  const pts: Point2[] = [...c.redLine];
  for (const b of c.buildings) pts.push(...b.footprint);
  const bb = bounds(pts);
  return { buildingById, buildingIndex, deviceById, byType, instanceOf, devicesByBuilding, deviceFloor, indoor, unitById, anchor, bounds: { ...bb, maxZ } };
}
