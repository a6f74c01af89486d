import { describe, expect, it } from 'vitest';
import { packShelves } from './labelAtlas';

describe('packShelves', () => {
  it('when labels overflow a row, then they wrap to the next shelf without overlapping', () => {
    const { cells, width, height } = packShelves([300, 300, 300, 300], 50, 700);
    expect(cells.map((c) => [c.x, c.y])).toEqual([
      [0, 0],
      [302, 0],
      [0, 52],
      [302, 52],
    ]);
    expect(width).toBeLessThanOrEqual(700);
    expect(height).toBe(102);
  });

  it('when there are 200 building labels, then the atlas stays within 2048 wide', () => {
    const { width, height } = packShelves(Array(200).fill(120), 64, 2048);
    expect(width).toBeLessThanOrEqual(2048);
    expect(height).toBeLessThan(2048);
  });
});
