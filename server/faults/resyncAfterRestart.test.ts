import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { TwinClient } from '../testing/twinClient';
import { call } from '../testing/testAuth';

const Y = 'yaguang-xincun';
const tmp = mkdtempSync(join(tmpdir(), 'ct-resync-'));
const clients: TwinClient[] = [];
afterAll(() => {
  for (const c of clients) c.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function smoke(srv: TestServer, deviceId: string) {
  const r = await call(srv.url, '/ingest', {
    body: { readings: [{ deviceId, metric: 'smoke', ts: Date.now() - 2_000, value: 1 }] },
    headers: { 'x-api-key': srv.key(Y) },
  });
  expect(r.status).toBe(200);
}

async function client(srv: TestServer): Promise<TwinClient> {
  const c = await new TwinClient(srv.url, { token: (await srv.login('officer-yaguang')).token }).connect();
  clients.push(c);
  return c;
}

describe('a client that comes back after the server restarted', () => {
  it('when it rejoins with its last seq from before the restart, then it gets a fresh snapshot holding every alarm it missed, and live alarms after', async () => {
    const dataDir = join(tmp, 'db');
    const first = await startTestServer({ dataDir });
    const c = await client(first);
    expect((await c.join(Y)).ok).toBe(true);
    await c.waitFor('twin:snapshot');
    const lastSeq = c.lastSeq;
    c.close();
    await smoke(first, 'yg-b7-u1-f2-smoke'); // while the client is away, before the restart
    await first.close();

    const second = await startTestServer({ dataDir });
    try {
      await smoke(second, 'yg-b8-u1-f2-smoke'); // after the restart, before the client is back
      const back = await client(second);
      const r = await back.join(Y, lastSeq);
      expect(r.ok && r.data.mode).toBe('snapshot');
      expect(r.ok && r.data.seq).toBeGreaterThan(lastSeq);
      const snap = await back.waitFor('twin:snapshot');
      const missed = snap.alarms.map((a: any) => a.deviceId);
      expect(missed).toContain('yg-b7-u1-f2-smoke');
      expect(missed).toContain('yg-b8-u1-f2-smoke');
      await smoke(second, 'yg-b9-u1-f2-smoke');
      const live = await back.waitFor('alarm:raised', (e) => e.alarm.deviceId === 'yg-b9-u1-f2-smoke', 2_000);
      expect(live.seq).toBeGreaterThan(snap.seq);
    } finally {
      await second.close();
    }
  });
});
