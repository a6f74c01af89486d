// An imported compound crosses from the import worker to the main thread as JSON text in pieces (one
// per building, devices by the thousand): parsing text costs a third of structured-cloning the same
// objects, and pieces let the main thread parse a 150,000-device compound in slices between requests.
// The hash the compounds table keeps is of JSON.stringify(compound); it is computed from the pieces,
// not by serialising the whole document a second time (that alone took ~1 s for 5,000 buildings).
import { createHash } from 'node:crypto';
import type { Compound } from '../../models';

/** A compound as JSON texts: everything but buildings and devices, each building, devices in chunks. */
export interface CompoundPieces {
  head: string;
  buildings: string[];
  devices: string[];
}

const DEVICE_CHUNK = 1_000;

export function toPieces(compound: Compound): CompoundPieces {
  const { buildings, devices, ...head } = compound;
  const pieces: CompoundPieces = { head: JSON.stringify(head), buildings: buildings.map((b) => JSON.stringify(b)), devices: [] };
  for (let k = 0; k < devices.length; k += DEVICE_CHUNK) pieces.devices.push(JSON.stringify(devices.slice(k, k + DEVICE_CHUNK)));
  return pieces;
}

/**
 * JSON.stringify(compound) as a run of texts, from the pieces: buildings and devices are the
 * document's last keys (the schema's order), so the text is the head without its closing brace, then
 * the two arrays. What the compounds table stores and hashes, without serialising the document again.
 */
export function* jsonTexts(p: CompoundPieces): Generator<string> {
  yield p.head.slice(0, -1);
  yield p.head.length > 2 ? ',"buildings":[' : '"buildings":[';
  // The separators go as texts of their own: hashing `,${slice}` (a concatenated slice of a 250 kB
  // text) costs ten times hashing the two apart, ~0.4 s for 165,000 devices.
  for (let i = 0; i < p.buildings.length; i++) {
    if (i) yield ',';
    yield p.buildings[i];
  }
  yield '],"devices":[';
  for (let i = 0; i < p.devices.length; i++) {
    if (i) yield ',';
    yield p.devices[i].slice(1, -1);
  }
  yield ']}';
}

/** sha256 of JSON.stringify(compound), fed from the pieces. */
export function hashOfPieces(p: CompoundPieces): string {
  const h = createHash('sha256');
  for (const t of jsonTexts(p)) h.update(t);
  return h.digest('hex');
}
