// JPEG frames out of an MJPEG byte stream as fetch() delivers it: a multipart/x-mixed-replace body (a boundary
// line, part headers, a blank line, the JPEG, repeat) or bare JPEGs back to back. A part's Content-Length, when
// it has one, says where its image ends (so an EXIF thumbnail's own end marker inside the image cannot cut it
// short); without one an image runs from SOI (FF D8 FF) to EOI (FF D9): inside a JPEG's entropy-coded data a
// 0xFF byte is always followed by 00 or a restart marker. Bytes that are neither headers nor an image are
// skipped. One growing buffer is reused; a frame is handed out as a view into it, no copy.

/** Largest frame accepted; a stream that never ends a frame within this many bytes is dropped up to there. */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;
/** Part headers are short: a Content-Length is looked for in at most this many bytes before an image. */
const HEADER_BYTES = 1024;

/**
 * Splits an MJPEG stream into JPEG frames. `onFrame` gets a view into the parser's buffer that is valid only
 * during the call (copy it, e.g. into a Blob, before returning).
 */
export class MjpegParser {
  private buf: Uint8Array<ArrayBuffer>;
  /** Bytes held: buf[pos, end) is what was received and not yet consumed. */
  private pos = 0;
  private end = 0;
  /** Where the current image starts (absolute in buf), or -1 while looking for one. */
  private soi = -1;
  /** The current image's length by its part's Content-Length, or -1 when found by its end marker. */
  private want = -1;
  /** How far the current search got (absolute), so that a search resumes rather than starts over. */
  private scanned = 0;
  /** Frames handed out, garbage bytes skipped (for tests and diagnostics). */
  frames = 0;
  skipped = 0;

  constructor(
    private readonly onFrame: (jpeg: Uint8Array<ArrayBuffer>) => void,
    initialBytes = 256 * 1024,
  ) {
    this.buf = new Uint8Array(initialBytes);
  }

  push(chunk: Uint8Array): void {
    this.append(chunk);
    for (;;) {
      if (this.soi < 0 && !this.findStart()) return;
      if (!this.findEnd()) return;
    }
  }

  /** Looks for the next image's start; false: none yet (the bytes before are kept only as far as headers need). */
  private findStart(): boolean {
    const b = this.buf;
    let i = Math.max(this.pos, this.scanned - 2);
    for (;;) {
      i = this.nextFF(i);
      if (i < 0 || i + 2 >= this.end) {
        // no start yet: keep a marker that may straddle chunks and the headers a start may follow
        const keep = Math.max(this.pos, this.end - HEADER_BYTES);
        this.skipped += keep - this.pos;
        this.pos = keep;
        this.scanned = i < 0 ? this.end : i;
        return false;
      }
      if (b[i + 1] === 0xd8 && b[i + 2] === 0xff) break;
      i++;
    }
    this.skipped += Math.max(0, i - HEADER_BYTES - this.pos);
    this.soi = i;
    this.want = contentLengthBefore(b, Math.max(this.pos, i - HEADER_BYTES), i);
    this.pos = i;
    this.scanned = i + 2;
    return true;
  }

  /** Looks for the current image's end; hands the image out and returns true when found. */
  private findEnd(): boolean {
    const b = this.buf;
    let stop = -1;
    if (this.want > 0) {
      if (this.end - this.soi < this.want) return this.tooLong();
      stop = this.soi + this.want;
      // a length that does not end at an image's end (give or take padding) is not trusted: look for the marker
      if (!endMarkerNear(b, this.soi, stop)) {
        this.want = -1;
        stop = -1;
      }
    }
    if (stop < 0) {
      let i = Math.max(this.soi + 2, this.scanned - 1);
      for (;;) {
        i = this.nextFF(i);
        if (i < 0 || i + 1 >= this.end) {
          this.scanned = i < 0 ? this.end : i;
          return this.tooLong();
        }
        if (b[i + 1] === 0xd9) break;
        i++;
      }
      stop = i + 2;
    }
    if (stop - this.soi <= MAX_FRAME_BYTES) {
      this.frames++;
      this.onFrame(b.subarray(this.soi, stop));
    } else this.skipped += stop - this.soi;
    this.pos = stop;
    this.soi = -1;
    this.want = -1;
    this.scanned = stop;
    return true;
  }

  /** The next 0xFF byte received at or after `from`, or -1 (the buffer's spare room holds stale bytes). */
  private nextFF(from: number): number {
    const i = this.buf.indexOf(0xff, from);
    return i < this.end ? i : -1;
  }

  /** An image that grew past the limit is dropped; false either way (wait for more bytes). */
  private tooLong(): boolean {
    if (this.end - this.soi > MAX_FRAME_BYTES) {
      this.skipped += this.end - this.pos;
      this.pos = this.end;
      this.soi = -1;
      this.want = -1;
      this.scanned = this.end;
    }
    return false;
  }

  /** Appends a chunk: moves what is left to the front, grows (doubling) only when it still does not fit. */
  private append(chunk: Uint8Array): void {
    if (this.end + chunk.length > this.buf.length && this.pos > 0) {
      this.buf.copyWithin(0, this.pos, this.end);
      if (this.soi >= 0) this.soi -= this.pos;
      this.scanned = Math.max(0, this.scanned - this.pos);
      this.end -= this.pos;
      this.pos = 0;
    }
    const need = this.end + chunk.length;
    if (need > this.buf.length) {
      let size = this.buf.length * 2;
      while (size < need) size *= 2;
      const next = new Uint8Array(size);
      next.set(this.buf.subarray(0, this.end));
      this.buf = next;
    }
    this.buf.set(chunk, this.end);
    this.end += chunk.length;
  }
}

const LOWER = 0x20;
const NAME = 'content-length:';

/**
 * The Content-Length of the part whose headers end right before `at` (a blank line, then the image), or -1:
 * bytes that are not a part's headers (bare JPEGs, garbage) or a missing or absurd length.
 */
export function contentLengthBefore(b: Uint8Array, from: number, at: number): number {
  // the headers end with a blank line right before the image
  let hEnd: number;
  if (at - from >= 4 && b[at - 4] === 13 && b[at - 3] === 10 && b[at - 2] === 13 && b[at - 1] === 10) hEnd = at - 4;
  else if (at - from >= 2 && b[at - 2] === 10 && b[at - 1] === 10) hEnd = at - 2;
  else return -1;
  // this part's headers only: after the previous blank line (the one that ended an earlier part's image is not it)
  let hStart = from;
  for (let i = hEnd - 1; i > from; i--) {
    if (b[i] === 10 && (b[i - 1] === 10 || (b[i - 1] === 13 && i >= from + 2 && b[i - 2] === 10))) {
      hStart = i + 1;
      break;
    }
  }
  // each line: "Content-Length: 1234", any case, spaces allowed
  let line = hStart;
  while (line < hEnd) {
    let eol = b.indexOf(10, line);
    if (eol < 0 || eol > hEnd) eol = hEnd;
    if (eol - line > NAME.length && startsWithName(b, line)) {
      let n = 0;
      let digits = 0;
      let after = false;
      for (let i = line + NAME.length; i < eol; i++) {
        const c = b[i];
        if (c >= 48 && c <= 57) {
          if (after) return -1;
          n = n * 10 + (c - 48);
          if (++digits > 9) return -1;
        } else if (c === 32 || c === 9 || c === 13) {
          after = digits > 0;
        } else return -1;
      }
      return digits && n >= 4 && n <= MAX_FRAME_BYTES ? n : -1;
    }
    line = eol + 1;
  }
  return -1;
}

/** Whether an EOI (FF D9) ends b[from, to), allowing a few bytes of padding after it. */
function endMarkerNear(b: Uint8Array, from: number, to: number): boolean {
  for (let i = to - 2; i >= Math.max(from + 2, to - 34); i--) if (b[i] === 0xff && b[i + 1] === 0xd9) return true;
  return false;
}

function startsWithName(b: Uint8Array, at: number): boolean {
  for (let k = 0; k < NAME.length; k++) {
    const want = NAME.charCodeAt(k);
    const c = b[at + k];
    // letters compare in either case; '-' and ':' exactly
    if (c !== want && !(want >= 97 && want <= 122 && c === want - LOWER)) return false;
  }
  return true;
}
