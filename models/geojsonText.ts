// Reading GeoJSON text, shared by the import screen (a dropped file) and the importer (a request body,
// a CLI file): one JSON document, or newline-delimited GeoJSON — one Feature per line, as Microsoft
// ships its building footprints — which becomes a FeatureCollection.

/** The text is neither JSON nor newline-delimited Features; the message says where. */
export class GeojsonTextError extends Error {}

/** The parsed document; NDJSON becomes a FeatureCollection. Throws GeojsonTextError with JSON's own message. */
export function parseGeojsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const nd = parseNdjson(text);
    if (nd) return nd;
    throw new GeojsonTextError(`not valid JSON: ${(err as Error).message}`);
  }
}

/** Null when the text does not look like NDJSON at all (fewer than two lines, or a first line that is no Feature). */
function parseNdjson(text: string): { type: 'FeatureCollection'; features: unknown[] } | null {
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
      throw new GeojsonTextError(`newline-delimited GeoJSON: line ${i + 1} is not valid JSON: ${(err as Error).message}`);
    }
    if (!f || typeof f !== 'object' || (f as { type?: unknown }).type !== 'Feature') {
      if (!features.length) return null;
      throw new GeojsonTextError(`newline-delimited GeoJSON: line ${i + 1} is not a Feature`);
    }
    features.push(f);
  }
  return { type: 'FeatureCollection', features };
}
