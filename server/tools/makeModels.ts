// Writes the sample building models into data/models/ (npm run models). Deterministic: the same
// inputs give the same bytes, so the committed files can be regenerated and compared.
//   residential-block.glb        EXT_meshopt_compression
//   residential-block-draco.glb  KHR_draco_mesh_compression
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeGlb, type Compression } from './models/glbWriter';
import { residentialBlock } from './models/residentialBlock';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const OUT = resolve(ROOT, 'data/models');

/** Yaguang Xincun's six-storey slabs: 39.6 × 10.8 m, 2.9 m storeys, three units. */
const BLOCK = { length: 39.6, depth: 10.8, floors: 6, floorHeight: 2.9, units: 3 };

const FILES: [string, Compression][] = [
  ['residential-block.glb', 'meshopt'],
  ['residential-block-draco.glb', 'draco'],
];

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const parts = residentialBlock(BLOCK);
  const tris = parts.reduce((n, p) => n + p.indices.length / 3, 0);
  const raw = await writeGlb(parts, 'residential-block', 'none');
  console.log(`residential block: ${parts.length} meshes, ${tris} triangles, ${(raw.length / 1024).toFixed(1)} kB uncompressed`);
  for (const [name, compression] of FILES) {
    const bytes = await writeGlb(parts, 'residential-block', compression);
    writeFileSync(resolve(OUT, name), bytes);
    console.log(`data/models/${name}: ${compression}, ${(bytes.length / 1024).toFixed(1)} kB`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
