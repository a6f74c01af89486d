import { useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { BufferAttribute, BufferGeometry, type Vector2 } from 'three';
import { drawLabelAtlas, type LabelStyle } from './labelAtlas';
import { createLabelMaterial } from './labelMaterial';
import { useSceneResources } from './SceneContext';

export interface LabelItem {
  text: string;
  /** Model coordinates (x east, y north, z up) of the point the label stands on. */
  at: readonly [number, number, number];
  /** Building index for highlight, or −1. */
  building: number;
}

export interface LabelLayerProps {
  items: readonly LabelItem[];
  style: LabelStyle;
  /** Label height on a 1080-line screen, in CSS pixels; scales with the canvas height. */
  heightPx: number;
  /** Labels stand on their point (building numbers) or are centred on it. */
  anchor: 'bottom' | 'center';
  renderOrder?: number;
}

/** Billboard labels drawn from one canvas atlas: one draw call however many labels. */
export function LabelLayer({ items, style, heightPx, anchor, renderOrder = 20 }: LabelLayerProps) {
  const { buildingState } = useSceneResources();
  const size = useThree((s) => s.size);
  const dpr = useThree((s) => s.viewport.dpr);
  const atlas = useMemo(() => drawLabelAtlas(items.map((i) => i.text), style), [items, style]);
  const geometry = useMemo(() => {
    const n = items.length;
    const center = new Float32Array(n * 12);
    const corner = new Float32Array(n * 8);
    const uv = new Float32Array(n * 8);
    const bld = new Float32Array(n * 4);
    const index = new Uint32Array(n * 6);
    items.forEach((it, i) => {
      const r = atlas.rects[i];
      const y0 = anchor === 'bottom' ? 0 : -r.h / 2;
      const corners = [-r.w / 2, y0, r.w / 2, y0, r.w / 2, y0 + r.h, -r.w / 2, y0 + r.h];
      const uvs = [r.u0, r.v0, r.u1, r.v0, r.u1, r.v1, r.u0, r.v1];
      for (let k = 0; k < 4; k++) {
        center.set([it.at[0], it.at[2], -it.at[1]], (i * 4 + k) * 3);
        bld[i * 4 + k] = it.building;
      }
      corner.set(corners, i * 8);
      uv.set(uvs, i * 8);
      index.set([i * 4, i * 4 + 1, i * 4 + 2, i * 4, i * 4 + 2, i * 4 + 3], i * 6);
    });
    const g = new BufferGeometry();
    // positions are only for culling bounds; the shader places vertices from aCenter
    g.setAttribute('position', new BufferAttribute(center.slice(), 3));
    g.setAttribute('aCenter', new BufferAttribute(center, 3));
    g.setAttribute('aCorner', new BufferAttribute(corner, 2));
    g.setAttribute('uv', new BufferAttribute(uv, 2));
    g.setAttribute('aBuilding', new BufferAttribute(bld, 1));
    g.setIndex(new BufferAttribute(index, 1));
    return g;
  }, [items, atlas]);
  const material = useMemo(() => createLabelMaterial(atlas.texture, buildingState), [atlas, buildingState]);
  useEffect(() => () => {
    geometry.dispose();
    material.dispose();
    atlas.texture.dispose();
  }, [geometry, material, atlas]);
  useEffect(() => {
    (material.uniforms.uViewport.value as Vector2).set(size.width * dpr, size.height * dpr);
    // atlas pixels → screen pixels, growing with the screen so a wall display stays legible
    material.uniforms.uScale.value = ((heightPx / (style.height + style.tip)) * Math.max(size.height, 720) * dpr) / 1080;
  }, [material, size, dpr, heightPx, style]);
  if (!items.length) return null;
  return <mesh geometry={geometry} material={material} frustumCulled={false} raycast={() => null} renderOrder={renderOrder} />;
}
