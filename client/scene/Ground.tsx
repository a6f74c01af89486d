import { useEffect, useMemo } from 'react';
import { BufferAttribute, BufferGeometry, MeshBasicMaterial } from 'three';
import type { Compound } from '../../models/compound';
import { buildGroundArrays } from './groundGeometry';
import { srgbToLinear } from './colour';

export interface GroundProps {
  compound: Compound;
}

/** Site, green areas, roads and the red line: one mesh, painted in order without depth writes. */
export function Ground({ compound }: GroundProps) {
  const geometry = useMemo(() => {
    const a = buildGroundArrays(compound);
    for (let i = 0; i < a.color.length; i++) a.color[i] = srgbToLinear(a.color[i]);
    const g = new BufferGeometry();
    g.setAttribute('position', new BufferAttribute(a.position, 3));
    g.setAttribute('color', new BufferAttribute(a.color, 3));
    g.setIndex(new BufferAttribute(a.index, 1));
    g.computeBoundingSphere();
    return g;
  }, [compound]);
  const material = useMemo(() => new MeshBasicMaterial({ vertexColors: true, depthWrite: false }), []);
  useEffect(() => () => geometry.dispose(), [geometry]);
  useEffect(() => () => material.dispose(), [material]);
  return <mesh geometry={geometry} material={material} renderOrder={-5} raycast={() => null} />;
}
