import {
  BufferAttribute,
  BufferGeometry,
  Color,
  DoubleSide,
  Matrix3,
  Matrix4,
  Mesh,
  MeshBasicMaterial,
  Quaternion,
  Raycaster,
  Vector3,
  type InstancedMesh,
  type Object3D,
} from 'three';
import type { Building } from '../../models/compound';

export type BuildingModel = NonNullable<Building['model']>;

/** Past this a model is refused (and the extrusion drawn): it would stall the console on a wall display. */
export const MAX_MODEL_VERTICES = 1_500_000;

const UP = new Vector3(0, 1, 0);
const _q = new Quaternion();
const _p = new Vector3();
const _s = new Vector3();

/**
 * Where a model goes: glTF's axes already are the scene's (x east, y up, −z north), so the model is
 * turned `rotationDeg` about the vertical (counter-clockwise seen from above, east towards north),
 * scaled, and its own origin put at `origin` (model metres: x east, y north, z up).
 */
export function placementMatrix(m: BuildingModel, out: Matrix4): Matrix4 {
  const [x, y, z] = m.origin;
  _q.setFromAxisAngle(UP, ((m.rotationDeg ?? 0) * Math.PI) / 180);
  _s.setScalar(m.scale ?? 1);
  _p.set(x, z, -y);
  return out.compose(_p, _q, _s);
}

interface Piece {
  geometry: BufferGeometry;
  matrix: Matrix4;
  color: Color;
}

const WHITE = new Color(1, 1, 1);

/** Every visible mesh (and mesh instance) under `root` with its full transform and base colour. */
function collect(root: Object3D, place: Matrix4): Piece[] {
  root.updateMatrixWorld(true);
  const out: Piece[] = [];
  root.traverse((o) => {
    const mesh = o as Mesh;
    if (!mesh.isMesh || !mesh.geometry.getAttribute('position')) return;
    const mat = Array.isArray(mesh.material) ? mesh.material[0] : mesh.material;
    const color = (mat as { color?: Color } | undefined)?.color ?? WHITE;
    const inst = (mesh as InstancedMesh).isInstancedMesh ? (mesh as InstancedMesh) : null;
    for (let i = 0; i < (inst ? inst.count : 1); i++) {
      const m = new Matrix4();
      if (inst) inst.getMatrixAt(i, m);
      m.premultiply(mesh.matrixWorld).premultiply(place);
      out.push({ geometry: mesh.geometry, matrix: m, color });
    }
  });
  return out;
}

/**
 * A loaded glTF scene baked into one geometry in scene coordinates (one draw call per building):
 * positions and normals transformed, material base colour × vertex colour per vertex (textures are
 * not drawn), `aBuilding` = the building's index for the shared per-building state texture.
 * Null when the model has no triangles.
 */
export function bakeModel(root: Object3D, model: BuildingModel, building: number): BufferGeometry | null {
  const pieces = collect(root, placementMatrix(model, new Matrix4()));
  let nv = 0;
  let ni = 0;
  for (const p of pieces) {
    const n = p.geometry.getAttribute('position').count;
    nv += n;
    ni += p.geometry.index ? p.geometry.index.count : n - (n % 3);
  }
  if (ni === 0) return null;
  if (nv > MAX_MODEL_VERTICES) throw new Error(`the model has ${nv} vertices (at most ${MAX_MODEL_VERTICES})`);
  const position = new Float32Array(nv * 3);
  const normal = new Float32Array(nv * 3);
  const color = new Float32Array(nv * 3);
  const index = new Uint32Array(ni);
  const v = new Vector3();
  const nm = new Matrix3();
  let base = 0;
  let k = 0;
  for (const p of pieces) {
    let g = p.geometry;
    if (!g.getAttribute('normal')) {
      g = g.clone();
      g.computeVertexNormals();
    }
    const pa = g.getAttribute('position');
    const na = g.getAttribute('normal');
    const ca = g.getAttribute('color');
    nm.getNormalMatrix(p.matrix);
    for (let i = 0; i < pa.count; i++) {
      v.fromBufferAttribute(pa, i)
        .applyMatrix4(p.matrix)
        .toArray(position, (base + i) * 3);
      v.fromBufferAttribute(na, i)
        .applyMatrix3(nm)
        .normalize()
        .toArray(normal, (base + i) * 3);
      const j = (base + i) * 3;
      color[j] = p.color.r * (ca ? ca.getX(i) : 1);
      color[j + 1] = p.color.g * (ca ? ca.getY(i) : 1);
      color[j + 2] = p.color.b * (ca ? ca.getZ(i) : 1);
    }
    // a mirrored transform turns triangles inside out: swap two corners to keep them facing out
    const flip = p.matrix.determinant() < 0;
    const tris = g.index ? g.index.count : pa.count - (pa.count % 3);
    for (let t = 0; t < tris; t += 3) {
      const a = g.index ? g.index.getX(t) : t;
      const b = g.index ? g.index.getX(t + 1) : t + 1;
      const c = g.index ? g.index.getX(t + 2) : t + 2;
      index[k++] = base + a;
      index[k++] = base + (flip ? c : b);
      index[k++] = base + (flip ? b : c);
    }
    if (g !== p.geometry) g.dispose();
    base += pa.count;
  }
  const out = new BufferGeometry();
  out.setAttribute('position', new BufferAttribute(position, 3));
  out.setAttribute('normal', new BufferAttribute(normal, 3));
  out.setAttribute('color', new BufferAttribute(color, 3));
  out.setAttribute('aBuilding', new BufferAttribute(new Float32Array(nv).fill(building), 1));
  out.setIndex(new BufferAttribute(index, 1));
  out.computeBoundingBox();
  out.computeBoundingSphere();
  return out;
}

const ray = new Raycaster();
const DOWN = new Vector3(0, -1, 0);
const probeMat = new MeshBasicMaterial({ side: DoubleSide });

/**
 * A point on top of a baked model for the test probe and clicks: straight down onto it at the
 * footprint's anchor (model metres), else at the middle of its bounds, else the top of its bounds
 * (three coordinates).
 */
export function modelTop(g: BufferGeometry, anchor: readonly [number, number]): [number, number, number] {
  const box = g.boundingBox!;
  const mesh = new Mesh(g, probeMat);
  const c = box.getCenter(new Vector3());
  for (const [x, z] of [
    [anchor[0], -anchor[1]],
    [c.x, c.z],
  ]) {
    ray.set(v3(x, box.max.y + 5, z), DOWN);
    const hit = ray.intersectObject(mesh, false)[0];
    if (hit) return [hit.point.x, hit.point.y, hit.point.z];
  }
  return [c.x, box.max.y, c.z];
}

const v3 = (x: number, y: number, z: number) => new Vector3(x, y, z);
