// `npm run import -- <file.geojson> --id <id> --name <name> [options]`: GeoJSON footprints → a
// compound file under data/compounds/ that the server validates and loads at its next start.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatCompoundJson } from '../tools/demoCompounds';
import { formatReport } from './formatReport';
import { importGeojson, ImportError } from './importGeojson';
import { parseGeojsonText } from './readGeojson';

export const USAGE = `usage: npm run import -- <file.geojson> --id <id> --name <name> [options]
  <file>                      GeoJSON FeatureCollection / Feature, or newline-delimited Features (Microsoft footprints)
  --profile auto|osm|tilezen|overture|msft|cn-gis|generic
                              footprint schema (default auto: detected from the properties)
  --crs auto|wgs84|gcj02|epsg3857
                              coordinates of the input (default auto: guessed, the report says why)
  --context FILE              a second GeoJSON of surroundings (roads, water, green, land use, neighbours)
  --red-line FILE             a GeoJSON polygon: the compound's red line (buildings outside become neighbours)
  --all-polygons              every polygon is a building (a plain footprint layer no profile knows)
  --height-field F, --levels-field F, --name-field F, --use-field F
                              read height / floors / name / use from these properties
  --default-levels N          floors when a building has no height or levels (default 6)
  --floor-height M            storey height when only levels are known (default 3)
  --households-per-floor N    homes per floor per unit (default 2)
  --unit-length M             metres of building length per unit (default 14)
  --residents-per-household X (default 2.6)
  --name-en, --province, --city, --district, --built-year
  --device-prefix P           device id prefix (default "<id>-")
  --retrofit-start YYYY-MM-DD device install dates follow it (default 2024-01-01)
  --no-devices                units only, no device layout
  --out PATH                  where to write (default data/compounds/<id>.json)
  --force                     overwrite an existing file
  --json                      print the report as JSON`;

const OPTIONS = {
  id: { type: 'string' },
  name: { type: 'string' },
  crs: { type: 'string' },
  profile: { type: 'string' },
  context: { type: 'string' },
  'red-line': { type: 'string' },
  'all-polygons': { type: 'boolean' },
  'height-field': { type: 'string' },
  'levels-field': { type: 'string' },
  'name-field': { type: 'string' },
  'use-field': { type: 'string' },
  'default-levels': { type: 'string' },
  'floor-height': { type: 'string' },
  'households-per-floor': { type: 'string' },
  'unit-length': { type: 'string' },
  'residents-per-household': { type: 'string' },
  'name-en': { type: 'string' },
  province: { type: 'string' },
  city: { type: 'string' },
  district: { type: 'string' },
  'built-year': { type: 'string' },
  'device-prefix': { type: 'string' },
  'retrofit-start': { type: 'string' },
  'no-devices': { type: 'boolean' },
  out: { type: 'string' },
  force: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const camel = (k: string) => k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

export interface CliIo {
  /** Where relative paths on the command line start (the shell's directory). */
  cwd: string;
  /** The repository root: the default --out is data/compounds/<id>.json under it. */
  root: string;
  out(s: string): void;
  err(s: string): void;
}

/** Another file in the folder already using this id or one of these device ids would stop the server at start. */
function clashInDir(dir: string, outFile: string, id: string, deviceIds: Set<string>): string | null {
  if (!existsSync(dir)) return null;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json') && join(dir, n) !== outFile)) {
    let doc: { id?: unknown; devices?: { id?: unknown }[] };
    try {
      doc = JSON.parse(readFileSync(join(dir, f), 'utf8')) as typeof doc;
    } catch {
      continue;
    }
    if (doc.id === id) return `${join(dir, f)} already defines compound "${id}"`;
    const d = doc.devices?.find((x) => deviceIds.has(String(x.id)));
    if (d) return `device id "${String(d.id)}" is also a device of ${join(dir, f)}; pass --device-prefix`;
  }
  return null;
}

/** A GeoJSON (or newline-delimited GeoJSON) file, or an ImportError naming the file. */
function readGeojson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ImportError(`${basename(file)}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  try {
    return parseGeojsonText(text);
  } catch (err) {
    throw new ImportError(`${basename(file)}: ${(err as Error).message.replace(/^body is /, '')}`);
  }
}

/** The outer ring of the first polygon in a GeoJSON file: the red line. */
function redLineOf(file: string): [number, number][] {
  const doc = readGeojson(file) as { type?: string; features?: unknown[]; geometry?: unknown; coordinates?: unknown };
  const geoms =
    doc.type === 'FeatureCollection'
      ? (doc.features ?? []).map((f) => (f as { geometry?: unknown }).geometry)
      : doc.type === 'Feature'
        ? [doc.geometry]
        : [doc];
  for (const g of geoms) {
    const { type, coordinates } = (g ?? {}) as { type?: string; coordinates?: unknown };
    const ring = type === 'Polygon' ? (coordinates as unknown[])?.[0] : type === 'MultiPolygon' ? (coordinates as unknown[][])?.[0]?.[0] : null;
    if (Array.isArray(ring) && ring.length >= 3) return (ring as number[][]).map((p) => [Number(p[0]), Number(p[1])] as [number, number]);
  }
  throw new ImportError(`${basename(file)}: no Polygon to use as the red line`);
}

/** Runs the import command; returns the exit code (0 done, 1 the input cannot be imported, 2 usage). */
export function runImportCli(argv: string[], io: CliIo): number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    io.err(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) return (io.out(USAGE), 0);
  if (positionals.length !== 1 || !values.id || !values.name) {
    io.err(`${positionals.length !== 1 ? 'one GeoJSON file is needed' : '--id and --name are required'}\n${USAGE}`);
    return 2;
  }
  const file = resolve(io.cwd, positionals[0]);
  const options: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values))
    if (!['out', 'force', 'json', 'help', 'no-devices', 'context', 'red-line'].includes(k) && v !== undefined) options[camel(k)] = v;
  if (values['no-devices']) options.devices = false;
  const outFile = values.out ? resolve(io.cwd, values.out) : join(io.root, 'data/compounds', `${values.id}.json`);
  if (existsSync(outFile) && !values.force) {
    io.err(`${outFile} exists; pass --force to overwrite it`);
    return 1;
  }
  try {
    const footprints = readGeojson(file);
    const context = values.context ? readGeojson(resolve(io.cwd, values.context)) : undefined;
    const redLine = values['red-line'] ? redLineOf(resolve(io.cwd, values['red-line'])) : undefined;
    const input = context || redLine ? { footprints, ...(context ? { context } : {}), ...(redLine ? { redLine } : {}) } : footprints;
    const { compound, report } = importGeojson(input, options);
    const clash = clashInDir(dirname(outFile), outFile, compound.id, new Set(compound.devices.map((d) => d.id)));
    if (clash) throw new ImportError(clash);
    mkdirSync(dirname(outFile), { recursive: true });
    writeFileSync(outFile, formatCompoundJson(compound));
    io.out(values.json ? JSON.stringify(report, null, 2) : formatReport(report, outFile));
    return 0;
  } catch (err) {
    if (!(err instanceof ImportError)) throw err;
    io.err(`import failed: ${err.message}`);
    return 1;
  }
}
