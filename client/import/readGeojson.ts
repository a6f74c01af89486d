// Reading a dropped file on the import screen with the importer's own reader (models/geojsonText.ts:
// GeoJSON, or one Feature per line as Microsoft ships its footprints), checked and counted for the envelope. Nothing here knows profiles: the server detects them.
import { IMPORT_LIMITS } from '../../models/geojsonImport';
import { GeojsonTextError, parseGeojsonText as parseText } from '../../models/geojsonText';

export interface ReadFile {
  name: string;
  bytes: number;
  /** What is sent: a FeatureCollection (or the one Feature as it came). */
  doc: { type: string; features?: unknown[] };
  features: number;
}

export class ReadError extends Error {}

const MB = 1024 * 1024;

/** Parses the text of a dropped file; throws ReadError saying what and where (line for NDJSON). */
export function parseGeojsonText(name: string, text: string): ReadFile {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > IMPORT_LIMITS.bodyMb * MB) throw new ReadError(`${name}: ${(bytes / MB).toFixed(1)} MB, over the ${IMPORT_LIMITS.bodyMb} MB an import takes`);
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (!trimmed) throw new ReadError(`${name}: the file is empty`);
  let doc: unknown;
  try {
    doc = parseText(trimmed);
  } catch (err) {
    if (err instanceof GeojsonTextError) throw new ReadError(`${name}: ${err.message}`);
    throw err;
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc))
    throw new ReadError(`${name}: expected a GeoJSON object, got ${Array.isArray(doc) ? 'an array' : typeof doc}`);
  const d = doc as { type?: unknown; features?: unknown };
  if (d.type === 'FeatureCollection') {
    if (!Array.isArray(d.features)) throw new ReadError(`${name}: FeatureCollection without a features array`);
    return { name, bytes, doc: d as ReadFile['doc'], features: d.features.length };
  }
  if (d.type === 'Feature') return { name, bytes, doc: d as ReadFile['doc'], features: 1 };
  throw new ReadError(`${name}: expected a FeatureCollection or a Feature, got type ${JSON.stringify(d.type ?? null)}`);
}

/** A compound id from a file name: "Optics Valley 光谷.geojson" → "optics-valley"; empty when nothing usable is left. */
export function idFromFileName(name: string): string {
  return name
    .replace(/\.(geo)?json(l|seq)?$|\.ndjson$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
}
