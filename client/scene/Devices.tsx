import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { DEVICE_TYPES } from '../../models/deviceTypes';
import { useTwinStore } from '../stores/useTwinStore';
import { sceneFx } from './coords';
import { createDeviceMaterial } from './deviceMaterial';
import { DeviceLayer } from './DeviceLayer';

/** Markers are life-sized up close and grow up to this much when the camera pulls back. */
const MAX_MARKER_SCALE = 3.2;
/**
 * Beyond this camera distance markers grow with it, keeping roughly their on-screen size: at a
 * building's drill-down distance (80–150 m) a smoke detector's disc, a hydrant's barrel or a meter's
 * box stays large enough to be told apart by shape, not a dot.
 */
export const LIFE_SIZE_WITHIN_M = 42;

/** Camera distance to the orbit target, from camera-controls when present. */
function viewDistance(controls: unknown, fallback: number): number {
  const d = (controls as { distance?: number } | null)?.distance;
  return typeof d === 'number' && Number.isFinite(d) ? d : fallback;
}

/** One instanced layer per device type (15 draw calls at most, however many devices). */
export function Devices() {
  const index = useTwinStore((s) => s.index);
  const material = useMemo(createDeviceMaterial, []);
  useEffect(() => () => material.dispose(), [material]);
  useFrame((state) => {
    const d = viewDistance(state.controls, state.camera.position.length());
    const s = Math.min(MAX_MARKER_SCALE, Math.max(1, d / LIFE_SIZE_WITHIN_M));
    // quantised so geometry is rescaled in steps while zooming, not on every frame
    sceneFx.markerScale = Math.round(s * 8) / 8;
  });
  if (!index) return null;
  return (
    <group>
      {DEVICE_TYPES.filter((t) => index.byType[t].length > 0).map((t) => (
        <DeviceLayer key={t} type={t} devices={index.byType[t]} index={index} material={material} />
      ))}
    </group>
  );
}
