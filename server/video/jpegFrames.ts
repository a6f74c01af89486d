// JPEG frames out of a byte stream: ffmpeg's `image2pipe` MJPEG (JPEGs back to back) or a gateway's
// multipart MJPEG (parts with headers between them). A frame runs from SOI (FF D8 FF) to EOI (FF D9); inside
// the entropy-coded data a 0xFF byte is always followed by 00 or a restart marker, so FF D9 only ends an image.

/** Largest frame accepted; a stream that never ends a frame within this many bytes is dropped up to there. */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;

export class JpegSplitter {
  private buf: Buffer = Buffer.alloc(0);
  /** Where the current frame starts in `buf`, or -1 while looking for one. */
  private start = -1;
  /** How far `buf` was scanned for the current marker (a scan resumes there, one byte back). */
  private scanned = 0;

  constructor(private readonly onFrame: (jpeg: Buffer) => void) {}

  push(chunk: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    for (;;) {
      if (this.start < 0) {
        const soi = this.buf.indexOf(SOI, Math.max(0, this.scanned - 2));
        if (soi < 0) {
          // keep the last two bytes: a marker may straddle chunks
          this.buf = this.buf.subarray(Math.max(0, this.buf.length - 2));
          this.scanned = this.buf.length;
          return;
        }
        this.buf = this.buf.subarray(soi);
        this.start = 0;
        this.scanned = 2;
      }
      const eoi = this.buf.indexOf(EOI, Math.max(2, this.scanned - 1));
      if (eoi < 0) {
        this.scanned = this.buf.length;
        if (this.buf.length > MAX_FRAME_BYTES) this.reset();
        return;
      }
      // a copy: the frame outlives the chunk it came in (viewers and the still keep it)
      this.onFrame(Buffer.from(this.buf.subarray(0, eoi + 2)));
      this.buf = this.buf.subarray(eoi + 2);
      this.start = -1;
      this.scanned = 0;
    }
  }

  private reset(): void {
    this.buf = Buffer.alloc(0);
    this.start = -1;
    this.scanned = 0;
  }
}

const EOI = Buffer.from([0xff, 0xd9]);
const SOI = Buffer.from([0xff, 0xd8, 0xff]);

/** Whether bytes are one whole JPEG image (SOI … EOI). */
export const isJpeg = (b: Buffer): boolean =>
  b.length > 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff && b[b.length - 2] === 0xff && b[b.length - 1] === 0xd9;
