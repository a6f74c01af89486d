import { z } from 'zod';
import type { SEVERITIES } from './alarm';
import { BuildingUseSchema, CONTEXT_ROAD_CLASSES } from './compound';
import { LatLonSchema, Point2Schema, RingSchema } from './geo';

// GET /api/v1/district: every compound the caller may see, placed by its real coordinates, with a light
// geometry of its buildings (no units, no devices), its star level and live figures, and the figures
// summed over the district. The same for masked callers: nothing in it is one household's.

const BiTextSchema = z.strictObject({ zh: z.string(), en: z.string() });
const count = z.int().min(0);
const BySeveritySchema = z.strictObject({ critical: count, major: count, minor: count, warning: count }) satisfies z.ZodType<
  Record<(typeof SEVERITIES)[number], number>
>;

/** A building as the district draws it: footprint, holes, the extrusion's base and roof (metres) and its use. */
export const DistrictBuildingSchema = z.strictObject({
  id: z.string(),
  footprint: RingSchema,
  holes: z.array(RingSchema).optional(),
  /** Metres above ground where the extrusion starts. */
  base: z.number().min(0),
  /** Roof: base + floors × floor height, metres. */
  height: z.number().positive(),
  use: BuildingUseSchema,
});
export type DistrictBuilding = z.infer<typeof DistrictBuildingSchema>;

/** The figures the district sums: the console's KPI bar's definitions (devices, online, open alarms, open work orders). */
export const DistrictFiguresSchema = z.strictObject({
  devices: z.int().min(0),
  online: z.int().min(0),
  /** 0..100, one decimal, as the KPI bar's online rate. */
  onlinePct: z.number().min(0).max(100),
  /** Alarms calling for attention (unack + ack + returned unack): the KPI bar's "needs attention". */
  openAlarms: z.int().min(0),
  /** The open alarms by severity (they sum to openAlarms). */
  alarmsBySeverity: BySeveritySchema,
  workOrdersOpen: z.int().min(0),
  households: z.int().min(0),
  residents: z.int().min(0),
});
export type DistrictFigures = z.infer<typeof DistrictFiguresSchema>;

/**
 * A light copy of a compound's ground: road centre lines with widths (its imported context), the
 * compound's own road and green polygons, and water and green areas (outer rings only).
 */
export const DistrictContextSchema = z.strictObject({
  roads: z.array(z.strictObject({ kind: z.enum(CONTEXT_ROAD_CLASSES), width: z.number(), line: z.array(Point2Schema) })),
  roadAreas: z.array(RingSchema),
  water: z.array(RingSchema),
  green: z.array(RingSchema),
});
export type DistrictContext = z.infer<typeof DistrictContextSchema>;

export const DistrictCompoundSchema = DistrictFiguresSchema.extend({
  id: z.string(),
  name: z.string(),
  nameEn: z.string(),
  city: z.string(),
  district: z.string().nullable(),
  origin: LatLonSchema,
  /** The compound's red line, in its own local metres around `origin`. */
  redLine: RingSchema,
  buildings: z.array(DistrictBuildingSchema),
  context: DistrictContextSchema,
  /** The star level reached under the district's rubric (null: none yet); `rank` 1 = the rubric's first level. */
  level: z.strictObject({ id: z.string(), name: BiTextSchema, rank: z.int().min(1) }).nullable(),
});
export type DistrictCompound = z.infer<typeof DistrictCompoundSchema>;

export const DistrictSchema = z.strictObject({
  rubric: z.strictObject({ id: z.string(), name: BiTextSchema, levels: z.int().min(0) }),
  /** The middle of the compounds' origins: the district scene's (0, 0). */
  centre: LatLonSchema,
  /** Ordered as GET /api/v1/compounds (and the compound switcher): by id. */
  compounds: z.array(DistrictCompoundSchema),
  /** Summed over the compounds (onlinePct: of the summed devices). */
  totals: DistrictFiguresSchema.extend({ compounds: z.int().min(0) }),
});
export type District = z.infer<typeof DistrictSchema>;

export const DistrictQuerySchema = z.strictObject({ rubric: z.string().max(64).optional() });
