import { z } from 'zod';
import { allInRing, LatLonSchema, Point2Schema, RingSchema } from './geo';
import { DEVICE_TYPES, DeviceTypeSchema, MetricSchema } from './deviceTypes';
import { CameraStreamSchema, CameraViewSchema, CompoundVideoSchema } from './video';
import { CompoundOperationsSchema, DeviceMaintenanceSchema } from './operations';

const IdSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'ids are 1–64 lowercase letters, digits, - or _');

/** Household aggregates for one floor of one unit: counts only, never names or personal data. */
export const FloorSchema = z
  .strictObject({
    level: z.int().min(1).max(200),
    households: z.int().min(0).max(100),
    occupied: z.int().min(0).max(100),
    elderlyAlone: z.int().min(0).max(100),
  })
  .refine((f) => f.occupied <= f.households && f.elderlyAlone <= f.occupied, {
    message: 'occupied must be ≤ households and elderlyAlone ≤ occupied',
  });
export type Floor = z.infer<typeof FloorSchema>;

/** A unit (单元): one stairwell entrance, spanning a slice of the building along its long axis. */
export const UnitSchema = z.strictObject({
  id: IdSchema,
  number: z.int().min(1).max(99),
  /** Slice of the building's long axis this unit occupies, as fractions 0..1. */
  span: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]).refine(([a, b]) => a < b, 'span must be [from, to] with from < to'),
  /** The unit's entrance door, local metres. */
  entrance: Point2Schema,
  residents: z.int().min(0).max(10_000),
  floors: z.array(FloorSchema).min(1).max(200),
});
export type Unit = z.infer<typeof UnitSchema>;

/**
 * What a building is used for. Only `residential` buildings have units and households; every other
 * class gets the device kit that fits it and its own tint. `public` is a public-service building
 * (property office, pump house, community centre), `commercial` a shop or mixed commercial block as
 * the demo files use it; `retail` … `parking` are the classes imports map data onto; `unknown` is a
 * footprint whose data says nothing about its use (Microsoft ML footprints, bare polygons).
 */
export const BUILDING_USES = [
  'residential',
  'public',
  'commercial',
  'retail',
  'office',
  'school',
  'hospital',
  'hotel',
  'industrial',
  'parking',
  'garage',
  'bikeshed',
  'unknown',
] as const;
export const BuildingUseSchema = z.enum(BUILDING_USES);
export type BuildingUse = z.infer<typeof BuildingUseSchema>;

/** An optional glTF/GLB model that replaces the extrusion. */
export const BuildingModelSchema = z.strictObject({
  url: z.string().min(1).max(500),
  origin: z.tuple([z.number(), z.number(), z.number()]),
  rotationDeg: z.number().default(0),
  scale: z.number().positive().default(1),
});

export const BuildingSchema = z.strictObject({
  id: IdSchema,
  /** The number painted on the building, shown as "3栋" / "Bldg 3". */
  number: z.string().min(1).max(16),
  name: z.string().max(64).optional(),
  /** The building's name in English (files name service buildings in Chinese; without it the console translates known kinds: 泵房 → Pump house). */
  nameEn: z.string().max(64).optional(),
  use: BuildingUseSchema,
  footprint: RingSchema,
  /** Courtyards / light wells cut out of the footprint (inner rings, local metres). Optional: older files have none. */
  holes: z.array(RingSchema).max(100).optional(),
  /** Metres above ground where the extrusion starts (an OSM building:part with min_height, e.g. a skybridge). Default 0. */
  baseHeight: z.number().min(0).max(1000).optional(),
  floors: z.int().min(1).max(200),
  floorHeight: z.number().min(2).max(8),
  builtYear: z.int().min(1900).max(2100).optional(),
  units: z.array(UnitSchema).max(50),
  model: BuildingModelSchema.optional(),
});
export type Building = z.infer<typeof BuildingSchema>;

export const Point3Schema = z.tuple([z.number().finite(), z.number().finite(), z.number().finite()]);
export type Point3 = z.infer<typeof Point3Schema>;

/** Where a device is: inside/on a building (unit and floor when known) or a ground point. `at` is x, y (local metres), z (height). */
export const DevicePlacementSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('building'),
    buildingId: IdSchema,
    unitId: IdSchema.optional(),
    floor: z.int().min(0).max(200).optional(),
    at: Point3Schema,
  }),
  z.strictObject({ kind: z.literal('ground'), at: Point3Schema }),
]);
export type DevicePlacement = z.infer<typeof DevicePlacementSchema>;

export const DeviceSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}$/, 'device ids are 1–80 letters, digits, _ . : or -'),
  type: DeviceTypeSchema,
  name: z.string().min(1).max(120),
  placement: DevicePlacementSchema,
  metrics: z.array(MetricSchema).min(1).max(16),
  installedAt: z.iso.date(),
  /** Seconds between readings in normal operation. */
  intervalS: z.int().min(1).max(86_400),
  /** Households a meter serves (for per-household energy); 0 for shared/public. */
  households: z.int().min(0).max(10_000).optional(),
  /** Cameras: where the stream gateway serves this camera (else the compound's `video.gateway`). */
  stream: CameraStreamSchema.optional(),
  /** Cameras: where it looks (drawn as its view cone; the coverage analysis uses it). */
  view: CameraViewSchema.optional(),
  /** Cameras: pan-tilt-zoom. Only fixed cameras are modelled; a PTZ camera's view is its home position. */
  ptz: z.boolean().optional(),
  /** Who maintains it, its model, warranty and costs (over the compound's `maintenance.byType` defaults). */
  maintenance: DeviceMaintenanceSchema.optional(),
});
export type Device = z.infer<typeof DeviceSchema>;

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** True for an IANA zone name Intl accepts ("Asia/Shanghai"); false for offsets, abbreviations and junk. */
export function isTimeZone(tz: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const AreaSchema = z.strictObject({ id: IdSchema, name: z.string().max(64).optional(), polygon: RingSchema });
export const RoadSchema = AreaSchema.extend({ kind: z.enum(['main', 'lane', 'path']) });

/** Road classes of the surroundings (OSM highway=* folded to these); the width is per road, defaulted by class on import. */
export const CONTEXT_ROAD_CLASSES = ['motorway', 'trunk', 'primary', 'secondary', 'tertiary', 'residential', 'service', 'path', 'rail'] as const;
export const ContextRoadSchema = z.strictObject({
  kind: z.enum(CONTEXT_ROAD_CLASSES),
  /** Carriageway width in metres, drawn as a band centred on the line. */
  width: z.number().min(0.5).max(80),
  /** Centre line, local metres, at least two points. */
  line: z.array(Point2Schema).min(2).max(10_000),
  name: z.string().max(64).optional(),
});
export type ContextRoad = z.infer<typeof ContextRoadSchema>;

/** A polygon of the surroundings with optional holes (an island in a lake), local metres. */
export const ContextAreaSchema = z.strictObject({ polygon: RingSchema, holes: z.array(RingSchema).max(100).optional() });
export type ContextArea = z.infer<typeof ContextAreaSchema>;

export const CONTEXT_LANDUSE_KINDS = ['residential', 'commercial', 'industrial', 'education', 'health', 'other'] as const;

/**
 * The site's surroundings, drawn on the ground under it and never picked: roads, water, green and
 * land use, and the neighbouring buildings outside the red line as a quiet backdrop. Optional: files
 * written before imports knew context have none. Everything is local metres around `origin`.
 */
export const ContextSchema = z.strictObject({
  roads: z.array(ContextRoadSchema).max(20_000),
  water: z.array(ContextAreaSchema).max(5_000),
  green: z.array(ContextAreaSchema).max(5_000),
  landuse: z.array(ContextAreaSchema.extend({ kind: z.enum(CONTEXT_LANDUSE_KINDS) })).max(5_000),
  neighbours: z
    .array(
      z.strictObject({
        footprint: RingSchema,
        /** Metres, roof height above ground. */
        height: z.number().min(1).max(1000),
      }),
    )
    .max(20_000),
});
export type CompoundContext = z.infer<typeof ContextSchema>;

/** Where an imported compound came from, shown in the import report and the building panel. */
export const ImportSourceSchema = z.strictObject({
  /** The footprint profile the importer used (osm, tilezen, overture, msft, cn-gis, generic). */
  profile: z.string().max(32),
  crs: z.string().max(16),
  importedAt: z.iso.datetime(),
});

export const CompoundSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    id: IdSchema,
    name: z.string().min(1).max(64),
    nameEn: z.string().min(1).max(64),
    province: z.string().max(32),
    city: z.string().max(32),
    district: z.string().max(32).optional(),
    /** IANA time zone of the compound: its days, hours and every time shown for it (server windows and client formatting alike). */
    timeZone: z.string().max(64).refine(isTimeZone, { message: 'not an IANA time zone this server knows (e.g. Asia/Shanghai)' }).default(DEFAULT_TIME_ZONE),
    builtYear: z.int().min(1900).max(2100),
    residents: z.int().min(0).max(1_000_000),
    origin: LatLonSchema,
    redLine: RingSchema,
    roads: z.array(RoadSchema).max(1000),
    greens: z.array(AreaSchema).max(1000),
    context: ContextSchema.optional(),
    /** Cameras' stream gateway for the compound (see models/video.ts). */
    video: CompoundVideoSchema.optional(),
    /** Upkeep defaults per device type (a retrofit contracts maintenance per system); a device's own `maintenance` wins. */
    maintenance: z.strictObject({ byType: z.partialRecord(z.enum(DEVICE_TYPES), DeviceMaintenanceSchema) }).optional(),
    /** Parking spaces and charger ports: the denominators of the operations page's occupancy and utilisation. */
    operations: CompoundOperationsSchema.optional(),
    source: ImportSourceSchema.optional(),
    buildings: z.array(BuildingSchema).min(1).max(5000),
    devices: z.array(DeviceSchema).max(200_000),
  })
  .superRefine((c, ctx) => {
    const bIds = new Map<string, Building>();
    c.buildings.forEach((b, i) => {
      if (bIds.has(b.id)) ctx.addIssue({ code: 'custom', path: ['buildings', i, 'id'], message: `duplicate building id "${b.id}"` });
      bIds.set(b.id, b);
      b.holes?.forEach((h, k) => {
        if (!allInRing(h, b.footprint)) ctx.addIssue({ code: 'custom', path: ['buildings', i, 'holes', k], message: 'a hole must lie inside the footprint' });
      });
      const uIds = new Set<string>();
      b.units.forEach((u, j) => {
        if (uIds.has(u.id)) ctx.addIssue({ code: 'custom', path: ['buildings', i, 'units', j, 'id'], message: `duplicate unit id "${u.id}"` });
        uIds.add(u.id);
        u.floors.forEach((f, k) => {
          if (f.level > b.floors)
            ctx.addIssue({
              code: 'custom',
              path: ['buildings', i, 'units', j, 'floors', k, 'level'],
              message: `floor ${f.level} above the building's ${b.floors} floors`,
            });
        });
      });
    });
    const dIds = new Set<string>();
    c.devices.forEach((d, i) => {
      if (dIds.has(d.id)) ctx.addIssue({ code: 'custom', path: ['devices', i, 'id'], message: `duplicate device id "${d.id}"` });
      dIds.add(d.id);
      for (const k of ['stream', 'view', 'ptz'] as const)
        if (d[k] !== undefined && d.type !== 'camera')
          ctx.addIssue({ code: 'custom', path: ['devices', i, k], message: `only cameras have "${k}" (this device is a ${d.type})` });
      const p = d.placement;
      if (p.kind !== 'building') return;
      const b = bIds.get(p.buildingId);
      if (!b) {
        ctx.addIssue({ code: 'custom', path: ['devices', i, 'placement', 'buildingId'], message: `unknown building "${p.buildingId}"` });
        return;
      }
      if (p.unitId && !b.units.some((u) => u.id === p.unitId)) {
        ctx.addIssue({ code: 'custom', path: ['devices', i, 'placement', 'unitId'], message: `unit "${p.unitId}" is not in building "${b.id}"` });
      }
      if (p.floor !== undefined && p.floor > b.floors) {
        ctx.addIssue({ code: 'custom', path: ['devices', i, 'placement', 'floor'], message: `floor ${p.floor} above the building's ${b.floors} floors` });
      }
    });
  });
export type Compound = z.infer<typeof CompoundSchema>;

/** Household totals of a unit, summed over its floors. */
export function unitTotals(u: Unit): { households: number; occupied: number; elderlyAlone: number } {
  let households = 0,
    occupied = 0,
    elderlyAlone = 0;
  for (const f of u.floors) {
    households += f.households;
    occupied += f.occupied;
    elderlyAlone += f.elderlyAlone;
  }
  return { households, occupied, elderlyAlone };
}

/** Household totals of a building or whole compound. */
export function buildingTotals(b: Building): { households: number; occupied: number; elderlyAlone: number; residents: number } {
  const t = { households: 0, occupied: 0, elderlyAlone: 0, residents: 0 };
  for (const u of b.units) {
    const ut = unitTotals(u);
    t.households += ut.households;
    t.occupied += ut.occupied;
    t.elderlyAlone += ut.elderlyAlone;
    t.residents += u.residents;
  }
  return t;
}

/** Summary of a compound for lists. */
export interface CompoundSummary {
  id: string;
  name: string;
  nameEn: string;
  city: string;
  buildings: number;
  units: number;
  households: number;
  residents: number;
  devices: number;
}

export function summarizeCompound(c: Compound): CompoundSummary {
  let units = 0,
    households = 0;
  for (const b of c.buildings) {
    units += b.units.length;
    households += buildingTotals(b).households;
  }
  return {
    id: c.id,
    name: c.name,
    nameEn: c.nameEn,
    city: c.city,
    buildings: c.buildings.length,
    units,
    households,
    residents: c.residents,
    devices: c.devices.length,
  };
}
