import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clientFingerprint } from './buildClientIfStale';

const root = mkdtempSync(join(tmpdir(), 'ct-fingerprint-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const put = (path: string, text: string) => {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
};

describe('npm start: the console is rebuilt only when its sources changed', () => {
  it('when a test or browser test changes, then the fingerprint stays; when a client, model, config or lockfile byte changes, then it moves', () => {
    put('client/App.tsx', 'export const a = 1;');
    put('client/scene/x.test.ts', 'test');
    put('client/e2e/y.e2e.test.ts', 'e2e');
    put('models/m.ts', 'export type M = 1;');
    put('vite.config.ts', 'export default {}');
    put('package-lock.json', '{}');
    const first = clientFingerprint(root);
    expect(clientFingerprint(root)).toBe(first);
    put('client/scene/x.test.ts', 'test changed');
    put('client/e2e/y.e2e.test.ts', 'e2e changed');
    expect(clientFingerprint(root)).toBe(first);
    const seen = new Set([first]);
    for (const [path, text] of [
      ['client/App.tsx', 'export const a = 2;'],
      ['models/m.ts', 'export type M = 2;'],
      ['vite.config.ts', 'export default { base: "/" }'],
      ['package-lock.json', '{ }'],
      ['client/styles.css', 'body{}'],
    ]) {
      put(path, text);
      const f = clientFingerprint(root);
      expect(seen.has(f), path).toBe(false);
      seen.add(f);
    }
  });
});
