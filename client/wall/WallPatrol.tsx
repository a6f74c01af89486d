import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { PerspectiveCamera } from 'three';
import { measureInsets } from '../panels/layout';
import { HOVER, SELECTED } from '../scene/buildingState';
import { frameBox } from '../scene/framing';
import { useSceneResources } from '../scene/SceneContext';
import { useTwinStore } from '../stores/useTwinStore';
import { PatrolRig } from './patrolRig';
import { patrolView } from './patrolView';
import { usePatrolStore } from './usePatrolStore';
import { attachLookAt } from './wallProbe';

/** Scene side of the wall's patrol: aims the rig at each new target, highlights its building, moves the camera every frame. */
export function WallPatrol() {
  const camera = useThree((s) => s.camera);
  const gl = useThree((s) => s.gl);
  const width = useThree((s) => s.size.width);
  const height = useThree((s) => s.size.height);
  const { buildingState } = useSceneResources();
  const rig = useMemo(() => new PatrolRig(), []);

  useEffect(() => {
    attachLookAt(rig.lookAt);
    return () => attachLookAt(null);
  }, [rig]);

  useEffect(() => {
    if (width === 0 || height === 0) return;
    const aim = () => {
      const index = useTwinStore.getState().index;
      if (!index) return;
      const p = usePatrolStore.getState();
      const spec = patrolView(index, p);
      const fov = camera instanceof PerspectiveCamera ? camera.fov : 40;
      const v = frameBox(spec.box, {
        fovDeg: fov,
        width,
        height,
        insets: measureInsets(gl.domElement),
        azimuthDeg: rig.azimuthDeg,
        elevationDeg: spec.elevationDeg,
        margin: spec.margin,
      });
      rig.aim(v, spec.elevationDeg);
      // the building being looked at glows; an alarm's building also gets the selection tint
      const i = p.buildingId ? (index.buildingIndex.get(p.buildingId) ?? -1) : -1;
      buildingState.only(i, HOVER);
      buildingState.only(p.kind === 'alarm' ? i : -1, SELECTED);
    };
    aim();
    const unsubPatrol = usePatrolStore.subscribe((s, prev) => s.rev !== prev.rev && aim());
    const unsubTwin = useTwinStore.subscribe((s, prev) => s.index !== prev.index && aim());
    return () => {
      unsubPatrol();
      unsubTwin();
    };
  }, [camera, gl, width, height, rig, buildingState]);

  useFrame((_, delta) => rig.step(delta, camera));
  return null;
}
