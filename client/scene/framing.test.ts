import { describe, expect, it } from 'vitest';
import { PerspectiveCamera, Vector3 } from 'three';
import { frameBox } from './framing';

const box = { min: [-100, 0, -80] as [number, number, number], max: [100, 30, 80] as [number, number, number] };

function project(view: ReturnType<typeof frameBox>, w: number, h: number, fov: number, pt: [number, number, number]) {
  const cam = new PerspectiveCamera(fov, w / h, 0.1, 1e6);
  cam.position.set(...view.position);
  cam.lookAt(...view.target);
  cam.updateMatrixWorld(true);
  // camera-controls applies the focal offset along the camera's right/up axes
  const right = new Vector3().setFromMatrixColumn(cam.matrixWorld, 0);
  const up = new Vector3().setFromMatrixColumn(cam.matrixWorld, 1);
  cam.position.addScaledVector(right, view.offset[0]).addScaledVector(up, view.offset[1]);
  cam.updateMatrixWorld(true);
  const p = new Vector3(...pt).project(cam);
  return { x: ((p.x + 1) / 2) * w, y: ((1 - p.y) / 2) * h };
}

describe('frameBox', () => {
  it('when framing the compound with no panels, then every corner is on screen and the fit is tight', () => {
    const v = frameBox(box, { fovDeg: 40, width: 1920, height: 1080, insets: { top: 0, right: 0, bottom: 0, left: 0 }, azimuthDeg: 20, elevationDeg: 45 });
    let maxX = 0;
    for (let i = 0; i < 8; i++) {
      const q = project(v, 1920, 1080, 40, [i & 1 ? 100 : -100, i & 2 ? 30 : 0, i & 4 ? 80 : -80]);
      expect(q.x).toBeGreaterThanOrEqual(0);
      expect(q.x).toBeLessThanOrEqual(1920);
      expect(q.y).toBeGreaterThanOrEqual(0);
      expect(q.y).toBeLessThanOrEqual(1080);
      maxX = Math.max(maxX, Math.abs(q.x - 960), Math.abs(q.y - 540) * (1920 / 1080));
    }
    expect(maxX).toBeGreaterThan(800);
  });

  it('when a panel covers the left 400 px, then the target appears in the middle of the free area', () => {
    const insets = { top: 80, right: 0, bottom: 0, left: 400 };
    const v = frameBox(box, { fovDeg: 40, width: 1920, height: 1080, insets, azimuthDeg: 0, elevationDeg: 50 });
    const c = project(v, 1920, 1080, 40, v.target);
    expect(c.x).toBeCloseTo(400 + 1520 / 2, 0);
    expect(c.y).toBeCloseTo(80 + 1000 / 2, 0);
    for (let i = 0; i < 8; i++) {
      const q = project(v, 1920, 1080, 40, [i & 1 ? 100 : -100, i & 2 ? 30 : 0, i & 4 ? 80 : -80]);
      expect(q.x).toBeGreaterThanOrEqual(399);
    }
  });
});
