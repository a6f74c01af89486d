import { resolve } from 'node:path';
import { ARTIFACTS, buildClientOnce } from '../../client/e2e/buildClient';
import { builtFrom, clientFingerprint, markBuilt } from '../tools/buildClientIfStale';

const DIR = resolve(ARTIFACTS, 'bench-dist');

/** The production client (with the test probe) for the browser benches: one build shared by every step, rebuilt only when its sources changed, as `npm start` decides. */
export async function benchClientBuild(): Promise<string> {
  const want = clientFingerprint();
  if (builtFrom(DIR) === want) return DIR;
  await buildClientOnce(DIR);
  markBuilt(DIR, want);
  return DIR;
}
