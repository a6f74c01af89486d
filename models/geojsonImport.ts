import { z } from 'zod';
import { BuildingUseSchema } from './compound';

// The contract of the GeoJSON building-footprint import, shared by the CLI (`npm run import`), the
// admin endpoint (`POST /api/v1/admin/compounds/import`) and the OpenAPI document.

/** Query-string and CLI values arrive as text: accept "true"/"false" as well as booleans. */
const Flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

/** Footprint schemas the importer reads; `generic` is any polygon layer with a field mapping. */
export const IMPORT_PROFILES = ['osm', 'tilezen', 'overture', 'msft', 'cn-gis', 'generic'] as const;
export type ImportProfile = (typeof IMPORT_PROFILES)[number];
export const IMPORT_PROFILE_CHOICES = ['auto', ...IMPORT_PROFILES] as const;
export const IMPORT_CRS = ['wgs84', 'gcj02', 'epsg3857'] as const;
export const IMPORT_CRS_CHOICES = ['auto', ...IMPORT_CRS] as const;

export const ImportOptionsSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'ids are 1–64 lowercase letters, digits, - or _'),
  name: z.string().trim().min(1).max(64),
  nameEn: z.string().trim().min(1).max(64).optional(),
  province: z.string().max(32).default(''),
  city: z.string().max(32).default(''),
  district: z.string().max(32).optional(),
  builtYear: z.coerce.number().int().min(1900).max(2100).optional().describe('default: the earliest start_date of the buildings'),
  crs: z
    .enum(IMPORT_CRS_CHOICES)
    .default('auto')
    .describe(
      'coordinates of the input: WGS84 (GPS, OpenStreetMap, Overture, Microsoft), GCJ-02 (Chinese web maps: AMap, Tencent), EPSG:3857 metres; auto guesses from the file (a `crs` member, metre-sized values, a Chinese GIS export inside China) and the report says why',
    ),
  profile: z
    .enum(IMPORT_PROFILE_CHOICES)
    .default('auto')
    .describe('footprint schema of the input; auto detects it from the properties and the report says which and why'),
  heightField: z.string().min(1).max(64).optional().describe("property holding the height in metres (any profile; overrides the profile's own)"),
  levelsField: z.string().min(1).max(64).optional().describe('property holding the number of floors'),
  nameField: z.string().min(1).max(64).optional().describe('property holding the building name'),
  useField: z.string().min(1).max(64).optional().describe('property holding the use (residential, office, 住宅, 商业…)'),
  allPolygons: Flag.default(false).describe('import every Polygon / MultiPolygon as a building, whatever its properties (a plain footprint layer)'),
  defaultLevels: z.coerce.number().int().min(1).max(200).default(6).describe('floors of a building with no height, building:levels or levels'),
  floorHeight: z.coerce.number().min(2).max(8).default(3).describe('storey height in metres when only levels are known'),
  householdsPerFloor: z.coerce.number().int().min(1).max(12).default(2).describe('homes per floor per unit (一梯两户 = 2)'),
  unitLength: z.coerce.number().min(4).max(200).default(14).describe('metres of building length per unit (单元): a 42 m slab gets 3 units at 14'),
  residentsPerHousehold: z.coerce.number().min(0).max(10).default(2.6),
  devices: Flag.default(true).describe('generate the default retrofit device kit (meters, access, smoke, hydrant…)'),
  devicePrefix: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,39}$/)
    .optional()
    .describe('prefix of every device id (device ids are unique across compounds); default "<id>-"'),
  retrofitStart: z.iso.date().default('2024-01-01').describe('day the retrofit started; device install dates follow it in phases'),
});
export type ImportOptions = z.infer<typeof ImportOptionsSchema>;
export type ImportOptionsInput = z.input<typeof ImportOptionsSchema>;

/** The admin endpoint's query: the import options plus what to do with an existing compound. */
export const ImportQuerySchema = ImportOptionsSchema.extend({
  replace: Flag.default(false).describe('replace a stored compound with the same id (otherwise 409)'),
  dryRun: Flag.default(false).describe('validate and report only; nothing is stored'),
  preview: Flag.default(false).describe(
    'with dryRun=true: the outcome also carries `preview`, the compound without its devices, for the import screen to draw',
  ),
});

/**
 * Size limits of one import, checked before any geometry work so one request cannot hold the server.
 * A real compound (tens to a few hundred buildings of 4–200 vertices) stays far below every one.
 */
export const IMPORT_LIMITS = {
  /** Features of the footprint file and the context file together (a district of 5,000 buildings with its roads). */
  features: 50_000,
  /** Polygons of one MultiPolygon feature. */
  polygonsPerFeature: 100,
  /** Outer ring + holes of one polygon (the compound model holds up to 100 holes). */
  ringsPerPolygon: 101,
  /** Positions of one ring, closing position included. */
  verticesPerRing: 5_000,
  /** Positions of one polygon, all its rings together. */
  verticesPerPolygon: 10_000,
  /** Positions of every polygon ring and line in the input. */
  vertices: 1_000_000,
  /** Request body of the admin endpoint, megabytes. */
  bodyMb: 32,
} as const;

/** A GeoJSON document as the importer accepts it: a FeatureCollection or one Feature (features are checked one by one). */
export const GeoJsonInputSchema = z.union([
  z.looseObject({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()).max(IMPORT_LIMITS.features) }),
  z.looseObject({ type: z.literal('Feature'), geometry: z.unknown(), properties: z.unknown().optional() }),
]);

/** Corrections the admin made on the import screen, applied before the compound is validated. Keys are building ids of the preview (b1, b2-p2…). */
export const ImportEditsSchema = z.strictObject({
  buildings: z
    .record(
      z.string().max(80),
      z.strictObject({
        name: z.string().trim().max(64).optional(),
        nameEn: z.string().trim().max(64).optional(),
        number: z.string().trim().min(1).max(16).optional(),
        use: BuildingUseSchema.optional(),
      }),
    )
    .default({}),
});
export type ImportEdits = z.infer<typeof ImportEditsSchema>;

/**
 * The admin endpoint's body: a GeoJSON document (footprints, context in the same file), or this
 * envelope with a second context file, edits from the import screen and a drawn red line.
 */
export const ImportEnvelopeSchema = z.strictObject({
  footprints: GeoJsonInputSchema,
  context: GeoJsonInputSchema.optional(),
  edits: ImportEditsSchema.optional(),
  /** A red line drawn on the import screen or given with --red-line: positions in `redLineCrs`, open or closed. */
  redLine: z
    .array(z.tuple([z.number().finite(), z.number().finite()]))
    .min(3)
    .max(10_000)
    .optional(),
  /** `input` (default): the red line is in the footprints' CRS; `wgs84`: [lon, lat] in WGS84 whatever the input (what the import screen draws). */
  redLineCrs: z.enum(['input', 'wgs84']).default('input'),
});
export type ImportEnvelope = z.infer<typeof ImportEnvelopeSchema>;

export const IMPORT_SKIP_KINDS = ['point', 'not_building', 'no_geometry', 'unsupported_geometry', 'invalid_ring', 'outline_with_parts', 'too_small'] as const;

export const ImportSkipSchema = z.strictObject({
  /** Index of the feature in the input's `features` array. */
  index: z.int().min(0),
  /** Polygon part of a MultiPolygon, 1-based, when the problem is in one part only. */
  part: z.int().min(1).optional(),
  kind: z.enum(IMPORT_SKIP_KINDS),
  reason: z.string(),
});
export type ImportSkip = z.infer<typeof ImportSkipSchema>;

/** How many features one rule of the profile took (made into a building, context…) or skipped. */
export const ImportRuleCountSchema = z.strictObject({ rule: z.string(), taken: z.int().min(0), skipped: z.int().min(0) });

export const ImportReportSchema = z.strictObject({
  compoundId: z.string(),
  crs: z.enum(IMPORT_CRS),
  /** Why this CRS: "option", or what the guess was based on. */
  crsReason: z.string(),
  profile: z.enum(IMPORT_PROFILES),
  /** Why this profile: "option", or the properties that gave it away. */
  profileReason: z.string(),
  /** Per rule of the profile, in the order they apply. */
  rules: z.array(ImportRuleCountSchema),
  /** Buildings per use class. */
  uses: z.record(z.string(), z.int().min(0)),
  /** What was kept as surroundings. */
  context: z.strictObject({ roads: z.int(), water: z.int(), green: z.int(), landuse: z.int(), neighbours: z.int() }),
  features: z.int().min(0),
  buildings: z.int().min(0),
  residentialBuildings: z.int().min(0),
  holes: z.int().min(0),
  units: z.int().min(0),
  households: z.int().min(0),
  devices: z.int().min(0),
  origin: z.strictObject({ lat: z.number(), lon: z.number() }),
  /** Where the red line came from: a landuse=residential feature or the hull of the buildings. */
  redLine: z.string(),
  /** Skipped features (or parts, or holes) with why, and counts per kind. */
  skipped: z.array(ImportSkipSchema),
  skippedByKind: z.record(z.string(), z.int()),
  /** Things imported with an assumption worth checking (defaulted heights, clamped values). */
  warnings: z.array(z.strictObject({ index: z.int().min(0).optional(), message: z.string() })),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;
