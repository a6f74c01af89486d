// Reading an import's text (a request body, a CLI file): the shared reader of models/geojsonText.ts,
// its refusal as the importer's 400.
import { GeojsonTextError, parseGeojsonText as parseText } from '../../models/geojsonText';
import { ImportBadInput } from './importErrors';

/** The parsed document; NDJSON becomes a FeatureCollection. Throws ImportBadInput with JSON's own message. */
export function parseGeojsonText(text: string): unknown {
  try {
    return parseText(text);
  } catch (err) {
    if (err instanceof GeojsonTextError) throw new ImportBadInput(err.message.startsWith('not valid JSON') ? `body is ${err.message}` : err.message);
    throw err;
  }
}
