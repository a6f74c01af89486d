import { CameraControls } from '@react-three/drei';
import { useThree } from '@react-three/fiber';
import { useEffect, useRef } from 'react';
import { measureInsets } from '../panels/layout';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { frameBox } from './framing';
import { viewFor } from './viewFor';

const FOV = 40;

/** Orbit/pan/zoom controls plus smooth fly-to whenever the selection (or its framing) changes. */
export function CameraRig() {
  const ref = useRef<CameraControls>(null);
  const index = useTwinStore((s) => s.index);
  const focusRev = useUiStore((s) => s.focusRev);
  const explode = useUiStore((s) => s.explode);
  const size = useThree((s) => s.size);
  const gl = useThree((s) => s.gl);
  const first = useRef(true);

  useEffect(() => {
    first.current = true;
  }, [index]);

  useEffect(() => {
    const controls = ref.current;
    if (!controls || !index || size.width === 0) return;
    const ui = useUiStore.getState();
    const spec = viewFor(index, ui.selection, explode, useTwinStore.getState().compound);
    const v = frameBox(spec.box, {
      fovDeg: FOV,
      width: size.width,
      height: size.height,
      insets: measureInsets(gl.domElement),
      azimuthDeg: spec.azimuthDeg,
      elevationDeg: spec.elevationDeg,
      margin: spec.margin,
    });
    const animate = !first.current;
    first.current = false;
    void controls.setLookAt(...v.position, ...v.target, animate);
    // camera-controls moves the camera by −y along its up axis
    void controls.setFocalOffset(v.offset[0], -v.offset[1], 0, animate);
    // a resized window (or a wall rotated to portrait) frames the same thing again for its new shape
  }, [index, focusRev, explode, size.width, size.height, gl]);

  const radius = index ? Math.hypot(index.bounds.maxX - index.bounds.minX, index.bounds.maxY - index.bounds.minY) : 1000;
  return <CameraControls ref={ref} makeDefault smoothTime={0.55} minDistance={6} maxDistance={radius * 6} maxPolarAngle={Math.PI * 0.47} dollyToCursor />;
}
