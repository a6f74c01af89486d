// CLI: regenerate data/compounds/<id>.json for the demo compounds.
//   npx tsx server/tools/writeDemoCompounds.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CompoundSchema, summarizeCompound } from '../../models/compound';
import { describeIssues } from '../../models/validation';
import { buildDemoCompounds, formatCompoundJson } from './demoCompounds';

const outDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../data/compounds');
mkdirSync(outDir, { recursive: true });
for (const c of buildDemoCompounds()) {
  const checked = CompoundSchema.safeParse(c);
  if (!checked.success) {
    console.error(describeIssues(c.id, checked.error));
    process.exit(1);
  }
  const file = join(outDir, `${c.id}.json`);
  writeFileSync(file, formatCompoundJson(c));
  const s = summarizeCompound(c);
  console.log(`${file}: ${s.buildings} buildings, ${s.units} units, ${s.households} households, ${s.residents} residents, ${s.devices} devices`);
}
