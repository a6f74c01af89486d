/**
 * Greedy label placement: labels in priority order each take their screen rectangle unless it
 * overlaps one already taken. Works on preallocated arrays (it runs while the camera moves).
 */
export class LabelDeclutter {
  readonly visible: Uint8Array;
  private readonly order: number[];
  private readonly keys: Float64Array;
  private readonly rects: Float32Array;
  // created once: sorting runs while the camera moves
  private readonly byKey = (a: number, b: number) => this.keys[a] - this.keys[b];

  constructor(readonly count: number) {
    this.visible = new Uint8Array(count).fill(1);
    this.order = Array.from({ length: count }, (_, i) => i);
    this.keys = new Float64Array(count);
    this.rects = new Float32Array(count * 4);
  }

  /**
   * `x, y` screen centre of each label's box, `w, h` its size (pixels), `key` its priority (lower
   * first; Infinity = off screen, never shown). Returns whether any label changed visibility.
   */
  place(x: Float32Array, y: Float32Array, w: Float32Array, h: Float32Array, key: Float64Array, pad = 3): boolean {
    const n = this.count;
    for (let i = 0; i < n; i++) this.keys[i] = key[i];
    const keys = this.keys;
    this.order.sort(this.byKey);
    let placed = 0;
    let changed = false;
    for (let k = 0; k < n; k++) {
      const i = this.order[k];
      let ok = Number.isFinite(keys[i]);
      const x0 = x[i] - w[i] / 2 - pad,
        x1 = x[i] + w[i] / 2 + pad,
        y0 = y[i] - h[i] / 2 - pad,
        y1 = y[i] + h[i] / 2 + pad;
      for (let j = 0; ok && j < placed; j++) {
        const r = j * 4;
        if (x0 < this.rects[r + 2] && x1 > this.rects[r] && y0 < this.rects[r + 3] && y1 > this.rects[r + 1]) ok = false;
      }
      if (ok) {
        const r = placed++ * 4;
        this.rects[r] = x0;
        this.rects[r + 1] = y0;
        this.rects[r + 2] = x1;
        this.rects[r + 3] = y1;
      }
      const v = ok ? 1 : 0;
      if (this.visible[i] !== v) {
        this.visible[i] = v;
        changed = true;
      }
    }
    return changed;
  }
}
