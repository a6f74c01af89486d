// The worker side of importInWorker: runs importGeojson off the event loop, one job at a time, and
// answers with the result or the ImportError (name and message; classes do not cross threads).
// The compound goes back as JSON text in pieces (one per building, devices by the thousand) with
// the hash of the whole: parsing text costs a third of structured-cloning the same objects, and
// pieces let the main thread parse a 50,000-device compound in slices between other requests.
import { parentPort } from 'node:worker_threads';
import type { ImportReport } from '../../models';
import { importGeojson } from './importGeojson';
import { hashOfPieces, toPieces, type CompoundPieces } from './compoundPieces';
import { ImportBadInput, ImportError } from './importErrors';
import { checkImportSize } from './importLimits';
import { parseGeojsonText } from './readGeojson';
import { jsonProblem } from '../http/inputGuard';

export type { CompoundPieces } from './compoundPieces';

/** One import: the request body as it came (JSON text, parsed here, off the event loop) and the options. */
export type ImportJob = { id: number; text: string; options: unknown };

export type ImportAnswer =
  | { id: number; ok: true; compound: CompoundPieces; hash: string; report: ImportReport }
  | { id: number; ok: false; error: { name: string; message: string; import: boolean } };

/** The body as a value: valid JSON (or newline-delimited GeoJSON), no text a database refuses, within the size limits — before any geometry. */
function readBody(text: string): unknown {
  const input = parseGeojsonText(text);
  const problem = jsonProblem(input);
  if (problem) throw new ImportBadInput(problem);
  checkImportSize(input);
  return input;
}

parentPort!.on('message', (job: ImportJob) => {
  let answer: ImportAnswer;
  try {
    const { compound, report } = importGeojson(readBody(job.text), job.options);
    const pieces = toPieces(compound);
    answer = { id: job.id, ok: true, compound: pieces, hash: hashOfPieces(pieces), report };
  } catch (err) {
    const e = err as Error;
    answer = { id: job.id, ok: false, error: { name: e?.name ?? 'Error', message: e?.message ?? String(err), import: err instanceof ImportError } };
  }
  parentPort!.postMessage(answer);
});
