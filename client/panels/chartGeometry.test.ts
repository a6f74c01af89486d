import { describe, expect, it } from 'vitest';
import { niceTicks, seriesPaths } from './chartGeometry';

describe('chart geometry', () => {
  it('when values span 0..0.37, then ticks are round numbers covering the range', () => {
    const t = niceTicks(0, 0.37);
    expect(t[0]).toBe(0);
    expect(t[t.length - 1]).toBeGreaterThanOrEqual(0.37);
    expect(t.length).toBeLessThanOrEqual(6);
  });

  it('when all values are equal, then the axis still has a span', () => {
    const t = niceTicks(5, 5);
    expect(t[t.length - 1]).toBeGreaterThan(t[0]);
  });

  it('when drawing a line series, then the path has one point per bucket inside the box', () => {
    const pts = [0, 1, 2].map((i) => ({ t: i * 1000, avg: i, min: i - 0.5, max: i + 0.5, sum: i, count: 1 }));
    const p = seriesPaths(pts, 0, 2000, 300, 100, 'line');
    expect(p.line.match(/[ML]/g)).toHaveLength(3);
    for (const n of p.line.match(/-?\d+(\.\d+)?/g)!.map(Number)) expect(n).toBeGreaterThanOrEqual(0);
  });
});
