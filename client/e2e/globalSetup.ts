import { existsSync } from 'node:fs';
import { buildClientOnce } from './buildClient';

/** Builds the client once for every browser test file (they run one after another). */
export default async function setup(): Promise<void> {
  const chrome = process.env.CHROME_PATH || '/usr/bin/chromium';
  if (!existsSync(chrome)) return;
  process.env.E2E_STATIC_DIR = await buildClientOnce();
}
