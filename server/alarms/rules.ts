import { readFileSync } from 'node:fs';
import { AlarmRulesFileSchema, describeIssues, findForbiddenKey, METRICS, type AlarmRule } from '../../models';

/** Loads and validates an alarm-rules file; errors name the file, the field and the problem. */
export function loadRules(path: string): AlarmRule[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`${path}: cannot read rules: ${(err as Error).message}`, { cause: err });
  }
  const bad = findForbiddenKey(raw);
  if (bad) throw new Error(`${path}: forbidden key "${bad}"`);
  const p = AlarmRulesFileSchema.safeParse(raw);
  if (!p.success) throw new Error(`invalid rules file\n${describeIssues(path, p.error)}`);
  const ids = new Set<string>();
  p.data.rules.forEach((r, i) => {
    if (ids.has(r.id)) throw new Error(`${path}: rules[${i}].id: duplicate rule id "${r.id}"`);
    ids.add(r.id);
    if ('metric' in r && !Object.hasOwn(METRICS, r.metric)) throw new Error(`${path}: rules[${i}].metric: unknown metric "${r.metric}"`);
  });
  return p.data.rules;
}
