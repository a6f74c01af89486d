// Camera video through our server, end to end: the real server (embedded DB, demo compounds), real ffmpeg
// for the demo source, and a small real HTTP "gateway" started here (node:http) standing in for MediaMTX or
// go2rtc: MJPEG (behind Basic auth), HLS playlists MediaMTX-style and go2rtc-style, a WHEP endpoint, paths that
// never answer or stall after their headers, and files no browser may reach (its config, an HTML page).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Compound, Device } from '../../models';
import { freePort } from '../testing/children';
import { ROOT, startTestServer, type TestServer } from '../testing/startTestServer';
import { signIn, type TestAuth } from '../testing/testAuth';
import { findFfmpeg } from './demoSource';

const A = 'yaguang-xincun';
const B = 'sanhe-guanggu';
const ffmpeg = findFfmpeg(undefined);

let srv: TestServer;
let gateway: Server;
let gwPort: number;
let dir: string;
let officerA: TestAuth;
let officerB: TestAuth;
/** Cameras of A by role in the test. */
const ROLES = [
  'demo1',
  'demo2',
  'demo3',
  'mjpeg',
  'hls',
  'whep',
  'down',
  'hang',
  'offline',
  'go2rtc',
  'stall',
  'stallMjpeg',
  'abort1',
  'abort2',
  'abort3',
  'mjpegOpen',
] as const;
const cam = {} as Record<(typeof ROLES)[number], string>;
let camB: string;
let notCamera: string;
let gatewayJpegs: Buffer[];
let closed = false;
const SEGMENT = Buffer.from('segment bytes of the gateway');
/** The gateway's credentials and tokens: never in any answer to a browser. */
const GW_USER = 'gwuser';
const GW_PASS = 'GWPASS-s3cret';
const GW_BASIC = 'Basic ' + Buffer.from(`${GW_USER}:${GW_PASS}`).toString('base64');
/** Every request the gateway got (method, path and query). */
const gwLog: string[] = [];
/** The gateway's MJPEG answers still open. */
let mjpegOpen = 0;

/** Two real JPEGs made by ffmpeg, for the stand-in gateway's MJPEG. */
function makeJpegs(): Buffer[] {
  const out = execFileSync(ffmpeg!, [
    '-hide_banner',
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=160x90:rate=5',
    '-frames:v',
    '2',
    '-c:v',
    'mjpeg',
    '-f',
    'image2pipe',
    'pipe:1',
  ]);
  const frames: Buffer[] = [];
  let at = 0;
  while (at < out.length) {
    const end = out.indexOf(Buffer.from([0xff, 0xd9]), at) + 2;
    frames.push(out.subarray(at, end));
    at = end;
  }
  return frames;
}

function startGateway(port: number): Promise<Server> {
  const s = createServer((req, res) => {
    const url = new URL(req.url!, 'http://gw');
    gwLog.push(`${req.method} ${req.url}`);
    // /mjpeg/ wants the user and password; /mjpeg-open/ nothing
    if (url.pathname.startsWith('/mjpeg/') || url.pathname.startsWith('/mjpeg-open/')) {
      if (url.pathname.startsWith('/mjpeg/') && req.headers.authorization !== GW_BASIC) return void res.writeHead(401).end();
      mjpegOpen++;
      res.on('close', () => mjpegOpen--);
      res.writeHead(200, { 'content-type': 'multipart/x-mixed-replace; boundary=gwb' });
      let n = 0;
      const send = () => {
        const j = gatewayJpegs[n++ % gatewayJpegs.length];
        res.write(`--gwb\r\nContent-Type: image/jpeg\r\nContent-Length: ${j.length}\r\n\r\n`);
        res.write(j);
        res.write('\r\n');
      };
      send();
      const t = setInterval(send, 100);
      res.on('close', () => clearInterval(t));
      return;
    }
    if (url.pathname === `/live/${cam.hls}/index.m3u8`) {
      res.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' });
      return void res.end(
        `#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\nseg0.ts\n#EXTINF:2.0,\nhttp://127.0.0.1:${port}/live/${cam.hls}/seg1.ts\n`,
      );
    }
    if (url.pathname === `/live/${cam.hls}/seg0.ts` || url.pathname === `/live/${cam.hls}/seg1.ts`) {
      res.writeHead(200, { 'content-type': 'video/mp2t' });
      return void res.end(SEGMENT);
    }
    if (url.pathname === '/secret.txt') return void res.end('the gateway secret');
    // go2rtc: one directory for every camera, the camera in the query; a master playlist names a variant
    if (url.pathname === '/api/stream.m3u8') {
      res.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' });
      const src = url.searchParams.get('src');
      return void res.end(`#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=500000\nhls/playlist.m3u8?id=${src}-1\n`);
    }
    if (url.pathname === '/api/hls/playlist.m3u8') {
      res.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' });
      const id = url.searchParams.get('id');
      return void res.end(`#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\nsegment.ts?id=${id}&n=1\n#EXTINF:2.0,\npage.ts?id=${id}\n`);
    }
    if (url.pathname === '/api/hls/segment.ts' && url.searchParams.get('n') === '1') {
      res.writeHead(200, { 'content-type': 'video/mp2t' });
      return void res.end(SEGMENT);
    }
    if (url.pathname === '/api/hls/page.ts') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end('<script>alert(1)</script>');
    }
    if (url.pathname === '/api/config') return void res.end('rtsp://admin:CAMERA-PASSWORD@10.0.0.9/stream');
    // headers, then nothing more
    if (url.pathname === '/stall/index.m3u8') {
      res.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' });
      return void res.write('#EXTM3U\n');
    }
    if (url.pathname === '/stallmjpeg') {
      res.writeHead(200, { 'content-type': 'multipart/x-mixed-replace; boundary=gwb' });
      const j = gatewayJpegs[0];
      return void res.write(Buffer.concat([Buffer.from(`--gwb\r\nContent-Type: image/jpeg\r\nContent-Length: ${j.length}\r\n\r\n`), j, Buffer.from('\r\n')]));
    }
    if (url.pathname.startsWith('/whep/') && req.method === 'POST') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        res.writeHead(body.startsWith('v=0') ? 201 : 400, { 'content-type': 'application/sdp', location: `http://127.0.0.1:${port}/whep/session/1` });
        res.end(`v=0\r\no=answer-for ${body.length}\r\n`);
      });
      return;
    }
    if (url.pathname.startsWith('/hang/')) return; // never answers
    res.writeHead(404).end();
  });
  return new Promise((ok) => s.listen(port, '127.0.0.1', () => ok(s)));
}

/** Reads multipart MJPEG parts (by their Content-Length) until `want` frames or `ms` pass, then leaves. */
async function readMjpeg(url: string, auth: TestAuth, want: number, ms: number): Promise<{ status: number; type: string; frames: Buffer[] }> {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), ms);
  const res = await fetch(url, { headers: auth.headers, signal: ac.signal });
  const frames: Buffer[] = [];
  let buf = Buffer.alloc(0);
  try {
    if (res.status === 200) {
      for await (const c of res.body as unknown as AsyncIterable<Uint8Array>) {
        buf = Buffer.concat([buf, c]);
        for (;;) {
          const m = /--[^\r\n]+\r\nContent-Type: image\/jpeg\r\nContent-Length: (\d+)\r\n\r\n/i.exec(buf.toString('latin1'));
          if (!m) break;
          const start = m.index + m[0].length;
          const len = Number(m[1]);
          if (buf.length < start + len) break;
          frames.push(buf.subarray(start, start + len));
          buf = buf.subarray(start + len);
        }
        if (frames.length >= want) break;
      }
    }
  } catch {
    // aborted at the deadline
  } finally {
    clearTimeout(timer);
    ac.abort();
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', frames };
}

const get = (path: string, auth: TestAuth, init: RequestInit = {}) =>
  fetch(srv.url + path, { ...init, headers: { ...auth.headers, ...(init.headers as object) } });
const isJpegBytes = (b: Buffer) => b[0] === 0xff && b[1] === 0xd8 && b[b.length - 2] === 0xff && b[b.length - 1] === 0xd9;

/** A GET with the path sent exactly as written (fetch would resolve ".." itself). */
function rawGet(path: string, auth: TestAuth): Promise<{ status: number; text: string }> {
  return new Promise((ok, fail) => {
    const r = request({ host: '127.0.0.1', port: srv.port, path, headers: auth.headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => ok({ status: res.statusCode!, text }));
    });
    r.on('error', fail);
    r.end();
  });
}

const gone = (pid: number) => {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
};

beforeAll(async () => {
  if (!ffmpeg) throw new Error('these tests need ffmpeg (apt-get install ffmpeg)');
  gatewayJpegs = makeJpegs();
  gwPort = await freePort();
  const deadPort = await freePort();
  dir = mkdtempSync(join(tmpdir(), 'video-test-'));
  const src = resolve(ROOT, 'data/compounds');
  for (const f of readdirSync(src).filter((x) => x.endsWith('.json'))) {
    const doc = JSON.parse(readFileSync(join(src, f), 'utf8')) as Compound;
    if (doc.id === A) {
      const cams = doc.devices.filter((d) => d.type === 'camera');
      ROLES.forEach((r, i) => (cam[r] = cams[i].id));
      const byId = (id: string) => cams.find((d) => d.id === id) as Device;
      byId(cam.mjpeg).stream = { kind: 'mjpeg', url: `http://${GW_USER}:${GW_PASS}@127.0.0.1:${gwPort}/mjpeg/${cam.mjpeg}` };
      byId(cam.hls).stream = { kind: 'hls', url: `http://127.0.0.1:${gwPort}/live/${cam.hls}/index.m3u8` };
      byId(cam.whep).stream = { kind: 'whep', url: `http://127.0.0.1:${gwPort}/whep/${cam.whep}?token=DEVTOKEN` };
      byId(cam.go2rtc).stream = { kind: 'hls', url: `http://127.0.0.1:${gwPort}/api/stream.m3u8?src=${cam.go2rtc}` };
      byId(cam.mjpegOpen).stream = { kind: 'mjpeg', url: `http://127.0.0.1:${gwPort}/mjpeg-open/${cam.mjpegOpen}` };
      byId(cam.stall).stream = { kind: 'hls', url: `http://127.0.0.1:${gwPort}/stall/index.m3u8` };
      byId(cam.stallMjpeg).stream = { kind: 'mjpeg', url: `http://127.0.0.1:${gwPort}/stallmjpeg` };
      byId(cam.down).stream = { kind: 'mjpeg', url: `http://127.0.0.1:${deadPort}/mjpeg/x` };
      byId(cam.hang).stream = { kind: 'hls', url: `http://127.0.0.1:${gwPort}/hang/index.m3u8` };
      notCamera = doc.devices.find((d) => d.type !== 'camera' && !('households' in d && d.households))!.id;
    } else if (doc.id === B) {
      camB = doc.devices.find((d) => d.type === 'camera')!.id;
      // B's cameras play from its compound gateway, which wants a user and a token
      doc.video = { gateway: { kind: 'mjpeg', base: `http://${GW_USER}:${GW_PASS}@127.0.0.1:${gwPort}`, pathTemplate: '/mjpeg/{id}?token=GWTOKEN' } };
    }
    writeFileSync(join(dir, f), JSON.stringify(doc));
  }
  gateway = await startGateway(gwPort);
  srv = await startTestServer({ compoundsDir: dir, tickMs: 3_600_000, video: { maxSources: 2, idleStopMs: 500, firstByteMs: 1_500, idleMs: 1_500 } });
  // Cameras are online once they report (the demo's simulator does it); the "offline" one never has.
  const ts = new Date().toISOString();
  const readings = Object.entries(cam)
    .filter(([r]) => r !== 'offline')
    .map(([, deviceId]) => ({ deviceId, metric: 'online', ts, value: 1 }));
  for (const [compound, list] of [
    [A, readings],
    [B, [{ deviceId: camB, metric: 'online', ts, value: 1 }]],
  ] as const) {
    const r = await fetch(`${srv.url}/api/v1/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': srv.key(compound) },
      body: JSON.stringify({ readings: list }),
    });
    expect(r.status).toBe(200);
  }
  officerA = await srv.login('officer-yaguang');
  officerB = await srv.login('officer-sanhe');
}, 120_000);

afterAll(async () => {
  if (!closed) await srv?.close();
  gateway?.close();
  gateway?.closeAllConnections();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the demo source (ffmpeg)', () => {
  it('when officer-yaguang opens a demo camera, then the stream info is ours and MJPEG frames change within 5 s, and leaving stops ffmpeg', async () => {
    const info = await (await get(`/api/v1/devices/${cam.demo1}/stream`, officerA)).json();
    expect(info).toEqual({
      deviceId: cam.demo1,
      source: 'demo',
      kind: 'mjpeg',
      url: `/api/v1/devices/${cam.demo1}/stream/mjpeg`,
      stillUrl: `/api/v1/devices/${cam.demo1}/still`,
      unavailable: null,
    });
    const t0 = Date.now();
    const got = await readMjpeg(srv.url + info.url, officerA, 3, 5_000);
    expect(got.status).toBe(200);
    expect(got.type).toMatch(/^multipart\/x-mixed-replace; boundary=/);
    expect(got.frames.length).toBeGreaterThanOrEqual(2);
    expect(got.frames.every(isJpegBytes)).toBe(true);
    expect(new Set(got.frames.map((f) => f.toString('base64'))).size).toBeGreaterThan(1);
    console.log(`[video] ${got.frames.length} demo frames in ${Date.now() - t0} ms, ${got.frames[0].length} bytes each`);
    // The viewer left: its ffmpeg child goes once the idle delay (500 ms here) has passed.
    const pid = srv.app.video.demo.running().get(cam.demo1)!;
    expect(pid).toBeGreaterThan(0);
    const deadline = Date.now() + 5_000;
    while (!(gone(pid) && !srv.app.video.demo.running().has(cam.demo1)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(gone(pid), `ffmpeg ${pid} still running after the viewer left`).toBe(true);
    expect(srv.app.video.demo.running().has(cam.demo1)).toBe(false);
  }, 20_000);

  it('when two viewers watch one camera, then they share one ffmpeg; a still comes from it; beyond the cap another camera is busy (503, Retry-After)', async () => {
    const a = readMjpeg(`${srv.url}/api/v1/devices/${cam.demo1}/stream/mjpeg`, officerA, 1_000, 3_000);
    const b = readMjpeg(`${srv.url}/api/v1/devices/${cam.demo1}/stream/mjpeg`, officerA, 1_000, 3_000);
    const c = readMjpeg(`${srv.url}/api/v1/devices/${cam.demo2}/stream/mjpeg`, officerA, 1_000, 3_000);
    await new Promise((r) => setTimeout(r, 1_000));
    expect([...srv.app.video.demo.running().keys()].sort()).toEqual([cam.demo1, cam.demo2].sort());
    const still = await get(`/api/v1/devices/${cam.demo1}/still`, officerA);
    expect(still.status).toBe(200);
    expect(still.headers.get('content-type')).toBe('image/jpeg');
    expect(isJpegBytes(Buffer.from(await still.arrayBuffer()))).toBe(true);
    const busy = await get(`/api/v1/devices/${cam.demo3}/stream/mjpeg`, officerA);
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('5');
    expect(await busy.json()).toMatchObject({ reason: 'busy' });
    expect((await get(`/api/v1/devices/${cam.demo3}/still`, officerA)).status).toBe(503);
    const [ra, rb, rc] = await Promise.all([a, b, c]);
    expect(ra.frames.length).toBeGreaterThan(5);
    expect(rb.frames.length).toBeGreaterThan(5);
    expect(rc.frames.length).toBeGreaterThan(5);
  }, 20_000);
});

describe('the policy and the failures', () => {
  it("when officer-sanhe asks for yaguang's camera, then stream, MJPEG and still are 404 like a missing device; its own camera plays", async () => {
    for (const p of ['stream', 'stream/mjpeg', 'still', 'stream/hls/index.m3u8']) {
      const r = await get(`/api/v1/devices/${cam.demo1}/${p}`, officerB);
      expect(r.status, p).toBe(404);
      expect(await r.text()).not.toContain('mjpeg');
    }
    expect((await get(`/api/v1/devices/${cam.demo1}/stream`, officerB)).status).toBe(404);
    const own = await get(`/api/v1/devices/${camB}/still`, officerB);
    expect(own.status).toBe(200);
    expect((await fetch(`${srv.url}/api/v1/devices/${cam.demo1}/stream/mjpeg`)).status).toBe(401);
  }, 15_000);

  it('when a camera is offline, has no such kind, or the device is no camera, then the answer says so with a reason', async () => {
    const off = await get(`/api/v1/devices/${cam.offline}/stream/mjpeg`, officerA);
    expect(off.status).toBe(503);
    expect(await off.json()).toMatchObject({ reason: 'camera_offline' });
    expect(await (await get(`/api/v1/devices/${cam.offline}/stream`, officerA)).json()).toMatchObject({ unavailable: 'camera_offline', url: null });
    const kind = await get(`/api/v1/devices/${cam.hls}/stream/mjpeg`, officerA);
    expect(kind.status).toBe(404);
    expect(await kind.json()).toMatchObject({ reason: 'no_stream' });
    const nc = await get(`/api/v1/devices/${notCamera}/stream`, officerA);
    expect(nc.status).toBe(404);
    expect((await nc.json()).error).toMatch(/is not a camera/);
  });

  it('when the gateway is down or never answers, then 502 gateway_unreachable comes in bounded time', async () => {
    const down = await get(`/api/v1/devices/${cam.down}/stream/mjpeg`, officerA);
    expect(down.status).toBe(502);
    expect(await down.json()).toMatchObject({ reason: 'gateway_unreachable' });
    const t0 = Date.now();
    const hang = await get(`/api/v1/devices/${cam.hang}/stream/hls/index.m3u8`, officerA);
    expect(hang.status).toBe(502);
    const body = await hang.json();
    expect(body).toMatchObject({ reason: 'gateway_unreachable' });
    expect(body.error).toMatch(/did not answer within 1500 ms/);
    expect(Date.now() - t0).toBeLessThan(4_000);
  });
});

describe('through a gateway', () => {
  it("when a camera streams MJPEG at its gateway, then the frames come through ours, and a still is the stream's first frame", async () => {
    const info = await (await get(`/api/v1/devices/${cam.mjpeg}/stream`, officerA)).json();
    expect(info).toMatchObject({ source: 'device', kind: 'mjpeg', url: `/api/v1/devices/${cam.mjpeg}/stream/mjpeg` });
    expect(JSON.stringify(info)).not.toContain(String(gwPort));
    const got = await readMjpeg(srv.url + info.url, officerA, 2, 5_000);
    expect(got.type).toBe('multipart/x-mixed-replace; boundary=gwb');
    expect(got.frames.slice(0, 2)).toEqual(gatewayJpegs);
    const still = await get(info.stillUrl, officerA);
    expect(Buffer.from(await still.arrayBuffer())).toEqual(gatewayJpegs[0]);
  });

  it('when a camera streams HLS, then the playlist names its files by our tokens only, they come through as media, and nothing else is reached', async () => {
    const info = await (await get(`/api/v1/devices/${cam.hls}/stream`, officerA)).json();
    expect(info.url).toBe(`/api/v1/devices/${cam.hls}/stream/hls/index.m3u8`);
    const pl = await get(info.url, officerA);
    expect(pl.status).toBe(200);
    expect(pl.headers.get('content-type')).toMatch(/^application\/vnd\.apple\.mpegurl/);
    expect(pl.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(pl.headers.get('x-content-type-options')).toBe('nosniff');
    expect(pl.headers.get('cache-control')).toBe('no-store');
    const text = await pl.text();
    expect(text).not.toContain('127.0.0.1');
    const uris = text.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(uris).toHaveLength(2);
    for (const [i, u] of uris.entries()) {
      expect(u).toMatch(new RegExp(`^/api/v1/devices/${cam.hls}/stream/hls/[\\w-]{16}-seg${i}\\.ts$`));
      const r = await get(u, officerA);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe('video/mp2t');
      expect(r.headers.get('content-security-policy')).toBe("default-src 'none'");
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('cache-control')).toMatch(/^private/);
      expect(Buffer.from(await r.arrayBuffer())).toEqual(SEGMENT);
    }
    // a process that has not rewritten the playlist (another one of a cluster, a restart) learns it again
    srv.app.video.hls.clear();
    expect((await get(uris[1], officerA)).status).toBe(200);
    for (const p of ['..%2F..%2Fsecret.txt', '%2E%2E/%2E%2E/secret.txt', '..%5C..%5Csecret.txt', 'a/../../../secret.txt', 'a//b']) {
      const r = await rawGet(`/api/v1/devices/${cam.hls}/stream/hls/${p}`, officerA);
      expect(r.status, `${p}: ${r.text}`).toBe(400);
      expect(r.text).not.toContain('the gateway secret');
    }
    gwLog.length = 0;
    // the directory's other files are no file of its playlists: not even asked of the gateway
    for (const p of ['seg0.ts', 'secret.txt', '..secret.txt', 'index.m3u8/x', `other-camera.m3u8`])
      expect((await get(`/api/v1/devices/${cam.hls}/stream/hls/${p}`, officerA)).status, p).toBe(404);
    expect(gwLog.filter((l) => !l.endsWith('/index.m3u8'))).toEqual([]);
  });

  it("when a go2rtc-style camera is played, then the browser's query is never passed on and no other gateway file is reached", async () => {
    const info = await (await get(`/api/v1/devices/${cam.go2rtc}/stream`, officerA)).json();
    expect(info.url).toBe(`/api/v1/devices/${cam.go2rtc}/stream/hls/stream.m3u8`);
    gwLog.length = 0;
    const master = await get(`${info.url}?src=${cam.hls}`, officerA);
    expect(master.status).toBe(200);
    const masterText = await master.text();
    expect(gwLog).toEqual([`GET /api/stream.m3u8?src=${cam.go2rtc}`]);
    expect(masterText).not.toMatch(/127\.0\.0\.1|id=|src=/);
    const variant = masterText.split('\n').find((l) => l.startsWith('/api/'))!;
    expect(variant).toMatch(/-playlist\.m3u8$/);
    const media = await (await get(`${variant}?id=${cam.hls}-1`, officerA)).text();
    const [segment, page] = media.split('\n').filter((l) => l.startsWith('/api/'));
    expect(gwLog.at(-1)).toBe(`GET /api/hls/playlist.m3u8?id=${cam.go2rtc}-1`);
    const seg = await get(segment, officerA);
    expect(seg.status).toBe(200);
    expect(Buffer.from(await seg.arrayBuffer())).toEqual(SEGMENT);
    expect(gwLog.at(-1)).toBe(`GET /api/hls/segment.ts?id=${cam.go2rtc}-1&n=1`);
    // a gateway answer of another type (an HTML page here) is never served from our origin
    const html = await get(page, officerA);
    expect(html.status).toBe(502);
    expect(html.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await html.json()).toMatchObject({ reason: 'gateway_unreachable', error: expect.stringMatching(/answered text\/html/) });
    gwLog.length = 0;
    for (const p of ['config', 'stream.m3u8/../config', 'hls', 'playlist.m3u8', 'segment.ts'])
      expect((await rawGet(`/api/v1/devices/${cam.go2rtc}/stream/hls/${p}?src=x`, officerA)).status, p).toBeGreaterThanOrEqual(400);
    expect(gwLog.some((l) => l.includes('/api/config'))).toBe(false);
    expect(gwLog.every((l) => l === `GET /api/stream.m3u8?src=${cam.go2rtc}` || l.startsWith('GET /api/hls/playlist.m3u8?id='))).toBe(true);
  });

  it('when the gateway stalls after its headers, then a playlist answers 502 by the deadline and an MJPEG stream ends after the idle time', async () => {
    const t0 = Date.now();
    const pl = await get(`/api/v1/devices/${cam.stall}/stream/hls/index.m3u8`, officerA);
    expect(pl.status).toBe(502);
    expect(await pl.json()).toMatchObject({ reason: 'gateway_unreachable', error: expect.stringMatching(/within 3000 ms/) });
    expect(Date.now() - t0).toBeLessThan(5_000);
    const t1 = Date.now();
    const got = await readMjpeg(`${srv.url}/api/v1/devices/${cam.stallMjpeg}/stream/mjpeg`, officerA, 1_000, 8_000);
    expect(got.frames).toHaveLength(1);
    // idleMs is 1.5 s here: the stream ended well before the reader's own 8 s
    expect(Date.now() - t1).toBeLessThan(5_000);
  }, 20_000);

  it('when a browser posts a WHEP offer, then the SDP answer comes back with its status and no gateway Location; other bodies are refused', async () => {
    const url = `/api/v1/devices/${cam.whep}/stream/whep`;
    const ok = await get(url, officerA, { method: 'POST', headers: { 'content-type': 'application/sdp' }, body: 'v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\n' });
    expect(ok.status).toBe(201);
    expect(ok.headers.get('content-type')).toMatch(/^application\/sdp/);
    expect(ok.headers.get('location')).toBeNull();
    expect(await ok.text()).toMatch(/^v=0\r\no=answer-for 29/);
    const json = await get(url, officerA, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"sdp":"v=0"}' });
    expect(json.status).toBe(415);
    const big = await get(url, officerA, { method: 'POST', headers: { 'content-type': 'application/sdp' }, body: 'v=0\r\n' + 'a'.repeat(70_000) });
    expect(big.status).toBe(413);
    const notSdp = await get(url, officerA, { method: 'POST', headers: { 'content-type': 'application/sdp' }, body: 'hello' });
    expect(notSdp.status).toBe(400);
  });
});

/**
 * Sends a request on a raw socket and drops the socket at once: a browser closing the tab while the policy is
 * checked. A fresh session (not yet in the auth cache) makes the check wait on the database, so the socket's
 * 'close' comes before our handler runs.
 */
const dropAtOnce = async (path: string, method = 'GET') => {
  const auth = await signIn(srv.url, 'officer-yaguang');
  await new Promise<void>((ok, fail) => {
    const s = connect(srv.port, '127.0.0.1', () => {
      s.write(`${method} ${path} HTTP/1.1\r\nHost: x\r\nCookie: ${auth.cookie}\r\n\r\n`);
      s.destroy();
      ok();
    });
    s.on('error', fail);
  });
};

describe('browsers that leave at once', () => {
  it('when a browser drops the connection during the policy check, then no demo source keeps a viewer and other cameras still play', async () => {
    for (const c of [cam.abort1, cam.abort2, cam.abort3]) await dropAtOnce(`/api/v1/devices/${c}/stream/mjpeg`);
    // idleStopMs is 500 here: every source started for a browser that left has stopped by now
    const deadline = Date.now() + 4_000;
    const left = () => [cam.abort1, cam.abort2, cam.abort3].filter((c) => srv.app.video.demo.running().has(c));
    while (left().length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(left()).toEqual([]);
    expect((await get(`/api/v1/devices/${cam.demo2}/still`, officerA)).status).toBe(200);
  }, 15_000);

  it('when a browser drops a gateway MJPEG at once, then no connection to the gateway stays open', async () => {
    for (let i = 0; i < 2; i++) await dropAtOnce(`/api/v1/devices/${cam.mjpegOpen}/stream/mjpeg`);
    expect(gwLog.filter((l) => l.includes('/mjpeg-open/')).length).toBeLessThanOrEqual(2);
    const deadline = Date.now() + 4_000;
    while (mjpegOpen > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(mjpegOpen).toBe(0);
  }, 15_000);

  it('when a browser asks HEAD of a demo MJPEG, then it gets the headers and no ffmpeg starts', async () => {
    const r = await get(`/api/v1/devices/${cam.abort1}/stream/mjpeg`, officerA, { method: 'HEAD' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^multipart\/x-mixed-replace; boundary=/);
    await new Promise((ok) => setTimeout(ok, 200));
    expect(srv.app.video.demo.running().has(cam.abort1)).toBe(false);
  });
});

describe("the gateway's addresses and credentials", () => {
  it('when any role reads compounds, twins, devices or the district, then no gateway host, user, password or token is in the answer', async () => {
    const secrets = new RegExp([GW_USER, GW_PASS, 'GWTOKEN', 'DEVTOKEN', `127\\.0\\.0\\.1:${gwPort}`].join('|'));
    const paths = [
      `/api/v1/compounds/${A}`,
      `/api/v1/compounds/${B}`,
      `/api/v1/compounds/${A}/twin`,
      `/api/v1/compounds/${B}/twin`,
      `/api/v1/devices/${cam.mjpeg}`,
      `/api/v1/devices/${cam.whep}`,
      `/api/v1/devices/${camB}`,
      '/api/v1/compounds',
      '/api/v1/district',
    ];
    let read = 0;
    for (const who of ['admin', 'officer-yaguang', 'officer-sanhe', 'wall', 'evaluator'] as const) {
      const auth = await srv.login(who);
      for (const p of paths) {
        const r = await get(p, auth);
        const text = await r.text();
        expect(text, `${who} ${p}`).not.toMatch(secrets);
        if (r.status === 200) read++;
      }
    }
    expect(read).toBeGreaterThan(20);
    // what a camera keeps: the kind of its stream, and the compound that it has a gateway of some kind
    const admin = await srv.login('admin');
    const docA = (await (await get(`/api/v1/compounds/${A}`, admin)).json()) as Compound;
    expect(docA.devices.find((d) => d.id === cam.mjpeg)!.stream).toEqual({ kind: 'mjpeg' });
    const twinB = (await (await get(`/api/v1/compounds/${B}/twin`, await srv.login('evaluator'))).json()) as { compound: Compound };
    expect(twinB.compound.video).toEqual({ gateway: { kind: 'mjpeg' } });
    // the server itself still has them: B's camera plays through the gateway (Basic auth from the URL's user)
    const still = await get(`/api/v1/devices/${camB}/still`, officerB);
    expect(still.status).toBe(200);
    expect(Buffer.from(await still.arrayBuffer())).toEqual(gatewayJpegs[0]);
  });
});

describe('closing the server', () => {
  it('when the server closes while a camera is watched, then the stream ends, its ffmpeg is gone and close() does not wait on it', async () => {
    const watching = readMjpeg(`${srv.url}/api/v1/devices/${cam.demo3}/stream/mjpeg`, officerA, 1_000_000, 15_000);
    const deadline = Date.now() + 5_000;
    while (!srv.app.video.demo.running().has(cam.demo3) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    // a frame has flowed once the source gives a still (the viewer above was already watching it)
    expect((await get(`/api/v1/devices/${cam.demo3}/still`, officerA)).status).toBe(200);
    const pid = srv.app.video.demo.running().get(cam.demo3)!;
    const t0 = Date.now();
    await srv.close();
    const closedIn = Date.now() - t0;
    const got = await watching;
    expect(got.frames.length).toBeGreaterThan(0);
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(closedIn).toBeLessThan(5_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(gone(pid), `ffmpeg ${pid} left running`).toBe(true);
    closed = true;
  }, 30_000);
});
