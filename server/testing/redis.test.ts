import { existsSync, readFileSync } from 'node:fs';
import { createClient } from 'redis';
import { describe, expect, it } from 'vitest';
import { redisAvailable, startRedis } from './redis';

async function connect(url: string) {
  const client = createClient({ url, socket: { reconnectStrategy: false } });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

describe.skipIf(!redisAvailable())('startRedis: a real redis-server for tests', () => {
  it('when started twice, then each answers on its own loopback port, without persistence, unprivileged, and stop() removes it and its dir', async () => {
    const [a, b] = await Promise.all([startRedis(), startRedis()]);
    try {
      expect(a.port).not.toBe(b.port);
      expect(a.url).toBe(`redis://127.0.0.1:${a.port}`);
      const ca = await connect(a.url);
      const cb = await connect(b.url);
      await ca.set('k', 'a');
      expect(await cb.get('k')).toBeNull(); // two servers, not one
      expect(await ca.get('k')).toBe('a');
      expect(await ca.configGet('save')).toEqual({ save: '' });
      expect(await ca.configGet('appendonly')).toEqual({ appendonly: 'no' });
      expect(await ca.configGet('bind')).toEqual({ bind: '127.0.0.1' });
      const dir = (await ca.configGet('dir')).dir;
      expect(existsSync(dir)).toBe(true);
      const pid = Number(/process_id:(\d+)/.exec(await ca.info('server'))![1]);
      const uid = Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
      if (process.getuid?.() === 0) expect(uid).not.toBe(0);
      else expect(uid).toBe(process.getuid?.());
      ca.destroy();
      cb.destroy();

      await a.stop();
      expect(existsSync(dir)).toBe(false);
      expect(existsSync(`/proc/${pid}`)).toBe(false);
      await expect(connect(a.url)).rejects.toThrow();
      // the other one is untouched
      const again = await connect(b.url);
      expect(await again.ping()).toBe('PONG');
      again.destroy();
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
