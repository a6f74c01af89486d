import { useEffect, useMemo } from 'react';
import { BufferAttribute, BufferGeometry } from 'three';
import type { Compound } from '../../models/compound';
import { buildContextArrays, buildNeighbourArrays } from './contextGeometry';
import { createContextMaterial, setContextFade } from './contextMaterial';
import { sceneStats } from './sceneStats';
import { srgbToLinear } from './colour';

export interface SurroundingsProps {
  compound: Compound;
  /** The site's centre in three x/z and its extent (metres): the surroundings fade out from about 1× to 2.6× the extent. */
  center: readonly [number, number];
  extent: number;
}

export function fadeRange(extent: number): [number, number] {
  return [extent * 1.1, extent * 2.7];
}

function geometryOf(a: { position: Float32Array; color: Float32Array; index: Uint32Array }): BufferGeometry | null {
  if (a.index.length === 0) return null;
  for (let i = 0; i < a.color.length; i++) a.color[i] = srgbToLinear(a.color[i]);
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(a.position, 3));
  g.setAttribute('aColor', new BufferAttribute(a.color, 3));
  g.setIndex(new BufferAttribute(a.index, 1));
  g.computeBoundingSphere();
  return g;
}

/**
 * The site's surroundings: land use, green, water and roads on the ground (one mesh, painted before the
 * site fill, no depth writes) and the neighbouring buildings (one mesh). Neither is ever picked.
 */
export function Surroundings({ compound, center, extent }: SurroundingsProps) {
  const ground = useMemo(() => geometryOf(buildContextArrays(compound.context)), [compound]);
  const neighbours = useMemo(() => geometryOf(buildNeighbourArrays(compound.context?.neighbours)), [compound]);
  const groundMat = useMemo(() => createContextMaterial({ flat: true }), []);
  const solidMat = useMemo(() => createContextMaterial({ flat: false }), []);
  useEffect(() => {
    const [near, far] = fadeRange(extent);
    setContextFade(groundMat, center, near, far);
    setContextFade(solidMat, center, near, far);
  }, [groundMat, solidMat, center, extent]);
  useEffect(() => {
    sceneStats.contextTriangles = ground ? ground.index!.count / 3 : 0;
    sceneStats.contextMeshes = ground ? 1 : 0;
    sceneStats.neighbours = compound.context?.neighbours.length ?? 0;
    sceneStats.neighbourTriangles = neighbours ? neighbours.index!.count / 3 : 0;
    sceneStats.neighbourMeshes = neighbours ? 1 : 0;
    return () => {
      ground?.dispose();
      neighbours?.dispose();
    };
  }, [ground, neighbours, compound]);
  useEffect(
    () => () => {
      groundMat.dispose();
      solidMat.dispose();
    },
    [groundMat, solidMat],
  );
  return (
    <>
      {ground && <mesh geometry={ground} material={groundMat} renderOrder={-6} raycast={() => null} />}
      {neighbours && <mesh geometry={neighbours} material={solidMat} raycast={() => null} />}
    </>
  );
}
