import { useFrame, useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { Vector3 } from 'three';
import { overlayFx } from '../overlays/overlayFx';
import { buildingHeight } from '../stores/twinIndex';
import { useModelStore, type ModelStatus } from '../stores/useModelStore';
import { useOpsStore } from '../stores/useOpsStore';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore, type Hover } from '../stores/useUiStore';
import { sceneFx } from './coords';
import { sceneStats, type SceneStats } from './sceneStats';
import { deviceMarkerCenter } from './deviceLocator';
import { PIN_HEAD_Y, pinScale, pinSide } from './pinShape';
import { pinWorldPosition } from './pinLocator';

/** The renderer's figures and a locator for browser tests: `window.__twin`. */
export interface TwinProbeApi {
  drawCalls: number;
  triangles: number;
  fps: number;
  frames: number;
  /** How much device markers are enlarged for the current camera distance (1 = life size). */
  markerScale: number;
  /** Overlay figures: alarm markers, work-order pins, heatmap cells, replay moment, beeps. */
  overlays: typeof overlayFx;
  /** A building's roof, a device's marker or a work order's pin head (id as a string) in CSS pixels. */
  screenPosition(kind: 'building' | 'device' | 'workorder', id: string): { x: number; y: number } | null;
  /** A point in compound metres (x east, y north, z up) in CSS pixels, or null behind the camera. */
  projectLocal(x: number, y: number, z: number): { x: number; y: number } | null;
  /** glTF models by building id: loading, ready (drawn instead of the extrusion) or failed (extruded). */
  readonly models: Record<string, ModelStatus>;
  /** What the pointer is over (the scene's own raycast), as the tooltip shows it. */
  readonly hover: Hover | null;
  /** The selected building's id, or null. */
  readonly selectedBuilding: string | null;
  /** Surroundings, neighbours, use tints and label texts as drawn. */
  readonly scene: SceneStats;
}

declare global {
  interface Window {
    __twin?: TwinProbeApi;
  }
}

const _v = new Vector3();

/** Publishes draw calls, triangles and fps every frame by mutating one object (nothing allocated per frame). */
export function TwinProbe() {
  const camera = useThree((s) => s.camera);
  const gl = useThree((s) => s.gl);
  useEffect(() => {
    const probe: TwinProbeApi = {
      drawCalls: 0,
      triangles: 0,
      fps: 0,
      frames: 0,
      markerScale: 1,
      overlays: overlayFx,
      get models() {
        return useModelStore.getState().status;
      },
      get hover() {
        return useUiStore.getState().hover;
      },
      get selectedBuilding() {
        return useUiStore.getState().selection.buildingId ?? null;
      },
      scene: sceneStats,
      projectLocal(x, y, z) {
        _v.set(x, z, -y);
        return toCss();
      },
      screenPosition(kind, id) {
        const index = useTwinStore.getState().index;
        if (!index) return null;
        if (kind === 'building') {
          const b = index.buildingById.get(id);
          const a = index.anchor.get(id);
          if (!b || !a) return null;
          // the middle of the roof: always the building itself, never a neighbour's wall, from above
          const top = useModelStore.getState().top[id];
          if (top) _v.set(top[0], top[1], top[2]);
          else _v.set(a[0], buildingHeight(b), -a[1]);
        } else if (kind === 'workorder') {
          const w = useOpsStore.getState().workOrders.find((x) => String(x.id) === id);
          if (!w || !pinWorldPosition(index, w, _v)) return null;
          _v.y += PIN_HEAD_Y * pinScale(sceneFx.markerScale);
          // the head leans sideways in view space (pinMaterial)
          _v.applyMatrix4(camera.matrixWorldInverse);
          _v.x += pinSide(sceneFx.markerScale);
          _v.applyMatrix4(camera.matrixWorld);
        } else if (!deviceMarkerCenter(index, id, _v)) return null;
        return toCss();
      },
    };
    const toCss = () => {
      _v.project(camera);
      if (_v.z > 1) return null;
      const r = gl.domElement.getBoundingClientRect();
      return { x: r.left + ((_v.x + 1) / 2) * r.width, y: r.top + ((1 - _v.y) / 2) * r.height };
    };
    window.__twin = probe;
    return () => {
      if (window.__twin === probe) delete window.__twin;
    };
  }, [camera, gl]);
  useFrame((state, delta) => {
    const p = window.__twin;
    if (!p) return;
    // gl.info holds the previous frame's render here (it resets when render starts)
    p.drawCalls = state.gl.info.render.calls;
    p.triangles = state.gl.info.render.triangles;
    p.frames++;
    p.markerScale = sceneFx.markerScale;
    if (delta > 0) p.fps = p.fps === 0 ? 1 / delta : p.fps * 0.92 + (1 / delta) * 0.08;
  });
  return null;
}
