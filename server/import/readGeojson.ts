// Reading an import's text: one JSON document (a FeatureCollection, a Feature or the envelope), or
// newline-delimited GeoJSON — one Feature per line, as Microsoft ships its building footprints.
import { ImportBadInput } from './importErrors';

/** The parsed document; NDJSON becomes a FeatureCollection. Throws ImportBadInput with JSON's own message. */
export function parseGeojsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const nd = parseNdjson(text);
    if (nd) return nd;
    throw new ImportBadInput(`body is not valid JSON: ${(err as Error).message}`);
  }
}

function parseNdjson(text: string): unknown {
  const lines = text.split(/\r?\n/);
  if (lines.filter((l) => l.trim()).length < 2) return null;
  const features: unknown[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i].trim();
    if (!l) continue;
    let f: unknown;
    try {
      f = JSON.parse(l);
    } catch (err) {
      if (!features.length) return null;
      throw new ImportBadInput(`newline-delimited GeoJSON: line ${i + 1} is not valid JSON: ${(err as Error).message}`);
    }
    if (!f || typeof f !== 'object' || (f as { type?: unknown }).type !== 'Feature') {
      if (!features.length) return null;
      throw new ImportBadInput(`newline-delimited GeoJSON: line ${i + 1} is not a Feature`);
    }
    features.push(f);
  }
  return { type: 'FeatureCollection', features };
}
