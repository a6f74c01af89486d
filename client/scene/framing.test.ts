import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PerspectiveCamera, Vector3 } from 'three';
import { CompoundSchema } from '../../models/compound';
import { frameBox, framePoints, freeRect, type Insets, type Point3Like } from './framing';
import { overviewPoints } from './viewFor';

const box = { min: [-100, 0, -80] as [number, number, number], max: [100, 30, 80] as [number, number, number] };

function project(view: ReturnType<typeof frameBox>, w: number, h: number, fov: number, pt: Point3Like) {
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
  return { x: ((p.x + 1) / 2) * w, y: ((1 - p.y) / 2) * h, z: p.z };
}

/** Screen extent (CSS px) of the points seen through the view. */
function extent(view: ReturnType<typeof frameBox>, w: number, h: number, pts: readonly Point3Like[]) {
  let minX = Infinity,
    maxX = -Infinity,
    minY = Infinity,
    maxY = -Infinity;
  for (const p of pts) {
    const q = project(view, w, h, 40, p);
    expect(q.z, 'in front of the camera').toBeLessThan(1);
    minX = Math.min(minX, q.x);
    maxX = Math.max(maxX, q.x);
    minY = Math.min(minY, q.y);
    maxY = Math.max(maxY, q.y);
  }
  return { minX, maxX, minY, maxY };
}

const demo = (id: string) => CompoundSchema.parse(JSON.parse(readFileSync(new URL(`../../data/compounds/${id}.json`, import.meta.url), 'utf8')));

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

  it('when a panel covers the left 400 px, then nothing lands under it and the picture is centred in the free area', () => {
    const insets = { top: 80, right: 0, bottom: 0, left: 400 };
    const v = frameBox(box, { fovDeg: 40, width: 1920, height: 1080, insets, azimuthDeg: 0, elevationDeg: 50 });
    const corners: Point3Like[] = [];
    for (let i = 0; i < 8; i++) corners.push([i & 1 ? 100 : -100, i & 2 ? 30 : 0, i & 4 ? 80 : -80]);
    const e = extent(v, 1920, 1080, corners);
    expect(e.minX).toBeGreaterThanOrEqual(399);
    expect(e.minY).toBeGreaterThanOrEqual(79);
    // the binding axis has equal room either side of the picture
    const gapsX = [e.minX - 400, 1920 - e.maxX];
    const gapsY = [e.minY - 80, 1080 - e.maxY];
    const tightX = Math.abs(gapsX[0] - gapsX[1]) < 2;
    const tightY = Math.abs(gapsY[0] - gapsY[1]) < 2;
    expect(tightX || tightY).toBe(true);
    // the target (what the camera orbits) is on screen in the free area
    const c = project(v, 1920, 1080, 40, v.target);
    expect(c.x).toBeGreaterThan(400);
    expect(c.y).toBeGreaterThan(80);
  });
});

describe('overview framing of the demo compounds', () => {
  // panels as the console lays them out: the top bar, the left column and the overlay buttons' row
  const ASPECTS: { name: string; w: number; h: number; insets: Insets }[] = [
    { name: '16:9', w: 1920, h: 1080, insets: { top: 126, left: 316, right: 0, bottom: 0 } },
    { name: '32:9', w: 3840, h: 1080, insets: { top: 126, left: 316, right: 0, bottom: 0 } },
    { name: '4:3', w: 1600, h: 1200, insets: { top: 139, left: 351, right: 0, bottom: 0 } },
    { name: '9:16 portrait', w: 1080, h: 1920, insets: { top: 160, left: 560, right: 0, bottom: 0 } },
  ];
  for (const id of ['yaguang-xincun', 'sanhe-guanggu'])
    for (const a of ASPECTS)
      it(`when ${id} is framed at ${a.name}, then its red line and roofs fit the free area with margins, and fill it along one axis`, () => {
        const pts = overviewPoints(demo(id));
        const margin = 0.05;
        const v = framePoints(pts, { fovDeg: 40, width: a.w, height: a.h, insets: a.insets, azimuthDeg: 18, elevationDeg: 46, margin });
        const e = extent(v, a.w, a.h, pts);
        const r = freeRect(a.w, a.h, a.insets, margin);
        const px = { l: ((r.l + 1) / 2) * a.w, r: ((r.r + 1) / 2) * a.w, t: ((1 - r.t) / 2) * a.h, b: ((1 - r.b) / 2) * a.h };
        // inside the free area less its margins (half a pixel of rounding)
        expect(e.minX).toBeGreaterThanOrEqual(px.l - 0.5);
        expect(e.maxX).toBeLessThanOrEqual(px.r + 0.5);
        expect(e.minY).toBeGreaterThanOrEqual(px.t - 0.5);
        expect(e.maxY).toBeLessThanOrEqual(px.b + 0.5);
        // as large as that allows: touching both margins on one axis, centred on the other
        const fillX = (e.maxX - e.minX) / (px.r - px.l);
        const fillY = (e.maxY - e.minY) / (px.b - px.t);
        expect(Math.max(fillX, fillY)).toBeGreaterThan(0.99);
        if (fillX < 0.99) expect(Math.abs(e.minX - px.l - (px.r - e.maxX))).toBeLessThan(2);
        if (fillY < 0.99) expect(Math.abs(e.minY - px.t - (px.b - e.maxY))).toBeLessThan(2);
      });

  it('when the panels would leave no room at all, then they are ignored rather than squeezing the view to nothing', () => {
    const r = freeRect(800, 600, { top: 0, left: 790, right: 0, bottom: 0 }, 0);
    expect(r.l).toBe(-1);
    expect(r.r).toBe(1);
  });
});
