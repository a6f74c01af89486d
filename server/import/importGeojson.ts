// Import building footprints from GeoJSON into a compound document, in plain steps:
// features → building polygons (others skipped with a reason) → WGS84 → local metres around the
// centroid → buildings with heights from the tags → units and the default device kit for housing
// → a compound validated by the shared schema, and a report of what was imported and skipped.
import {
  CompoundSchema,
  describeIssues,
  findForbiddenKey,
  GeoJsonInputSchema,
  IMPORT_SKIP_KINDS,
  ImportOptionsSchema,
  latLonToLocal,
  type Building,
  type Compound,
  type ImportOptions,
  type ImportReport,
} from '../../models';
import { extractFeatures, featuresOf } from './extractFeatures';
import { originOf, projectFootprints } from './projectFootprints';
import { buildingName, buildingNumber, buildingUse, builtYearOf, storeys } from './osmProps';
import { planResidential, type ResidentialPlan } from './unitLayout';
import { layoutDevices } from './deviceLayout';
import { hullRedLine } from './redLine';
import { ringProblem, wind } from './rings';
import { ImportError } from './importErrors';
import { checkImportSize } from './importLimits';
import { boundaryHolds } from './boundary';

export { ImportError, ImportTooLarge } from './importErrors';

export interface ImportResult {
  compound: Compound;
  report: ImportReport;
}

/** Validates the options (throws ImportError naming the bad one). */
export function parseImportOptions(raw: unknown): ImportOptions {
  const p = ImportOptionsSchema.safeParse(raw);
  if (!p.success) throw new ImportError(describeIssues('options', p.error));
  return p.data;
}

export function importGeojson(input: unknown, rawOptions: unknown): ImportResult {
  const o = parseImportOptions(rawOptions);
  // Sizes first: nothing below may start on an input too big to finish quickly.
  checkImportSize(input);
  const bad = findForbiddenKey(input);
  if (bad) throw new ImportError(`geojson: forbidden key "${bad}"`);
  const doc = GeoJsonInputSchema.safeParse(input);
  if (!doc.success) throw new ImportError(`geojson: expected a FeatureCollection or a Feature\n${describeIssues('geojson', doc.error)}`);
  const prefix = o.devicePrefix ?? `${o.id}-`;
  if (prefix.length > 40) throw new ImportError(`options: id "${o.id}" is too long to prefix device ids; pass devicePrefix (at most 40 characters)`);

  const features = featuresOf(doc.data);
  // Placeholder until profile detection lands: auto reads as WGS84.
  const crs = o.crs === 'gcj02' ? 'gcj02' : 'wgs84';
  const ex = extractFeatures(features, crs);
  const skipped = ex.skipped;
  const warnings: ImportReport['warnings'] = [];
  if (!ex.candidates.length) throw new ImportError(`no building footprints in ${features.length} feature(s): ${summarize(skipped)}`);
  const origin = originOf(ex.candidates);
  const footprints = projectFootprints(ex.candidates, origin, skipped);
  if (!footprints.length) throw new ImportError(`no valid building footprints in ${features.length} feature(s): ${summarize(skipped)}`);

  // Features number the buildings: b<n> in input order, and b<n>-p<k> for the further parts of a MultiPolygon.
  const seq = new Map<number, number>();
  const drafts: Omit<Building, 'units'>[] = footprints.map((f) => {
    if (!seq.has(f.index)) seq.set(f.index, seq.size + 1);
    const n = seq.get(f.index)!;
    const tags = { ...(f.outline ?? {}), ...f.props };
    const s = storeys(f.props, o);
    if (s.warning) warnings.push({ index: f.index, message: s.warning });
    const builtYear = builtYearOf(tags);
    return {
      id: f.part && f.part > 1 ? `b${n}-p${f.part}` : `b${n}`,
      number: buildingNumber(tags) ?? String(n),
      ...(buildingName(tags) ? { name: buildingName(tags) } : {}),
      use: buildingUse(f.props, f.outline ? buildingUse(f.outline) : undefined),
      footprint: f.footprint,
      ...(f.holes.length ? { holes: f.holes } : {}),
      ...(s.baseHeight > 0 ? { baseHeight: s.baseHeight } : {}),
      floors: s.floors,
      floorHeight: s.floorHeight,
      ...(builtYear ? { builtYear } : {}),
    };
  });

  const plans = new Map<string, ResidentialPlan>();
  let ri = 0;
  for (const d of drafts) if (d.use === 'residential') plans.set(d.id, planResidential(d, ri++, o));
  const buildings: Building[] = drafts.map((d) => ({ ...d, units: plans.get(d.id)?.units ?? [] }));
  const devices = o.devices ? layoutDevices(o.id, buildings, plans, { retrofitStart: o.retrofitStart, devicePrefix: prefix }) : [];

  let redLine = null as Building['footprint'] | null;
  let redLineFrom = 'convex hull of the buildings + 8 m';
  if (ex.boundary) {
    const ring = ex.boundary.ring.map(([lon, lat]) => latLonToLocal(origin, { lat, lon }));
    if (
      !ringProblem(ring) &&
      boundaryHolds(
        ring,
        buildings.map((b) => b.footprint),
      )
    )
      ((redLine = wind(ring, true)), (redLineFrom = `feature ${ex.boundary.index} (landuse=residential)`));
    else
      warnings.push({
        index: ex.boundary.index,
        message: 'the landuse=residential boundary does not contain every building; the red line is drawn round the buildings instead',
      });
  }
  redLine ??= hullRedLine(buildings.map((b) => b.footprint));

  const years = buildings.map((b) => b.builtYear).filter((y): y is number => y !== undefined);
  const builtYear = o.builtYear ?? (years.length ? Math.min(...years) : 2000);
  if (o.builtYear === undefined && !years.length) warnings.push({ message: 'no start_date on any building and no builtYear option: builtYear set to 2000' });
  const residents = buildings.reduce((s, b) => s + b.units.reduce((t, u) => t + u.residents, 0), 0);
  const compound = {
    schemaVersion: 1 as const,
    id: o.id,
    name: o.name,
    nameEn: o.nameEn ?? (/^[\x20-\x7e]+$/.test(o.name) ? o.name : o.id),
    province: o.province,
    city: o.city,
    ...(o.district ? { district: o.district } : {}),
    builtYear,
    residents,
    origin,
    redLine,
    roads: [],
    greens: [],
    buildings,
    devices,
  };
  const valid = CompoundSchema.safeParse(compound);
  if (!valid.success) throw new ImportError(`the imported compound does not validate\n${describeIssues(o.id, valid.error)}`);

  const skippedByKind = Object.fromEntries(IMPORT_SKIP_KINDS.map((k) => [k, 0]));
  for (const s of skipped) skippedByKind[s.kind]++;
  skipped.sort((a, b) => a.index - b.index || (a.part ?? 0) - (b.part ?? 0));
  const report: ImportReport = {
    compoundId: o.id,
    crs,
    crsReason: o.crs === 'auto' ? 'default' : 'option',
    profile: 'osm',
    profileReason: 'default',
    rules: [],
    uses: {},
    context: { roads: 0, water: 0, green: 0, landuse: 0, neighbours: 0 },
    features: features.length,
    buildings: buildings.length,
    residentialBuildings: plans.size,
    holes: buildings.reduce((s, b) => s + (b.holes?.length ?? 0), 0),
    units: buildings.reduce((s, b) => s + b.units.length, 0),
    households: buildings.reduce((s, b) => s + b.units.reduce((t, u) => t + u.floors.reduce((h, f) => h + f.households, 0), 0), 0),
    devices: devices.length,
    origin,
    redLine: redLineFrom,
    skipped,
    skippedByKind,
    warnings,
  };
  return { compound: valid.data, report };
}

function summarize(skipped: ImportReport['skipped']): string {
  return skipped.length
    ? skipped
        .slice(0, 10)
        .map((s) => `feature ${s.index}${s.part ? ` part ${s.part}` : ''}: ${s.reason}`)
        .join('; ')
    : 'nothing to import';
}
