import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import { Color, InstancedBufferAttribute, type InstancedMesh, Matrix4, PlaneGeometry, Vector3 } from 'three';
import { SEVERITY_RANK, type Alarm } from '../../models/alarm';
import { overlayFx } from '../overlays/overlayFx';
import { useTwinStore } from '../stores/useTwinStore';
import { useWorstAlarms } from './useWorstAlarms';
import { sceneFx } from './coords';
import { deviceMarkerCenter } from './deviceLocator';
import { createPulseMaterial } from './pulseMaterial';

const CAPACITY = 512;
/** Critical, major, minor, warning (sRGB). */
const SEVERITY_COLORS = [0xff2d55, 0xff6a2d, 0xffb020, 0xffd84a].map((h) => new Color(h));
/** Marker radius in metres at marker scale 1. */
const SIZE_M = 4.5;
const _m = new Matrix4();
const _p = new Vector3();

/** A pulsing marker at every device with an active alarm, coloured by severity (one draw call, animated in the shader). */
export function AlarmPulses() {
  const ref = useRef<InstancedMesh>(null);
  const phase = useMemo(() => new InstancedBufferAttribute(new Float32Array(CAPACITY), 1), []);
  const geometry = useMemo(() => new PlaneGeometry(2, 2).setAttribute('aPhase', phase), [phase]);
  const material = useMemo(createPulseMaterial, []);
  const state = useRef({ alarms: [] as Alarm[], explode: -1, building: -2, scale: -1 });

  const place = () => {
    const mesh = ref.current;
    const index = useTwinStore.getState().index;
    if (!mesh || !index) return;
    let n = 0;
    for (const a of state.current.alarms) {
      if (n >= CAPACITY) break;
      if (!deviceMarkerCenter(index, a.deviceId, _p)) continue;
      _m.makeTranslation(_p.x, _p.y, _p.z);
      mesh.setMatrixAt(n, _m);
      mesh.setColorAt(n, SEVERITY_COLORS[SEVERITY_RANK[a.severity]]);
      // spread the pulses so neighbours do not beat in step
      phase.setX(n, (a.id * 0.618) % 1);
      n++;
    }
    mesh.count = n;
    mesh.visible = n > 0;
    mesh.instanceMatrix.needsUpdate = true;
    if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
    phase.needsUpdate = true;
    overlayFx.alarmMarkers = n;
  };

  useWorstAlarms(ref, CAPACITY, (alarms) => {
    state.current.alarms = alarms;
    place();
  }, () => {
    overlayFx.alarmMarkers = 0;
  });

  useFrame((st) => {
    material.uniforms.uTime.value = st.clock.elapsedTime;
    material.uniforms.uSize.value = SIZE_M * sceneFx.markerScale;
    const s = state.current;
    // markers sit on the device's visual centre: re-placed when an exploded building or the marker scale moves it
    if (s.explode !== sceneFx.explode || s.building !== sceneFx.explodeBuilding || s.scale !== sceneFx.markerScale) {
      s.explode = sceneFx.explode;
      s.building = sceneFx.explodeBuilding;
      s.scale = sceneFx.markerScale;
      if (s.alarms.length) place();
    }
  });

  useEffect(() => () => {
    geometry.dispose();
    material.dispose();
  }, [geometry, material]);
  return <instancedMesh ref={ref} args={[geometry, material, CAPACITY]} frustumCulled={false} raycast={() => null} renderOrder={14} />;
}
