// Writes model parts as a binary glTF 2.0 file (GLB): plain, with EXT_meshopt_compression (meshoptimizer's
// encoder) or with KHR_draco_mesh_compression (Google's draco3d encoder). No other dependency.
import { createRequire } from 'node:module';
import { MeshoptEncoder } from 'meshoptimizer';
import type { ModelPart } from './residentialBlock';

export type Compression = 'none' | 'meshopt' | 'draco';

const ARRAY_BUFFER = 34962;
const ELEMENT_ARRAY_BUFFER = 34963;
const FLOAT = 5126;
const UNSIGNED_SHORT = 5123;
const UNSIGNED_INT = 5125;

type Json = Record<string, unknown>;

const pad4 = (n: number) => (n + 3) & ~3;

function minMax(pos: number[]): { min: number[]; max: number[] } {
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < pos.length; i += 3) {
    for (let k = 0; k < 3; k++) {
      min[k] = Math.min(min[k], pos[i + k]);
      max[k] = Math.max(max[k], pos[i + k]);
    }
  }
  return { min: min.map((v) => Math.fround(v)), max: max.map((v) => Math.fround(v)) };
}

/** Appends byte chunks 4-aligned and remembers where each went. */
class Bin {
  chunks: Uint8Array[] = [];
  length = 0;
  add(bytes: Uint8Array): number {
    const at = this.length;
    this.chunks.push(bytes);
    const padded = pad4(bytes.length);
    if (padded > bytes.length) this.chunks.push(new Uint8Array(padded - bytes.length));
    this.length += padded;
    return at;
  }
  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

const bytesOf = (a: Float32Array | Uint16Array | Uint32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

interface DracoEncoder {
  Encoder: new () => {
    SetEncodingMethod(m: number): void;
    SetAttributeQuantization(a: number, bits: number): void;
    SetSpeedOptions(e: number, d: number): void;
    EncodeMeshToDracoBuffer(mesh: unknown, out: unknown): number;
  };
  MeshBuilder: new () => {
    AddFacesToMesh(mesh: unknown, faces: number, idx: Uint32Array): boolean;
    AddFloatAttributeToMesh(mesh: unknown, kind: number, n: number, comps: number, data: Float32Array): number;
  };
  Mesh: new () => unknown;
  DracoInt8Array: new () => { GetValue(i: number): number };
  POSITION: number;
  NORMAL: number;
  MESH_SEQUENTIAL_ENCODING: number;
  destroy(o: unknown): void;
}

let dracoModule: Promise<DracoEncoder> | null = null;
// draco3d is CommonJS without type declarations
const draco3d = createRequire(import.meta.url)('draco3d') as { createEncoderModule(o: object): Promise<DracoEncoder> };

/** Draco-encodes one part; sequential encoding keeps the vertex order and count of the source. */
async function dracoEncode(p: ModelPart): Promise<{ bytes: Uint8Array; position: number; normal: number }> {
  dracoModule ??= draco3d.createEncoderModule({});
  const m = await dracoModule;
  const encoder = new m.Encoder();
  const builder = new m.MeshBuilder();
  const mesh = new m.Mesh();
  const n = p.positions.length / 3;
  builder.AddFacesToMesh(mesh, p.indices.length / 3, new Uint32Array(p.indices));
  const position = builder.AddFloatAttributeToMesh(mesh, m.POSITION, n, 3, new Float32Array(p.positions));
  const normal = builder.AddFloatAttributeToMesh(mesh, m.NORMAL, n, 3, new Float32Array(p.normals));
  encoder.SetEncodingMethod(m.MESH_SEQUENTIAL_ENCODING);
  encoder.SetAttributeQuantization(m.POSITION, 14);
  encoder.SetAttributeQuantization(m.NORMAL, 8);
  encoder.SetSpeedOptions(5, 5);
  const out = new m.DracoInt8Array();
  const len = encoder.EncodeMeshToDracoBuffer(mesh, out);
  if (!len) throw new Error(`draco could not encode part ${p.name}`);
  const bytes = new Uint8Array(len);
  for (let i = 0; i < len; i++) bytes[i] = out.GetValue(i) & 0xff;
  for (const o of [out, mesh, builder, encoder]) m.destroy(o);
  return { bytes, position, normal };
}

/** The parts as one GLB: a root node named `name` holding one node and mesh per part. */
export async function writeGlb(parts: readonly ModelPart[], name: string, compression: Compression): Promise<Uint8Array> {
  if (compression === 'meshopt') await MeshoptEncoder.ready;
  const bin = new Bin();
  const accessors: Json[] = [];
  const bufferViews: Json[] = [];
  const meshes: Json[] = [];
  let fallbackLength = 0;

  /** A buffer view of raw bytes, meshopt-compressed when asked (the uncompressed bytes then live only in a fallback buffer with no data). */
  const view = (raw: Uint8Array, stride: number, target: number): number => {
    if (compression !== 'meshopt') {
      const v: Json = { buffer: 0, byteOffset: bin.add(raw), byteLength: raw.length, target };
      if (target === ARRAY_BUFFER) v.byteStride = stride;
      return bufferViews.push(v) - 1;
    }
    const count = raw.length / stride;
    const mode = target === ARRAY_BUFFER ? 'ATTRIBUTES' : 'TRIANGLES';
    const enc = MeshoptEncoder.encodeGltfBuffer(raw, count, stride, mode);
    const byteOffset = fallbackLength;
    fallbackLength += pad4(raw.length);
    const v: Json = {
      buffer: 1,
      byteOffset,
      byteLength: raw.length,
      target,
      extensions: { EXT_meshopt_compression: { buffer: 0, byteOffset: bin.add(enc), byteLength: enc.length, byteStride: stride, count, mode } },
    };
    if (target === ARRAY_BUFFER) v.byteStride = stride;
    return bufferViews.push(v) - 1;
  };

  for (const p of parts) {
    const n = p.positions.length / 3;
    const wide = n > 65_535;
    const idx = wide ? new Uint32Array(p.indices) : new Uint16Array(p.indices);
    const prim: Json = { mode: 4, material: meshes.length };
    const { min, max } = minMax(p.positions);
    if (compression === 'draco') {
      const d = await dracoEncode(p);
      const bv = bufferViews.push({ buffer: 0, byteOffset: bin.add(d.bytes), byteLength: d.bytes.length }) - 1;
      const pos = accessors.push({ componentType: FLOAT, count: n, type: 'VEC3', min, max }) - 1;
      const nrm = accessors.push({ componentType: FLOAT, count: n, type: 'VEC3' }) - 1;
      prim.indices = accessors.push({ componentType: wide ? UNSIGNED_INT : UNSIGNED_SHORT, count: p.indices.length, type: 'SCALAR' }) - 1;
      prim.attributes = { POSITION: pos, NORMAL: nrm };
      prim.extensions = { KHR_draco_mesh_compression: { bufferView: bv, attributes: { POSITION: d.position, NORMAL: d.normal } } };
    } else {
      const pos =
        accessors.push({ bufferView: view(bytesOf(new Float32Array(p.positions)), 12, ARRAY_BUFFER), componentType: FLOAT, count: n, type: 'VEC3', min, max }) -
        1;
      const nrm =
        accessors.push({ bufferView: view(bytesOf(new Float32Array(p.normals)), 12, ARRAY_BUFFER), componentType: FLOAT, count: n, type: 'VEC3' }) - 1;
      prim.indices =
        accessors.push({
          bufferView: view(bytesOf(idx), wide ? 4 : 2, ELEMENT_ARRAY_BUFFER),
          componentType: wide ? UNSIGNED_INT : UNSIGNED_SHORT,
          count: p.indices.length,
          type: 'SCALAR',
        }) - 1;
      prim.attributes = { POSITION: pos, NORMAL: nrm };
    }
    meshes.push({ name: p.name, primitives: [prim] });
  }

  const ext = compression === 'meshopt' ? 'EXT_meshopt_compression' : compression === 'draco' ? 'KHR_draco_mesh_compression' : null;
  const buffers: Json[] = [{ byteLength: bin.length }];
  if (compression === 'meshopt') buffers.push({ byteLength: fallbackLength, extensions: { EXT_meshopt_compression: { fallback: true } } });
  const gltf: Json = {
    asset: { version: '2.0', generator: 'compound-twin server/tools/makeModels.ts' },
    ...(ext ? { extensionsUsed: [ext], extensionsRequired: [ext] } : {}),
    scene: 0,
    scenes: [{ nodes: [0] }],
    nodes: [
      { name, children: parts.map((_, i) => i + 1) },
      ...parts.map((p, i) => ({ name: p.name, mesh: i, ...(p.translation ? { translation: p.translation } : {}) })),
    ],
    meshes,
    materials: parts.map((p) => ({ name: p.name, pbrMetallicRoughness: { baseColorFactor: [...p.color, 1], metallicFactor: 0, roughnessFactor: 0.9 } })),
    accessors,
    bufferViews,
    buffers,
  };
  return glb(gltf, bin.bytes());
}

/** The GLB container: 12-byte header, JSON chunk (space-padded), BIN chunk (zero-padded). */
function glb(gltf: Json, bin: Uint8Array): Uint8Array {
  const raw = new TextEncoder().encode(JSON.stringify(gltf));
  const jsonBytes = new Uint8Array(pad4(raw.length)).fill(0x20);
  jsonBytes.set(raw);
  const total = 12 + 8 + jsonBytes.length + 8 + bin.length;
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, 0x46546c67, true); // 'glTF'
  dv.setUint32(4, 2, true);
  dv.setUint32(8, total, true);
  dv.setUint32(12, jsonBytes.length, true);
  dv.setUint32(16, 0x4e4f534a, true); // 'JSON'
  out.set(jsonBytes, 20);
  const at = 20 + jsonBytes.length;
  dv.setUint32(at, bin.length, true);
  dv.setUint32(at + 4, 0x004e4942, true); // 'BIN\0'
  out.set(bin, at + 8);
  return out;
}
