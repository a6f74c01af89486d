import { readFileSync } from 'node:fs';
import { BoxGeometry, BufferAttribute, BufferGeometry, Group, Matrix4, Mesh, MeshStandardMaterial, Vector3, type Object3D } from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { MeshoptDecoder } from 'three/examples/jsm/libs/meshopt_decoder.module.js';
import { describe, expect, it } from 'vitest';
import type { Building } from '../../models/compound';
import { buildLineArrays } from './buildingLines';
import { buildShellArrays } from './buildingShell';
import { bakeModel, modelTop, placementMatrix, type BuildingModel } from './modelGeometry';

const model = (m: Partial<BuildingModel> = {}): BuildingModel => ({ url: '/models/x.glb', origin: [0, 0, 0], rotationDeg: 0, scale: 1, ...m });
const at = (m: BuildingModel, x: number, y: number, z: number) => new Vector3(x, y, z).applyMatrix4(placementMatrix(m, new Matrix4()));

/** Every triangle's winding agrees with its vertices' normals (front faces face out). */
function facesOut(g: BufferGeometry): boolean {
  const p = g.getAttribute('position');
  const n = g.getAttribute('normal');
  const idx = g.index!;
  const a = new Vector3(),
    b = new Vector3(),
    c = new Vector3(),
    nn = new Vector3();
  for (let t = 0; t < idx.count; t += 3) {
    a.fromBufferAttribute(p, idx.getX(t));
    b.fromBufferAttribute(p, idx.getX(t + 1)).sub(a);
    c.fromBufferAttribute(p, idx.getX(t + 2)).sub(a);
    nn.fromBufferAttribute(n, idx.getX(t));
    if (b.cross(c).dot(nn) <= 0) return false;
  }
  return true;
}

describe('placementMatrix', () => {
  it('when a model is placed, then its origin lands at the compound point (x east, y north, z up) in three axes', () => {
    expect(at(model({ origin: [30, -70, 2] }), 0, 0, 0).toArray()).toEqual([30, 2, 70]);
  });

  it('when rotationDeg is 90, then the model turns counter-clockwise seen from above: its east end points north', () => {
    const p = at(model({ rotationDeg: 90 }), 10, 0, 0);
    expect(p.x).toBeCloseTo(0);
    expect(p.z).toBeCloseTo(-10); // three −z is north
  });

  it('when scaled, then sizes scale about the model origin', () => {
    expect(at(model({ scale: 0.5, origin: [1, 1, 0] }), 10, 4, 0).toArray()).toEqual([6, 2, -1]);
  });
});

describe('bakeModel', () => {
  it('when a scene has several meshes and nodes, then they become one geometry with colours, building index and outward faces', () => {
    const root = new Group();
    const a = new Mesh(new BoxGeometry(2, 2, 2), new MeshStandardMaterial({ color: 0xff0000 }));
    const b = new Mesh(new BoxGeometry(1, 1, 1).toNonIndexed(), new MeshStandardMaterial({ color: 0x00ff00 }));
    b.position.set(5, 0, 0);
    b.scale.set(-1, 1, 1); // mirrored: windings must be swapped to stay outward
    const child = new Group();
    child.position.set(0, 10, 0);
    child.add(b);
    root.add(a, child);
    const g = bakeModel(root, model({ origin: [100, 0, 0] }), 7)!;
    expect(g.getAttribute('position').count).toBe(24 + 36);
    expect(g.index!.count).toBe(36 + 36);
    expect([...new Set(g.getAttribute('aBuilding').array)]).toEqual([7]);
    expect(g.getAttribute('color').getX(0)).toBeCloseTo(1);
    expect(g.getAttribute('color').getY(30)).toBeCloseTo(1);
    expect(g.boundingBox!.min.toArray()).toEqual([99, -1, -1]);
    expect(g.boundingBox!.max.toArray()).toEqual([105.5, 10.5, 1]);
    expect(facesOut(g)).toBe(true);
  });

  it('when a scene has no triangles, then there is nothing to draw', () => {
    expect(bakeModel(new Group(), model(), 0)).toBeNull();
  });

  it('when a mesh has no normals, then they are computed', () => {
    const geo = new BufferGeometry();
    geo.setAttribute('position', new BufferAttribute(new Float32Array([0, 0, 0, 1, 0, 0, 0, 0, -1]), 3));
    const g = bakeModel(new Mesh(geo, new MeshStandardMaterial()), model(), 0)!;
    expect(g.getAttribute('normal').getY(0)).toBeCloseTo(1);
  });
});

/** The committed meshopt model, parsed by three's GLTFLoader as the browser does. */
async function loadBlock(): Promise<Object3D> {
  const buf = readFileSync(new URL('../../data/models/residential-block.glb', import.meta.url));
  const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  const gltf = await new GLTFLoader().setMeshoptDecoder(MeshoptDecoder).parseAsync(ab, '');
  return gltf.scene;
}

describe('data/models/residential-block.glb', () => {
  it('when loaded and placed on Yaguang building 2, then it covers the footprint, reaches the eaves at 17.4 m and its roof is found from above', async () => {
    const g = bakeModel(await loadBlock(), model({ origin: [29.8, -74.6, 0] }), 1)!;
    const box = g.boundingBox!;
    // footprint x 10..49.6, y −80..−69.2 (three z 69.2..80), plus balconies, canopies and eaves
    expect(box.min.x).toBeCloseTo(10 - 0.5, 1);
    expect(box.max.x).toBeCloseTo(49.6 + 0.5, 1);
    expect(box.min.z).toBeLessThan(69.2);
    expect(box.max.z).toBeGreaterThan(80);
    expect(box.max.y).toBeCloseTo(17.4 + 3.2, 1);
    expect(facesOut(g)).toBe(true);
    const top = modelTop(g, [29.8, -74.6]);
    expect(top[1]).toBeCloseTo(20.6, 1);
  });
});

describe('the merged extrusion without modelled buildings', () => {
  const b = (id: string, x: number): Building => ({
    id,
    number: id,
    use: 'residential',
    floors: 3,
    floorHeight: 3,
    units: [],
    footprint: [
      [x, 0],
      [x + 10, 0],
      [x + 10, 10],
      [x, 10],
    ],
  });
  it('when a building is skipped, then it has no shell or lines and the others keep their building index', () => {
    const all = [b('a', 0), b('m', 20), b('c', 40)];
    const shell = buildShellArrays(all, new Set([1]));
    const full = buildShellArrays(all);
    expect(shell.index.length).toBe((full.index.length / 3) * 2);
    expect([...new Set(shell.building)]).toEqual([0, 2]);
    expect([...new Set(buildLineArrays(all, new Set([1])).building)]).toEqual([0, 2]);
  });
});
