// Import building footprints from GeoJSON into a compound document, in plain steps:
// the profile (OSM, Tilezen, Overture, Microsoft, Chinese GIS, generic) and the CRS → features →
// buildings, surroundings and red lines (others skipped with a reason) → WGS84 → the compound's
// buildings (inside the red line) and its neighbours → local metres around the centroid → heights,
// uses, names and numbers (then the import screen's edits) → units and the kit of each use → a
// compound validated by the shared schema, and a report of what was imported and skipped.
import {
  CompoundSchema,
  describeIssues,
  findForbiddenKey,
  GeoJsonInputSchema,
  IMPORT_SKIP_KINDS,
  ImportEnvelopeSchema,
  ImportOptionsSchema,
  latLonToLocal,
  pointInRing,
  bounds,
  ringCentroid,
  type Building,
  type Compound,
  type ImportEdits,
  type ImportOptions,
  type ImportReport,
  type Point2,
} from '../../models';
import { extractFeatures, featuresOf, type Candidate, type ContextFeature } from './extractFeatures';
import { originOf, projectFootprints, type Footprint } from './projectFootprints';
import { storeysOf } from './osmProps';
import { planResidential, type ResidentialPlan } from './unitLayout';
import { layoutDevices } from './deviceLayout';
import { hullRedLine } from './redLine';
import { ringProblem, wind } from './rings';
import { ImportError } from './importErrors';
import { checkImportSize } from './importLimits';
import { boundaryHolds } from './boundary';
import { chooseProfile, PROFILES, propsOf, type ProfileChoice } from './profiles';
import { numberFromName } from './profiles/vocab';
import type { FieldMapping } from './profiles/types';
import { guessCrs, toWgs84 } from './crs';
import { boxAround, buildContext, CONTEXT_MARGIN_M } from './context';

export { ImportError, ImportTooLarge } from './importErrors';

/** The most devices one compound may hold (the compound model's limit). */
export const MAX_DEVICES = 200_000;

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

interface Input {
  footprints: { type: string; features?: unknown[] };
  context?: { type: string; features?: unknown[] };
  edits?: ImportEdits;
  redLine?: [number, number][];
  redLineCrs?: 'input' | 'wgs84';
}

/** A GeoJSON document, or the envelope {footprints, context?, edits?, redLine?}; errors name the field. */
function readInput(input: unknown): Input {
  if (input && typeof input === 'object' && !Array.isArray(input) && 'footprints' in input) {
    const e = ImportEnvelopeSchema.safeParse(input);
    if (!e.success) throw new ImportError(`envelope: expected {footprints, context?, edits?, redLine?}\n${describeIssues('envelope', e.error)}`);
    return e.data;
  }
  const doc = GeoJsonInputSchema.safeParse(input);
  if (!doc.success) throw new ImportError(`geojson: expected a FeatureCollection or a Feature\n${describeIssues('geojson', doc.error)}`);
  return { footprints: doc.data };
}

const centroidOf = (c: Candidate): Point2 => ringCentroid(c.outer);

/** A compound is a site, not a region: a file whose buildings lie farther apart than this is refused (a stray feature in another city would make a twin kilometres wide). */
export const MAX_SITE_KM = 20;

/** How far apart the projected buildings lie (the larger of the two axes) and the features at its ends. */
function spanOf(site: readonly { index: number; footprint: Point2[] }[]): { km: number; axis: string; from: number; to: number } {
  let minX = Infinity,
    maxX = -Infinity,
    minY = Infinity,
    maxY = -Infinity;
  let w = 0,
    e = 0,
    s = 0,
    n = 0;
  for (const b of site)
    for (const [x, y] of b.footprint) {
      if (x < minX) ((minX = x), (w = b.index));
      if (x > maxX) ((maxX = x), (e = b.index));
      if (y < minY) ((minY = y), (s = b.index));
      if (y > maxY) ((maxY = y), (n = b.index));
    }
  return maxX - minX >= maxY - minY
    ? { km: (maxX - minX) / 1000, axis: 'west to east', from: w, to: e }
    : { km: (maxY - minY) / 1000, axis: 'south to north', from: s, to: n };
}

export function importGeojson(input: unknown, rawOptions: unknown, at: { now?: string } = {}): ImportResult {
  const o = parseImportOptions(rawOptions);
  // Sizes first: nothing below may start on an input too big to finish quickly.
  checkImportSize(input);
  const bad = findForbiddenKey(input);
  if (bad) throw new ImportError(`geojson: forbidden key "${bad}"`);
  const doc = readInput(input);
  const prefix = o.devicePrefix ?? `${o.id}-`;
  if (prefix.length > 40) throw new ImportError(`options: id "${o.id}" is too long to prefix device ids; pass devicePrefix (at most 40 characters)`);
  const mapping: FieldMapping = {
    heightField: o.heightField,
    levelsField: o.levelsField,
    nameField: o.nameField,
    useField: o.useField,
    allPolygons: o.allPolygons,
  };

  // The profile and the CRS of the footprint file (and, on its own, of a context file).
  const features = featuresOf(doc.footprints);
  const choice = chooseProfile(features.map(propsOf), o);
  const crs = guessCrs(doc.footprints, features, o.crs, choice.profile.id === 'cn-gis');
  const ex = extractFeatures(features, choice.profile, crs.crs, mapping);
  const ctxFeatures = doc.context ? featuresOf(doc.context) : [];
  let ctxChoice: ProfileChoice | null = null;
  if (doc.context) {
    try {
      ctxChoice = chooseProfile(ctxFeatures.map(propsOf), { profile: 'auto', allPolygons: false }, 'the context file');
    } catch {
      ctxChoice = { profile: PROFILES.osm, reason: 'nothing recognised: read as OpenStreetMap' };
    }
    const ctxCrs = guessCrs(doc.context, ctxFeatures, o.crs, ctxChoice.profile.id === 'cn-gis');
    const exC = extractFeatures(ctxFeatures, ctxChoice.profile, ctxCrs.crs, {}, { offset: features.length, fromContext: true });
    ex.candidates.push(...exC.candidates);
    ex.context.push(...exC.context);
    ex.skipped.push(...exC.skipped);
    for (const [k, v] of exC.ruleOf) ex.ruleOf.set(k, v === null ? null : `context file: ${v}`);
  }
  const skipped = ex.skipped;
  const warnings: ImportReport['warnings'] = [];
  const own = ex.candidates.filter((c) => !c.fromContext);
  if (!own.length) throw new ImportError(`no building footprints in ${features.length} feature(s): ${summarize(skipped, ex.context)}`);

  // The red line: drawn on the import screen, a polygon marked as one, or the landuse=residential area holding most buildings.
  type RedLine = { ring: Point2[]; from: string; index?: number };
  let red: RedLine | null = null;
  if (doc.redLine) {
    const pts = doc.redLineCrs === 'wgs84' ? doc.redLine : doc.redLine.map((p) => toWgs84(crs.crs)(p));
    const bad = pts.findIndex(([lon, lat]) => !(Math.abs(lon) <= 180 && Math.abs(lat) <= 90));
    if (bad >= 0)
      throw new ImportError(
        `redLine[${bad}]: ${JSON.stringify(doc.redLine[bad])} is not a longitude/latitude in ${doc.redLineCrs === 'wgs84' ? 'WGS84' : crs.crs}`,
      );
    const closed = pts.length > 3 && pts[0][0] === pts[pts.length - 1][0] && pts[0][1] === pts[pts.length - 1][1];
    red = { ring: closed ? pts.slice(0, -1) : pts, from: 'the drawn red line' };
  }
  const marked = ex.context.find((c) => c.cls.type === 'red-line');
  if (!red && marked) red = { ring: marked.polygons[0].outer, from: `feature ${marked.index} (red line)`, index: marked.index };
  if (!red) {
    // Each building's centroid once; an area's bounding box first: 25,000 areas × 25,000 buildings must not hold the worker for minutes.
    const centres = own.map(centroidOf);
    let best: { c: ContextFeature; n: number } | null = null;
    for (const c of ex.context) {
      if (c.cls.type !== 'residential-area' || c.index >= features.length) continue;
      const ring = c.polygons[0].outer;
      const bb = bounds(ring);
      let n = 0;
      for (const p of centres) if (p[0] >= bb.minX && p[0] <= bb.maxX && p[1] >= bb.minY && p[1] <= bb.maxY && pointInRing(p, ring)) n++;
      if (n > 0 && (!best || n > best.n)) best = { c, n };
    }
    if (best) red = { ring: best.c.polygons[0].outer, from: `feature ${best.c.index} (landuse=residential)`, index: best.c.index };
  }
  const contextItems = ex.context.filter((c) => c.cls.type !== 'red-line' && c.index !== red?.index);

  // Buildings inside the red line are the compound's; those outside (and the context file's) are neighbours.
  const inRed = (c: Candidate) => !red || pointInRing(centroidOf(c), red.ring);
  const siteCands = own.filter(inRed);
  if (!siteCands.length) throw new ImportError(`none of the ${own.length} building footprint(s) lies inside the red line (${red!.from})`);
  const origin = originOf(siteCands);
  const site = projectFootprints(siteCands, origin, skipped);
  if (!site.length) throw new ImportError(`no valid building footprints in ${features.length} feature(s): ${summarize(skipped, ex.context)}`);
  const span = spanOf(site);
  if (span.km > MAX_SITE_KM)
    throw new ImportError(
      `the buildings span ${span.km.toFixed(1)} km ${span.axis} (feature ${span.from} to feature ${span.to}); one compound is at most ${MAX_SITE_KM} km across: import one site at a time, or mark its red line`,
    );
  const others = projectFootprints(
    ex.candidates.filter((c) => c.fromContext || !inRed(c)),
    origin,
    skipped,
  );

  // Features number the buildings: b<n> in input order, and b<n>-p<k> for the further parts of a MultiPolygon.
  const seq = new Map<number, number>();
  const drafts: Omit<Building, 'units'>[] = site.map((f) => {
    if (!seq.has(f.index)) seq.set(f.index, seq.size + 1);
    const n = seq.get(f.index)!;
    const a = f.attrs;
    const s = storeysOf(a, o);
    if (a.unknownHeight) warnings.push({ index: f.index, message: `height unknown (−1): assumed ${s.floors} floors` });
    else if (s.warning) warnings.push({ index: f.index, message: s.warning });
    const name = a.name ?? f.outline?.name;
    const builtYear = a.builtYear ?? f.outline?.builtYear;
    return {
      id: f.part && f.part > 1 ? `b${n}-p${f.part}` : `b${n}`,
      number: a.number ?? f.outline?.number ?? numberFromName(name) ?? String(n),
      ...(name ? { name } : {}),
      use: a.use ?? f.outline?.use ?? 'residential',
      footprint: f.footprint,
      ...(f.holes.length ? { holes: f.holes } : {}),
      ...(s.baseHeight > 0 ? { baseHeight: s.baseHeight } : {}),
      floors: s.floors,
      floorHeight: s.floorHeight,
      ...(builtYear ? { builtYear } : {}),
    };
  });
  if (doc.edits) applyEdits(drafts, doc.edits);

  const plans = new Map<string, ResidentialPlan>();
  let ri = 0;
  let flats = 0;
  for (const d of drafts) {
    if (d.use !== 'residential') continue;
    const plan = planResidential(d, ri++, o);
    plans.set(d.id, plan);
    flats += plan.flats.length;
  }
  // Every home gets at least a smoke detector and two meters: refuse before laying out a kit that cannot fit.
  if (o.devices && flats * 3 > MAX_DEVICES) throw tooManyDevices(flats * 3, true);
  const buildings: Building[] = drafts.map((d) => ({ ...d, units: plans.get(d.id)?.units ?? [] }));
  const devices = o.devices ? layoutDevices(o.id, buildings, plans, { retrofitStart: o.retrofitStart, devicePrefix: prefix }) : [];
  if (devices.length > MAX_DEVICES) throw tooManyDevices(devices.length, false);

  let redLine = null as Building['footprint'] | null;
  let redLineFrom = 'convex hull of the buildings + 8 m';
  if (red) {
    const ring = red.ring.map(([lon, lat]) => latLonToLocal(origin, { lat, lon }));
    const rb = bounds(ring);
    const km = Math.max(rb.maxX - rb.minX, rb.maxY - rb.minY) / 1000;
    if (km > MAX_SITE_KM) throw new ImportError(`the red line (${red.from}) spans ${km.toFixed(1)} km; one compound is at most ${MAX_SITE_KM} km across`);
    if (
      !ringProblem(ring) &&
      boundaryHolds(
        ring,
        buildings.map((b) => b.footprint),
      )
    )
      ((redLine = wind(ring, true)), (redLineFrom = red.from));
    else
      warnings.push({
        ...(red.index !== undefined ? { index: red.index } : {}),
        message: `the red line (${red.from}) does not contain every building; the red line is drawn round the buildings instead`,
      });
  }
  redLine ??= hullRedLine(buildings.map((b) => b.footprint));

  // The surroundings, within CONTEXT_MARGIN_M of the red line's bounds; the context file's buildings inside the red line are the site's own.
  const box = boxAround([redLine], CONTEXT_MARGIN_M);
  const neighbours = others
    .filter((f) => {
      if (!f.fromContext || !pointInRing(ringCentroid(f.footprint), redLine)) return true;
      skipped.push({
        index: f.index,
        kind: 'not_building',
        reason: `context feature ${f.index - features.length}: a building inside the red line; the footprint file's buildings are the compound`,
      });
      return false;
    })
    .map((f) => ({ index: f.index, footprint: f.footprint, height: neighbourHeight(f, o) }));
  const built = buildContext(contextItems, neighbours, origin, box);
  const ctx = built.context;
  const ctxCount = {
    roads: ctx.roads.length,
    water: ctx.water.length,
    green: ctx.green.length,
    landuse: ctx.landuse.length,
    neighbours: ctx.neighbours.length,
  };
  const hasContext = Object.values(ctxCount).some((n) => n > 0);
  if (hasContext || built.dropped)
    warnings.push({
      message: `surroundings kept within ${CONTEXT_MARGIN_M} m of the red line's bounds${built.dropped ? `; ${built.dropped} piece(s) beyond it left out` : ''}${built.capped.length ? `; capped: ${built.capped.join(', ')}` : ''}`,
    });

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
    ...(hasContext ? { context: ctx } : {}),
    source: { profile: choice.profile.id, crs: crs.crs, importedAt: at.now ?? new Date().toISOString() },
    buildings,
    devices,
  };
  const valid = CompoundSchema.safeParse(compound);
  if (!valid.success) throw new ImportError(`the imported compound does not validate\n${describeIssues(o.id, valid.error)}`);

  // Per rule: a feature is taken when a building, a neighbour, a piece of context or the red line came of it.
  const taken = new Set<number>([...site.map((f) => f.index), ...built.kept]);
  if (red?.index !== undefined) taken.add(red.index);
  const tally = new Map<string, { taken: number; skipped: number }>(choice.profile.rules.map((r) => [r, { taken: 0, skipped: 0 }]));
  for (const [index, rule] of ex.ruleOf) {
    const key = rule ?? 'no rule (not a building or context)';
    const t = tally.get(key) ?? { taken: 0, skipped: 0 };
    if (taken.has(index) && rule) t.taken++;
    else t.skipped++;
    tally.set(key, t);
  }
  const uses: Record<string, number> = {};
  for (const b of buildings) uses[b.use] = (uses[b.use] ?? 0) + 1;

  const skippedByKind = Object.fromEntries(IMPORT_SKIP_KINDS.map((k) => [k, 0]));
  for (const s of skipped) skippedByKind[s.kind]++;
  skipped.sort((a, b) => a.index - b.index || (a.part ?? 0) - (b.part ?? 0));
  const report: ImportReport = {
    compoundId: o.id,
    crs: crs.crs,
    crsReason: crs.reason,
    profile: choice.profile.id,
    profileReason: choice.reason + (ctxChoice ? `; context file: ${ctxChoice.profile.id} (${ctxChoice.reason})` : ''),
    rules: [...tally.entries()].map(([rule, t]) => ({ rule, ...t })),
    uses,
    context: ctxCount,
    features: features.length + ctxFeatures.length,
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

function neighbourHeight(f: Footprint, o: ImportOptions): number {
  const s = storeysOf(f.attrs, o);
  return s.baseHeight + s.floors * s.floorHeight;
}

/** The import screen's corrections, by preview building id; unknown ids are refused by name. */
function applyEdits(drafts: Omit<Building, 'units'>[], edits: ImportEdits): void {
  const byId = new Map(drafts.map((d) => [d.id, d]));
  const unknown = Object.keys(edits.buildings).filter((id) => !byId.has(id));
  if (unknown.length)
    throw new ImportError(
      `edits: unknown building id(s) ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ` and ${unknown.length - 10} more` : ''}; this import's buildings are ${drafts[0].id} … ${drafts[drafts.length - 1].id}`,
    );
  for (const [id, e] of Object.entries(edits.buildings)) {
    const d = byId.get(id)!;
    if (e.name !== undefined) {
      if (e.name) d.name = e.name;
      else delete d.name;
    }
    if (e.nameEn !== undefined) {
      if (e.nameEn) d.nameEn = e.nameEn;
      else delete d.nameEn;
    }
    if (e.number !== undefined) d.number = e.number;
    if (e.use !== undefined) d.use = e.use;
  }
}

function tooManyDevices(n: number, atLeast: boolean): ImportError {
  return new ImportError(
    `the device kit would be ${atLeast ? 'at least ' : ''}${n} devices, over ${MAX_DEVICES.toLocaleString('en-US')}: pass devices=false or import a smaller area`,
  );
}

function summarize(skipped: ImportReport['skipped'], context: readonly ContextFeature[]): string {
  const lines = [
    ...skipped.map((s) => ({ index: s.index, text: `feature ${s.index}${s.part ? ` part ${s.part}` : ''}: ${s.reason}` })),
    ...context.map((c) => ({ index: c.index, text: `feature ${c.index}: not a building (${c.what}): kept as context (${c.cls.type})` })),
  ].sort((a, b) => a.index - b.index);
  return lines.length
    ? lines
        .slice(0, 10)
        .map((l) => l.text)
        .join('; ')
    : 'nothing to import';
}
