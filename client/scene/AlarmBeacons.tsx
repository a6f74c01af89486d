import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import { AdditiveBlending, Color, CylinderGeometry, type InstancedMesh, Matrix4, ShaderMaterial, Vector3 } from 'three';
import { SEVERITY_RANK, type Alarm } from '../../models/alarm';
import { buildingHeight } from '../stores/twinIndex';
import { useTwinStore } from '../stores/useTwinStore';
import { useWorstAlarms } from './useWorstAlarms';
import { sceneFx } from './coords';
import { deviceWorldPosition } from './deviceLocator';

const CAPACITY = 256;
const SEVERITY_COLORS = [0xff2d55, 0xff6a2d, 0xffb020, 0xffd84a].map((h) => new Color(h));

const vertex = /* glsl */ `
uniform float uScale;
varying float vH;
varying vec3 vColor;
void main() {
  vH = position.y;
  vColor = instanceColor;
  vec3 p = vec3(position.x * uScale, position.y, position.z * uScale);
  gl_Position = projectionMatrix * viewMatrix * modelMatrix * instanceMatrix * vec4(p, 1.0);
}`;
const fragment = /* glsl */ `
uniform float uTime;
uniform float uFade;
varying float vH;
varying vec3 vColor;
void main() {
  // a light column fading upward, with bands rising through it
  float fade = 1.0 - vH;
  float band = 0.55 + 0.45 * sin(vH * 18.0 - uTime * 6.0);
  gl_FragColor = vec4(vColor * fade * band * 0.9 * uFade, 1.0);
  #include <colorspace_fragment>
}`;

const _m = new Matrix4();
const _p = new Vector3();
const _s = new Vector3();

/** Light columns rising from devices with active alarms, coloured by severity (one draw call). */
export function AlarmBeacons() {
  const ref = useRef<InstancedMesh>(null);
  const geometry = useMemo(() => new CylinderGeometry(1.4, 1.4, 1, 20, 1, true).translate(0, 0.5, 0), []);
  const material = useMemo(
    () => new ShaderMaterial({ uniforms: { uTime: { value: 0 }, uScale: { value: 1 }, uFade: { value: 1 } }, vertexShader: vertex, fragmentShader: fragment, transparent: true, depthWrite: false, blending: AdditiveBlending }),
    [],
  );
  const state = useRef({ alarms: [] as Alarm[], explode: -1 });

  const place = () => {
    const mesh = ref.current;
    const index = useTwinStore.getState().index;
    if (!mesh || !index) return;
    let n = 0;
    for (const a of state.current.alarms) {
      if (n >= CAPACITY) break;
      if (!deviceWorldPosition(index, a.deviceId, _p)) continue;
      const d = index.deviceById.get(a.deviceId);
      const b = d?.placement.kind === 'building' ? index.buildingById.get(d.placement.buildingId) : undefined;
      const top = b ? Math.max(buildingHeight(b) - d!.placement.at[2], 0) : 0;
      _s.set(1, top + 14, 1);
      _m.makeScale(_s.x, _s.y, _s.z).setPosition(_p);
      mesh.setMatrixAt(n, _m);
      mesh.setColorAt(n, SEVERITY_COLORS[SEVERITY_RANK[a.severity]]);
      n++;
    }
    mesh.count = n;
    mesh.visible = n > 0;
    mesh.instanceMatrix.needsUpdate = true;
    if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
  };

  // one column per device, the most severe alarm wins; the console's alarm overlay switch hides them
  useWorstAlarms(ref, CAPACITY, (alarms) => {
    state.current.alarms = alarms;
    place();
  });

  useFrame((st) => {
    material.uniforms.uTime.value = st.clock.elapsedTime;
    material.uniforms.uScale.value = sceneFx.markerScale;
    // up close a full-strength column hides what it points at
    material.uniforms.uFade.value = Math.min(1, 0.3 + (sceneFx.markerScale - 1) * 0.7);
    if (state.current.explode !== sceneFx.explode) {
      state.current.explode = sceneFx.explode;
      place();
    }
  });
  useEffect(() => () => {
    geometry.dispose();
    material.dispose();
  }, [geometry, material]);
  return <instancedMesh ref={ref} args={[geometry, material, CAPACITY]} frustumCulled={false} raycast={() => null} renderOrder={12} />;
}
