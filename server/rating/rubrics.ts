import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeIssues, findForbiddenKey, RubricSchema, type Rubric } from '../../models';

/** Parses a rubric file; errors name the file, the field and the problem. */
export function parseRubric(text: string, source: string): Rubric {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`${source}: not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  const bad = findForbiddenKey(raw);
  if (bad) throw new Error(`${source}: forbidden key "${bad}"`);
  const p = RubricSchema.safeParse(raw);
  if (!p.success) throw new Error(`invalid rubric file\n${describeIssues(source, p.error)}`);
  return p.data;
}

/** Every rubric in `dir`, by id. */
export function loadRubrics(dir: string): Map<string, Rubric> {
  const out = new Map<string, Rubric>();
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.json'))
    .sort()) {
    const r = parseRubric(readFileSync(join(dir, f), 'utf8'), join(dir, f));
    if (out.has(r.id)) throw new Error(`${join(dir, f)}: id: rubric "${r.id}" is defined twice`);
    out.set(r.id, r);
  }
  return out;
}
