import { describe, expect, it } from 'vitest';
import { DEVICE_TYPES } from '../../models/deviceTypes';
import { buildDeviceShape } from './deviceShapes';

describe('device shapes', () => {
  it('when building every type, then each is a non-empty mesh with normals', () => {
    for (const t of DEVICE_TYPES) {
      const g = buildDeviceShape(t);
      expect(g.getAttribute('position').count, t).toBeGreaterThan(0);
      expect(g.getAttribute('normal'), t).toBeDefined();
      expect(g.boundingSphere!.radius, t).toBeLessThan(4);
    }
  });

  it('when comparing shapes, then no two types have the same outline (they look different)', () => {
    const dims = DEVICE_TYPES.map((t) => {
      const g = buildDeviceShape(t);
      g.computeBoundingBox();
      const b = g.boundingBox!;
      return [b.max.x - b.min.x, b.max.y - b.min.y, b.max.z - b.min.z].map((v) => v.toFixed(2)).join('x');
    });
    expect(new Set(dims).size).toBe(DEVICE_TYPES.length);
  });
});
