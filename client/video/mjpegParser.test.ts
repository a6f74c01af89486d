import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { contentLengthBefore, MAX_FRAME_BYTES, MjpegParser } from './mjpegParser';

const enc = new TextEncoder();
const cat = (...parts: (Uint8Array | string)[]) => {
  const bufs = parts.map((p) => (typeof p === 'string' ? enc.encode(p) : p));
  const out = new Uint8Array(bufs.reduce((n, b) => n + b.length, 0));
  let o = 0;
  for (const b of bufs) {
    out.set(b, o);
    o += b.length;
  }
  return out;
};

/** A JPEG-shaped image: SOI, an APP0 segment, entropy-coded bytes with stuffed FF 00 and a restart marker, EOI. */
function fakeJpeg(seed: number, size = 500): Uint8Array {
  const body = new Uint8Array(size);
  for (let i = 0; i < size; i++) body[i] = (i * 31 + seed * 7) % 251;
  for (let i = 17; i < size - 1; i += 97) {
    body[i] = 0xff;
    body[i + 1] = i % 2 ? 0x00 : 0xd3;
  }
  return cat(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, seed & 0xff]), body, new Uint8Array([0xff, 0xd9]));
}

/** A JPEG that carries an EXIF thumbnail: a whole SOI…EOI image inside its APP1 segment. */
function jpegWithThumbnail(seed: number): Uint8Array {
  const thumb = fakeJpeg(seed + 100, 60);
  return cat(new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0x00, thumb.length + 2]), thumb, fakeJpeg(seed, 300).subarray(2));
}

const part = (jpeg: Uint8Array, boundary = 'ctframe', length = true) =>
  cat(`--${boundary}\r\nContent-Type: image/jpeg\r\n${length ? `Content-Length: ${jpeg.length}\r\n` : ''}\r\n`, jpeg, '\r\n');

/** Feeds `bytes` in chunks of the given sizes (cycled) and returns the frames, copied. */
function parse(bytes: Uint8Array, sizes: number[] = [bytes.length], initial?: number) {
  const frames: Uint8Array[] = [];
  const p = new MjpegParser((f) => frames.push(f.slice()), initial);
  for (let o = 0, k = 0; o < bytes.length; k++) {
    const n = Math.max(1, sizes[k % sizes.length]);
    p.push(bytes.subarray(o, o + n));
    o += n;
  }
  return { frames, parser: p };
}

describe('MJPEG parser', () => {
  const jpegs = [fakeJpeg(1), fakeJpeg(2, 3000), fakeJpeg(3, 40)];

  it('when a multipart stream arrives whole, in one-byte chunks or in odd chunks, then every frame comes out exactly once and intact', () => {
    const stream = cat(...jpegs.map((j) => part(j)));
    for (const sizes of [[stream.length], [1], [7, 1, 2, 300, 5], [4096]]) {
      const { frames } = parse(stream, sizes, 64);
      expect(frames, `chunks ${sizes.join(',')}`).toEqual(jpegs);
    }
  });

  it('when the parts have no Content-Length, or the JPEGs come back to back, then the end marker splits them', () => {
    expect(parse(cat(...jpegs.map((j) => part(j, 'x', false))), [3, 11]).frames).toEqual(jpegs);
    expect(parse(cat(...jpegs), [2, 5, 13]).frames).toEqual(jpegs);
  });

  it('when an image carries a thumbnail with its own end marker, then the Content-Length keeps the image whole', () => {
    const big = jpegWithThumbnail(5);
    const { frames } = parse(cat(part(big), part(jpegs[0])), [9]);
    expect(frames).toEqual([big, jpegs[0]]);
  });

  it('when a Content-Length lies (the bytes there are no image end), then the end marker is used instead', () => {
    const j = jpegs[1];
    const lying = cat(`--b\r\nContent-Length: ${j.length - 100}\r\n\r\n`, j, '\r\n', part(jpegs[0]));
    expect(parse(lying, [50]).frames).toEqual([j, jpegs[0]]);
  });

  it('when garbage comes before, between and after the frames, then it is skipped and the frames still come out', () => {
    const junk = (n: number) => cat(...Array.from({ length: n }, () => cat('garbage, no image here ', new Uint8Array([0xff, 0x41, 0xff, 0xd9, 0xff]))));
    const stream = cat(junk(400), part(jpegs[0]), junk(3), '\r\n--ctframe\r\n\r\n', part(jpegs[1]), junk(50));
    const { frames, parser } = parse(stream, [33]);
    expect(frames).toEqual([jpegs[0], jpegs[1]]);
    expect(parser.skipped).toBeGreaterThan(0);
  });

  it('when an image never ends within the limit, then it is dropped and the stream recovers at the next image', () => {
    const frames: Uint8Array[] = [];
    const p = new MjpegParser((f) => frames.push(f.slice()));
    p.push(new Uint8Array([0xff, 0xd8, 0xff]));
    for (let i = 0; i < 5; i++) p.push(new Uint8Array(1 << 20));
    p.push(part(jpegs[0]));
    expect(frames).toEqual([jpegs[0]]);
    // one that ends past the limit is not handed out either
    p.push(cat(new Uint8Array([0xff, 0xd8, 0xff]), new Uint8Array(MAX_FRAME_BYTES), new Uint8Array([0xff, 0xd9]), part(jpegs[1])));
    expect(frames).toEqual([jpegs[0], jpegs[1]]);
  });

  it('when a long stream runs, then the buffer does not grow beyond what one frame needs', () => {
    const frames: number[] = [];
    const p = new MjpegParser((f) => frames.push(f.length), 16 * 1024);
    const one = part(fakeJpeg(9, 10_000));
    for (let i = 0; i < 2000; i++) for (let o = 0; o < one.length; o += 1500) p.push(one.subarray(o, o + 1500));
    expect(frames).toHaveLength(2000);
    expect(p['buf'].length).toBe(16 * 1024);
  });

  it('when reading part headers, then only a well-formed Content-Length of the headers right before the image counts', () => {
    const at = (s: string) => {
      const b = enc.encode(s);
      return contentLengthBefore(b, 0, b.length);
    };
    expect(at('--b\r\nContent-Type: image/jpeg\r\nContent-Length: 1234\r\n\r\n')).toBe(1234);
    expect(at('--b\nCONTENT-LENGTH:99  \n\n')).toBe(99);
    expect(at('--b\r\nContent-Length: 12x\r\n\r\n')).toBe(-1);
    expect(at('--b\r\nContent-Length: 1 2\r\n\r\n')).toBe(-1);
    expect(at('--b\r\nContent-Length: 99999999999\r\n\r\n')).toBe(-1);
    expect(at('--b\r\nContent-Length: 1234\r\n')).toBe(-1); // no blank line: not right before the image
    expect(at('--a\r\nContent-Length: 50\r\n\r\nimage\r\n--b\r\nContent-Type: image/jpeg\r\n\r\n')).toBe(-1); // an earlier part's
  });

  it.skipIf(!hasFfmpeg())("when ffmpeg's real MJPEG frames come in a multipart stream, then they come out byte for byte", () => {
    const raw = execFileSync(
      'ffmpeg',
      ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=10', '-frames:v', '3', '-c:v', 'mjpeg', '-f', 'image2pipe', '-'],
      { maxBuffer: 16 << 20 },
    );
    const bare = parse(new Uint8Array(raw), [4000]).frames;
    expect(bare).toHaveLength(3);
    expect(Buffer.concat(bare)).toEqual(raw);
    const { frames } = parse(cat(...bare.map((j) => part(j))), [1000, 17]);
    expect(frames).toEqual(bare);
  });
});

function hasFfmpeg(): boolean {
  try {
    execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
