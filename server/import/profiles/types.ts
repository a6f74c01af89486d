// What a profile says about one feature: a building or building part (with what the data knows of
// its height, use, name and number), a piece of the surroundings, the compound's red line, or
// nothing the import uses. Profiles only read properties; the geometry steps are shared.
import type { BuildingUse, ImportOptions, ImportProfile } from '../../../models';
import type { CONTEXT_LANDUSE_KINDS, CONTEXT_ROAD_CLASSES } from '../../../models/compound';

export type Props = Record<string, unknown>;
export type RoadClass = (typeof CONTEXT_ROAD_CLASSES)[number];
export type LanduseKind = (typeof CONTEXT_LANDUSE_KINDS)[number];

/** Heights, use and labels as the data states them (null / undefined: the data does not say). */
export interface BuildingAttrs {
  height: number | null;
  minHeight: number | null;
  levels: number | null;
  minLevel: number | null;
  /** undefined: the data does not say (an OSM part inherits its outline's use; a bare building=yes is housing). */
  use?: BuildingUse;
  name?: string;
  number?: string;
  builtYear?: number;
  /** Height as sent was "unknown" (Microsoft's −1): a warning names it. */
  unknownHeight?: boolean;
}

export type ContextClass =
  | { type: 'road'; kind: RoadClass; width: number; name?: string }
  | { type: 'water' }
  | { type: 'green' }
  | { type: 'landuse'; kind: LanduseKind }
  /** A landuse=residential polygon: the red line when it holds the buildings, else land use. */
  | { type: 'residential-area' }
  /** A polygon marked as the compound's red line. */
  | { type: 'red-line' };

export type Classified =
  | ({ as: 'building' | 'part'; rule: string } & BuildingAttrs)
  | { as: 'context'; rule: string; context: ContextClass }
  | { as: 'skip'; rule: string | null; reason: string };

/** The field mapping from the options, applied on top of any profile. */
export type FieldMapping = Partial<Pick<ImportOptions, 'heightField' | 'levelsField' | 'nameField' | 'useField' | 'allPolygons'>>;

export interface Profile {
  id: ImportProfile;
  /** Rules in the order they apply (the report lists them in this order, then any others seen). */
  rules: readonly string[];
  /** Does this feature's property set give the profile away? Returns the keys that did, or null. */
  signature(p: Props): string[] | null;
  classify(p: Props, geometry: string, m: FieldMapping): Classified;
}

export const POLYGONAL = new Set(['Polygon', 'MultiPolygon']);
export const LINEAR = new Set(['LineString', 'MultiLineString']);
