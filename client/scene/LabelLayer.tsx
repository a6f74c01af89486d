import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { BufferAttribute, BufferGeometry, Vector3, type Vector2 } from 'three';
import { useUiStore } from '../stores/useUiStore';
import { ALARM, HOVER, SELECTED } from './buildingState';
import { drawLabelAtlas, type LabelStyle } from './labelAtlas';
import { LabelDeclutter } from './labelDeclutter';
import { createLabelMaterial } from './labelMaterial';
import { useSceneResources } from './SceneContext';

export interface LabelItem {
  text: string;
  /** Model coordinates (x east, y north, z up) of the point the label stands on. */
  at: readonly [number, number, number];
  /** Building index for highlight, or −1. */
  building: number;
  /** Overrides the layer's style (drawn into the same atlas, same draw call). */
  style?: LabelStyle;
}

export interface LabelLayerProps {
  items: readonly LabelItem[];
  style: LabelStyle;
  /** Height of a label in `style` on a 1080-line screen, in CSS pixels; scales with the canvas height. */
  heightPx: number;
  /** Labels stand on their point (building numbers) or are centred on it. */
  anchor: 'bottom' | 'center';
  /** Hide labels that would overlap a nearer or more important one. */
  declutter?: boolean;
  /** Clicking a shown label calls this with its item (needs declutter, which knows where labels are). */
  onPick?: (item: LabelItem) => void;
  renderOrder?: number;
}

const DECLUTTER_EVERY_S = 0.2;
const _v = new Vector3();

/** Billboard labels drawn from one canvas atlas: one draw call however many labels. */
export function LabelLayer({ items, style, heightPx, anchor, declutter = false, onPick, renderOrder = 20 }: LabelLayerProps) {
  const { buildingState } = useSceneResources();
  const size = useThree((s) => s.size);
  const dpr = useThree((s) => s.viewport.dpr);
  const gl = useThree((s) => s.gl);
  const atlas = useMemo(
    () =>
      drawLabelAtlas(
        items.map((i) => i.text),
        (i) => items[i].style ?? style,
      ),
    [items, style],
  );
  const geometry = useMemo(() => {
    const n = items.length;
    const center = new Float32Array(n * 12);
    const corner = new Float32Array(n * 8);
    const uv = new Float32Array(n * 8);
    const bld = new Float32Array(n * 4);
    const vis = new Float32Array(n * 4).fill(1);
    const index = new Uint32Array(n * 6);
    items.forEach((it, i) => {
      const r = atlas.rects[i];
      const y0 = anchor === 'bottom' ? 0 : -r.h / 2;
      corner.set([-r.w / 2, y0, r.w / 2, y0, r.w / 2, y0 + r.h, -r.w / 2, y0 + r.h], i * 8);
      uv.set([r.u0, r.v0, r.u1, r.v0, r.u1, r.v1, r.u0, r.v1], i * 8);
      for (let k = 0; k < 4; k++) {
        center.set([it.at[0], it.at[2], -it.at[1]], (i * 4 + k) * 3);
        bld[i * 4 + k] = it.building;
      }
      index.set([i * 4, i * 4 + 1, i * 4 + 2, i * 4, i * 4 + 2, i * 4 + 3], i * 6);
    });
    const g = new BufferGeometry();
    // positions are only for bounds; the shader places vertices from aCenter
    g.setAttribute('position', new BufferAttribute(center.slice(), 3));
    g.setAttribute('aCenter', new BufferAttribute(center, 3));
    g.setAttribute('aCorner', new BufferAttribute(corner, 2));
    g.setAttribute('uv', new BufferAttribute(uv, 2));
    g.setAttribute('aBuilding', new BufferAttribute(bld, 1));
    g.setAttribute('aVisible', new BufferAttribute(vis, 1));
    g.setIndex(new BufferAttribute(index, 1));
    return g;
  }, [items, atlas, anchor]);
  const material = useMemo(() => createLabelMaterial(atlas.texture, buildingState), [atlas, buildingState]);
  useEffect(
    () => () => {
      geometry.dispose();
      material.dispose();
      atlas.texture.dispose();
    },
    [geometry, material, atlas],
  );
  useEffect(() => {
    (material.uniforms.uViewport.value as Vector2).set(size.width * dpr, size.height * dpr);
    // atlas pixels → screen pixels, growing with the screen so a wall display stays legible
    material.uniforms.uScale.value = ((heightPx / (style.height + style.tip)) * Math.max(size.height, 720) * dpr) / 1080;
  }, [material, size, dpr, heightPx, style]);

  // declutter state: screen boxes and priorities, preallocated per label set
  const dc = useMemo(() => {
    const n = items.length;
    return {
      solver: new LabelDeclutter(n),
      x: new Float32Array(n),
      y: new Float32Array(n),
      w: new Float32Array(n),
      h: new Float32Array(n),
      key: new Float64Array(n),
      wait: 0,
      idle: 0,
      pose: new Float64Array(8).fill(NaN),
    };
  }, [items]);
  useFrame(({ camera }, delta) => {
    if (!declutter || items.length < 2) return;
    dc.wait -= delta;
    if (dc.wait > 0) return;
    dc.wait = DECLUTTER_EVERY_S;
    // only while the view changes (plus a slow refresh for highlight changes)
    const e = camera.matrixWorld.elements;
    const moved =
      dc.pose[0] !== e[12] ||
      dc.pose[1] !== e[13] ||
      dc.pose[2] !== e[14] ||
      dc.pose[3] !== e[8] ||
      dc.pose[4] !== e[9] ||
      dc.pose[5] !== e[10] ||
      dc.pose[6] !== size.width ||
      dc.pose[7] !== size.height;
    dc.idle += DECLUTTER_EVERY_S;
    if (!moved && dc.idle < 1) return;
    dc.idle = 0;
    dc.pose[0] = e[12];
    dc.pose[1] = e[13];
    dc.pose[2] = e[14];
    dc.pose[3] = e[8];
    dc.pose[4] = e[9];
    dc.pose[5] = e[10];
    dc.pose[6] = size.width;
    dc.pose[7] = size.height;
    const px = (material.uniforms.uScale.value as number) / dpr;
    for (let i = 0; i < items.length; i++) {
      const it = items[i];
      const r = atlas.rects[i];
      _v.set(it.at[0], it.at[2], -it.at[1]).project(camera);
      const b = it.building;
      const lifted = b >= 0 ? Math.max(buildingState.get(b, SELECTED), buildingState.get(b, HOVER)) : 0;
      const onScreen = _v.z < 1 && Math.abs(_v.x) < 1.1 && Math.abs(_v.y) < 1.1;
      dc.w[i] = r.w * px;
      dc.h[i] = r.h * px;
      dc.x[i] = ((_v.x + 1) / 2) * size.width;
      dc.y[i] = ((1 - _v.y) / 2) * size.height - (anchor === 'bottom' ? dc.h[i] / 2 : 0);
      // the picked building first, then alarms, then the nearest; off screen never
      dc.key[i] = onScreen ? _v.z - (lifted ? 10 : 0) - (b >= 0 && buildingState.get(b, ALARM) ? 5 : 0) - (it.style ? 0 : 1) : Infinity;
    }
    if (!dc.solver.place(dc.x, dc.y, dc.w, dc.h, dc.key)) return;
    const attr = geometry.getAttribute('aVisible') as BufferAttribute;
    const arr = attr.array as Float32Array;
    for (let i = 0; i < items.length; i++) {
      const v = dc.solver.visible[i];
      arr[i * 4] = arr[i * 4 + 1] = arr[i * 4 + 2] = arr[i * 4 + 3] = v;
    }
    attr.needsUpdate = true;
  });

  // labels are drawn over everything, so a click on one is for its building, not what lies behind it
  useEffect(() => {
    if (!onPick || !declutter) return;
    const el = gl.domElement;
    const click = (e: MouseEvent) => {
      // a device under the pointer is the smaller, deliberate target: it wins over a label
      if (useUiStore.getState().hover?.kind === 'device') return;
      const r = el.getBoundingClientRect();
      const px = e.clientX - r.left;
      const py = e.clientY - r.top;
      let best = -1;
      for (let i = 0; i < items.length; i++) {
        if (!dc.solver.visible[i] || !Number.isFinite(dc.key[i])) continue;
        if (Math.abs(px - dc.x[i]) > dc.w[i] / 2 || Math.abs(py - dc.y[i]) > dc.h[i] / 2) continue;
        if (best < 0 || dc.key[i] < dc.key[best]) best = i;
      }
      if (best < 0) return;
      e.stopPropagation();
      onPick(items[best]);
    };
    el.addEventListener('click', click);
    return () => el.removeEventListener('click', click);
  }, [gl, items, dc, onPick, declutter]);

  if (!items.length) return null;
  return <mesh geometry={geometry} material={material} frustumCulled={false} raycast={() => null} renderOrder={renderOrder} />;
}
