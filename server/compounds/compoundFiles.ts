import { readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import { CompoundSchema, describeIssues, findForbiddenKey, type Compound } from '../../models';

/** A compound file that cannot be used; the message names the file, the field and the problem. */
export class CompoundFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CompoundFileError';
  }
}

export interface LoadedCompound {
  doc: Compound;
  hash: string;
  source: string;
}

/** Parses and validates one compound document from text; throws CompoundFileError naming `source`. */
export function parseCompound(text: string, source: string): LoadedCompound {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new CompoundFileError(`${source}: not valid JSON: ${(err as Error).message}`);
  }
  const bad = findForbiddenKey(raw);
  if (bad) throw new CompoundFileError(`${source}: forbidden key "${bad}"`);
  const parsed = CompoundSchema.safeParse(raw);
  if (!parsed.success) throw new CompoundFileError(`invalid compound file\n${describeIssues(source, parsed.error)}`);
  return { doc: parsed.data, hash: createHash('sha256').update(text).digest('hex'), source };
}

/** Loads every `*.json` in `dir`; the first bad file stops everything (nothing partial is loaded). */
export function loadCompoundFiles(dir: string): LoadedCompound[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const out: LoadedCompound[] = [];
  const seen = new Map<string, string>();
  const deviceOwner = new Map<string, string>();
  for (const f of files) {
    const path = join(dir, f);
    const source = relative(process.cwd(), path) || path;
    const loaded = parseCompound(readFileSync(path, 'utf8'), source);
    const dup = seen.get(loaded.doc.id);
    if (dup) throw new CompoundFileError(`${source}: id: "${loaded.doc.id}" is also used by ${dup}`);
    seen.set(loaded.doc.id, source);
    // Readings are keyed by device id alone, so ids must be unique across every compound.
    loaded.doc.devices.forEach((d, i) => {
      const other = deviceOwner.get(d.id);
      if (other) throw new CompoundFileError(`${source}: devices[${i}].id: "${d.id}" is also a device of ${other}`);
      deviceOwner.set(d.id, source);
    });
    out.push(loaded);
  }
  return out;
}
