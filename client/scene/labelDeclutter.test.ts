import { describe, expect, it } from 'vitest';
import { LabelDeclutter } from './labelDeclutter';

const f32 = (a: number[]) => Float32Array.from(a);

describe('LabelDeclutter', () => {
  it('when two labels overlap, then only the higher-priority one shows', () => {
    const d = new LabelDeclutter(3);
    const changed = d.place(f32([100, 110, 400]), f32([100, 104, 100]), f32([60, 60, 60]), f32([30, 30, 30]), Float64Array.from([2, 1, 3]));
    expect(changed).toBe(true);
    expect([...d.visible]).toEqual([0, 1, 1]);
  });

  it('when a label is off screen, then it never shows', () => {
    const d = new LabelDeclutter(2);
    d.place(f32([100, 300]), f32([100, 100]), f32([60, 60]), f32([30, 30]), Float64Array.from([Infinity, 1]));
    expect([...d.visible]).toEqual([0, 1]);
  });

  it('when nothing changes, then it says so', () => {
    const d = new LabelDeclutter(2);
    const args = [f32([100, 300]), f32([100, 100]), f32([60, 60]), f32([30, 30]), Float64Array.from([1, 2])] as const;
    d.place(...args);
    expect(d.place(...args)).toBe(false);
  });
});
