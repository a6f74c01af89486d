// The worker side of importInWorker: runs importGeojson off the event loop, one job at a time, and
// answers with the result or the ImportError (name and message; classes do not cross threads).
// The compound goes back as JSON text in pieces (one per building, devices by the thousand) with
// the hash of the whole: parsing text costs a third of structured-cloning the same objects, and
// pieces let the main thread parse a 50,000-device compound in slices between other requests.
import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import type { ImportReport } from '../../models';
import { importGeojson } from './importGeojson';
import { ImportError } from './importErrors';

/** A compound as JSON texts: everything but buildings and devices, each building, devices in chunks. */
export interface CompoundPieces {
  head: string;
  buildings: string[];
  devices: string[];
}

/** One feature of a FeatureCollection on its way, or the run: the document (without its features when `features` is set, which then come from the messages before) and the options. */
export type ImportJob = { id: number; feature: unknown } | { id: number; input: unknown; options: unknown; features?: true };

const arriving = new Map<number, unknown[]>();

export type ImportAnswer =
  | { id: number; ok: true; compound: CompoundPieces; hash: string; report: ImportReport }
  | { id: number; ok: false; error: { name: string; message: string; import: boolean } };

parentPort!.on('message', (job: ImportJob) => {
  if ('feature' in job) {
    const list = arriving.get(job.id) ?? [];
    list.push(job.feature);
    arriving.set(job.id, list);
    return;
  }
  const features = arriving.get(job.id) ?? [];
  arriving.delete(job.id);
  const input = job.features ? { ...(job.input as object), features } : job.input;
  let answer: ImportAnswer;
  try {
    const { compound, report } = importGeojson(input, job.options);
    const { buildings, devices, ...head } = compound;
    const pieces: CompoundPieces = { head: JSON.stringify(head), buildings: buildings.map((b) => JSON.stringify(b)), devices: [] };
    for (let k = 0; k < devices.length; k += 1_000) pieces.devices.push(JSON.stringify(devices.slice(k, k + 1_000)));
    // The same text the compounds table hashes: buildings and devices are the document's last keys.
    const hash = createHash('sha256').update(JSON.stringify(compound)).digest('hex');
    answer = { id: job.id, ok: true, compound: pieces, hash, report };
  } catch (err) {
    const e = err as Error;
    answer = { id: job.id, ok: false, error: { name: e?.name ?? 'Error', message: e?.message ?? String(err), import: err instanceof ImportError } };
  }
  parentPort!.postMessage(answer);
});
