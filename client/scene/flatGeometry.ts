import { BufferAttribute, BufferGeometry } from 'three';

/** A geometry of positions (x, y, z) and, for triangles, an index; bounded for culling. */
export function positionGeometry(position: Float32Array, index?: Uint32Array): BufferGeometry {
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(position, 3));
  if (index) g.setIndex(new BufferAttribute(index, 1));
  g.computeBoundingSphere();
  return g;
}

/** The merged fill (triangles) and outline (line segments) of a flat overlay layer: two draw calls for all its shapes. */
export function fillAndEdges(a: { position: Float32Array; index: Uint32Array; edges: Float32Array }): { fill: BufferGeometry; edges: BufferGeometry } {
  return { fill: positionGeometry(a.position, a.index), edges: positionGeometry(a.edges) };
}
