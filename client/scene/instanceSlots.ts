/**
 * Which device each instance slot of a type's InstancedMesh shows. Always-visible devices (outdoor,
 * on walls) fill the first slots; indoor devices follow and are drawn only while their building is
 * open: they are swapped into the slots right after the always-visible ones and `visibleCount`
 * grows to cover them. The GPU then never processes hidden devices at all.
 */
export class InstanceSlots {
  /** slot → device index (position in the type's device list). */
  readonly deviceAt: Int32Array;
  /** device index → slot. */
  readonly slotOf: Int32Array;
  /** Slots [0, alwaysVisible) hold the devices that are always drawn. */
  readonly alwaysVisible: number;
  visibleCount: number;
  /** Slots whose device changed in the last reveal (the caller rewrites their matrix and colour). */
  readonly touched: Int32Array;
  touchedCount = 0;

  constructor(indoor: ArrayLike<number>) {
    const n = indoor.length;
    this.deviceAt = new Int32Array(n);
    this.slotOf = new Int32Array(n);
    this.touched = new Int32Array(n);
    let s = 0;
    for (let d = 0; d < n; d++) if (!indoor[d]) this.place(d, s++);
    this.alwaysVisible = s;
    for (let d = 0; d < n; d++) if (indoor[d]) this.place(d, s++);
    this.visibleCount = this.alwaysVisible;
  }

  private place(d: number, slot: number): void {
    this.deviceAt[slot] = d;
    this.slotOf[d] = slot;
  }

  /** Draws exactly the given (indoor) devices besides the always-visible ones. */
  reveal(devices: ArrayLike<number>): void {
    this.touchedCount = 0;
    let next = this.alwaysVisible;
    for (let j = 0; j < devices.length; j++) {
      const d = devices[j];
      const cur = this.slotOf[d];
      if (cur < this.alwaysVisible) continue;
      if (cur !== next) {
        const other = this.deviceAt[next];
        this.place(d, next);
        this.place(other, cur);
        this.touched[this.touchedCount++] = cur;
      }
      this.touched[this.touchedCount++] = next;
      next++;
    }
    this.visibleCount = next;
  }

  /** Back to the always-visible devices only. */
  hideRevealed(): void {
    this.touchedCount = 0;
    this.visibleCount = this.alwaysVisible;
  }
}
