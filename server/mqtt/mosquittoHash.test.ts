import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MOSQUITTO_ITERATIONS, mosquittoHash, mosquittoHashMatches } from './mosquittoHash';

const PASSWD = ['/usr/bin/mosquitto_passwd', '/usr/local/bin/mosquitto_passwd'].find((p) => existsSync(p));

describe('mosquitto password entries', () => {
  it('when a key is hashed, then the entry has the $7$ form and matches that key only', () => {
    const e = mosquittoHash('demo-yaguang-xincun');
    expect(e).toMatch(new RegExp(`^\\$7\\$${MOSQUITTO_ITERATIONS}\\$[A-Za-z0-9+/]{16}\\$[A-Za-z0-9+/]{86}==$`));
    expect(mosquittoHashMatches('demo-yaguang-xincun', e)).toBe(true);
    expect(mosquittoHashMatches('demo-sanhe-guanggu', e)).toBe(false);
    expect(mosquittoHash('k')).not.toBe(mosquittoHash('k'));
  });

  it.skipIf(!PASSWD)('when mosquitto_passwd writes an entry, then our check reads it the same way', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ct-passwd-'));
    try {
      const file = join(dir, 'pw');
      expect(spawnSync(PASSWD!, ['-c', '-b', file, 'u', 's3cret'], { encoding: 'utf8' }).status).toBe(0);
      const entry = readFileSync(file, 'utf8').trim().split(':')[1];
      expect(mosquittoHashMatches('s3cret', entry)).toBe(true);
      expect(mosquittoHashMatches('other', entry)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
