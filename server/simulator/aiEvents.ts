import { crc32, deflateSync } from 'node:zlib';
import type { CameraEventKind, Device } from '../../models';
import type { CameraEventInput } from '../cameraEvents/cameraEvents.service';
import { hashString, mix, seeded } from './seeded';

// The demo's camera AI events: a few, seeded, with a generated snapshot (a PNG encoded here: no image library, no font).

export const SNAPSHOT_W = 160;
export const SNAPSHOT_H = 90;

/** Scene colours per kind: [sky top, horizon, ground] (RGB). */
const SCENES: Record<CameraEventKind, [number[], number[], number[]]> = {
  fire_smoke: [
    [70, 60, 60],
    [200, 120, 60],
    [60, 50, 45],
  ],
  thrown_object: [
    [90, 140, 200],
    [190, 210, 225],
    [110, 115, 105],
  ],
  loitering: [
    [40, 50, 80],
    [90, 100, 130],
    [70, 75, 70],
  ],
  illegal_parking: [
    [120, 160, 200],
    [200, 210, 215],
    [85, 85, 90],
  ],
  fence_intrusion: [
    [30, 40, 60],
    [70, 90, 100],
    [50, 70, 50],
  ],
};

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG (8-bit RGB) of `w`×`h` from `rgb` (w·h·3 bytes). */
export function encodePng(w: number, h: number, rgb: Uint8Array): Buffer {
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0; // filter: none
    raw.set(rgb.subarray(y * w * 3, (y + 1) * w * 3), y * (w * 3 + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 6 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A 160×90 still of the scene: a gradient in the kind's colours, a building block, and a red box where the
 * "object" is (position from `seed`).
 */
export function snapshotPng(kind: CameraEventKind, seed: number): Buffer {
  const w = SNAPSHOT_W;
  const h = SNAPSHOT_H;
  const px = new Uint8Array(w * h * 3);
  const [top, horizon, ground] = SCENES[kind];
  const hy = Math.round(h * 0.55);
  const set = (x: number, y: number, c: readonly number[]) => {
    if (x < 0 || y < 0 || x >= w || y >= h) return;
    const i = (y * w + x) * 3;
    px[i] = c[0];
    px[i + 1] = c[1];
    px[i + 2] = c[2];
  };
  for (let y = 0; y < h; y++) {
    const [a, b, f] = y < hy ? [top, horizon, y / hy] : [horizon, ground, (y - hy) / (h - hy)];
    const c = [0, 1, 2].map((k) => Math.round(a[k] + (b[k] - a[k]) * f));
    for (let x = 0; x < w; x++) set(x, y, c);
  }
  const rand = seeded(seed);
  // a building on the horizon
  const bx = Math.floor(rand() * 80) + 10;
  const bw = 40 + Math.floor(rand() * 30);
  const bt = 12 + Math.floor(rand() * 20);
  for (let y = bt; y < hy; y++) for (let x = bx; x < bx + bw; x++) set(x, y, (x - bx) % 8 < 3 && (y - bt) % 8 < 4 ? [230, 210, 140] : [120, 120, 130]);
  // the object's box
  const ow = 14 + Math.floor(rand() * 16);
  const oh = 14 + Math.floor(rand() * 16);
  const ox = Math.floor(rand() * (w - ow - 4)) + 2;
  const oy = Math.floor(rand() * (h - oh - 4)) + 2;
  const red = [235, 40, 40];
  for (let x = ox; x < ox + ow; x++) for (const y of [oy, oy + 1, oy + oh - 2, oy + oh - 1]) set(x, y, red);
  for (let y = oy; y < oy + oh; y++) for (const x of [ox, ox + 1, ox + ow - 2, ox + ow - 1]) set(x, y, red);
  for (let y = oy + 4; y < oy + oh - 4; y++) for (let x = ox + 4; x < ox + ow - 4; x++) set(x, y, [250, 250, 250]);
  return encodePng(w, h, px);
}

/** The first event after start (so a newcomer sees one), then one every PERIOD_MS or so per compound. */
export const FIRST_AFTER_MS = 20_000;
export const PERIOD_MS = 5 * 60_000;
/** Kinds the demo plays (fire and smoke would be a critical false alarm every few minutes: not played). */
const DEMO_KINDS: CameraEventKind[] = ['thrown_object', 'loitering', 'illegal_parking', 'fence_intrusion'];

/**
 * A compound's AI events: a few of its cameras, each with one kind (so repeats bump the same alarms instead of
 * opening new ones without end), at seeded moments. `due(now)` returns the events since the last `sent`; `sent(now)`
 * moves on once they are ingested (a failed pass sends them again).
 */
export class AiEventPlan {
  private readonly pairs: { deviceId: string; kind: CameraEventKind }[];
  private last: number;

  constructor(
    private readonly compoundId: string,
    devices: readonly Device[],
    private readonly seed: number,
    readonly startedAt: number,
  ) {
    const cameras = devices.filter((d) => d.type === 'camera').map((d) => d.id);
    const rand = seeded(mix(seed, hashString(compoundId + ':ai')));
    const picked: string[] = [];
    for (let i = 0; i < DEMO_KINDS.length && cameras.length; i++) picked.push(cameras.splice(Math.floor(rand() * cameras.length), 1)[0]);
    this.pairs = picked.map((deviceId, i) => ({ deviceId, kind: DEMO_KINDS[i] }));
    this.last = startedAt;
  }

  /** The moment of event n (0: the first, soon after start) and its (camera, kind). */
  event(n: number): { at: number; deviceId: string; kind: CameraEventKind } | null {
    if (!this.pairs.length) return null;
    const r = seeded(mix(this.seed, hashString(`${this.compoundId}:ai:${n}`)));
    const at = n === 0 ? this.startedAt + FIRST_AFTER_MS : this.startedAt + FIRST_AFTER_MS + n * PERIOD_MS + Math.floor((r() - 0.5) * 60_000);
    const pair = n === 0 ? this.pairs[0] : this.pairs[Math.floor(r() * this.pairs.length)];
    return { at, ...pair };
  }

  /** Events in (last sent, now], with their snapshots. */
  due(now: number): CameraEventInput[] {
    const out: CameraEventInput[] = [];
    if (!this.pairs.length || now <= this.last) return out;
    // event n falls within ±30 s of its slot: look at the slots around (last, now]
    const first = Math.max(0, Math.floor((this.last - this.startedAt - FIRST_AFTER_MS) / PERIOD_MS) - 1);
    const lastN = Math.floor((now - this.startedAt - FIRST_AFTER_MS) / PERIOD_MS) + 1;
    for (let n = first; n <= lastN; n++) {
      const e = this.event(n);
      if (!e || e.at <= this.last || e.at > now) continue;
      const png = snapshotPng(e.kind, mix(this.seed, hashString(`${this.compoundId}:snap:${n}`)));
      out.push({
        deviceId: e.deviceId,
        kind: e.kind,
        at: e.at,
        confidence: 0.8 + (n % 5) / 25,
        snapshot: { contentType: 'image/png', data: png.toString('base64') },
      });
    }
    return out;
  }

  /** The events due by `now` are ingested: the next `due` starts after `now`. */
  sent(now: number): void {
    if (now > this.last) this.last = now;
  }
}
