import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import { AdditiveBlending, Color, CylinderGeometry, InstancedBufferAttribute, type InstancedMesh, Matrix4, ShaderMaterial, Vector3 } from 'three';
import { SEVERITY_RANK, type Alarm } from '../../models/alarm';
import { MARKER_LIFT, MARKER_SIZE_M, markerStyle, type MarkerStyle } from '../overlays/alarmMarkers';
import { overlayFx } from '../overlays/overlayFx';
import { buildingHeight } from '../stores/twinIndex';
import { useTwinStore } from '../stores/useTwinStore';
import { sceneFx } from './coords';
import { deviceWorldPosition, shapeCenterY } from './deviceLocator';
import { useWorstAlarms } from './useWorstAlarms';

const CAPACITY = 256;
const SEVERITY_COLORS = [0xff2d55, 0xff6a2d, 0xffb020, 0xffd84a].map((h) => new Color(h));
/** The column rises from the top of its marker's disc (in disc radii above the device), never from the device itself. */
const BASE_LIFT = (MARKER_LIFT + 1) * 1.2;

const vertex = /* glsl */ `
uniform float uScale;
attribute vec3 aBeacon; // intensity, band speed (0 = still), dashed (returned)
varying float vH;
varying vec3 vColor;
varying vec3 vBeacon;
void main() {
  vH = position.y;
  vColor = instanceColor;
  vBeacon = aBeacon;
  vec3 p = vec3(position.x * uScale, position.y, position.z * uScale);
  gl_Position = projectionMatrix * viewMatrix * modelMatrix * instanceMatrix * vec4(p, 1.0);
}`;
const fragment = /* glsl */ `
uniform float uTime;
uniform float uFade;
varying float vH;
varying vec3 vColor;
varying vec3 vBeacon;
void main() {
  // a light column fading in above the device and out upward, with bands rising through it
  float fade = smoothstep(0.0, 0.1, vH) * (1.0 - vH);
  float band = 0.55 + 0.45 * sin(vH * 18.0 - uTime * vBeacon.y);
  // returned to normal, unacknowledged: the column breaks into dashes
  if (vBeacon.z > 0.5) band *= step(0.0, sin(vH * 40.0));
  gl_FragColor = vec4(vColor * fade * band * 0.9 * uFade * vBeacon.x, 1.0);
  #include <colorspace_fragment>
}`;

const _m = new Matrix4();
const _p = new Vector3();

/**
 * Light columns over critical alarms (tall and bright, bands rising while unacknowledged) and, lower
 * and thinner, major ones; minor alarms and warnings get none (one draw call). The column rises from
 * the top of the alarm's marker disc, so the device itself is never inside it.
 */
export function AlarmBeacons() {
  const ref = useRef<InstancedMesh>(null);
  const beacon = useMemo(() => new InstancedBufferAttribute(new Float32Array(CAPACITY * 3), 3), []);
  const geometry = useMemo(() => new CylinderGeometry(1.4, 1.4, 1, 20, 1, true).translate(0, 0.5, 0).setAttribute('aBeacon', beacon), [beacon]);
  const material = useMemo(
    () =>
      new ShaderMaterial({
        uniforms: { uTime: { value: 0 }, uScale: { value: 1 }, uFade: { value: 1 } },
        vertexShader: vertex,
        fragmentShader: fragment,
        transparent: true,
        depthWrite: false,
        blending: AdditiveBlending,
      }),
    [],
  );
  // styles worked out when the alarms change, so re-placing on a zoom step allocates nothing
  const state = useRef({ alarms: [] as Alarm[], styles: [] as (MarkerStyle | null)[], explode: -1, building: -2, scale: -1 });

  const place = () => {
    const mesh = ref.current;
    const index = useTwinStore.getState().index;
    if (!mesh || !index) return;
    let n = 0;
    const { alarms: list, styles } = state.current;
    // most urgent written last: drawn over the rest
    for (let i = Math.min(list.length, CAPACITY) - 1; i >= 0; i--) {
      const a = list[i];
      const style = styles[i];
      if (!style || style.beaconM <= 0) continue;
      const d = index.deviceById.get(a.deviceId);
      if (!d || !deviceWorldPosition(index, a.deviceId, _p)) continue;
      const b = d.placement.kind === 'building' ? index.buildingById.get(d.placement.buildingId) : undefined;
      const lift = (shapeCenterY(d.type) + BASE_LIFT * MARKER_SIZE_M * style.size) * sceneFx.markerScale;
      const top = b ? Math.max(buildingHeight(b) - d.placement.at[2], 0) : 0;
      _p.y += lift;
      _m.makeScale(style.beaconR, Math.max(top - lift, 0) + style.beaconM, style.beaconR).setPosition(_p);
      mesh.setMatrixAt(n, _m);
      mesh.setColorAt(n, SEVERITY_COLORS[SEVERITY_RANK[a.severity]]);
      beacon.setXYZ(
        n,
        style.intensity,
        style.motion === 'pulse' ? 6 * style.speed : style.motion === 'returned' ? 1.5 : 0,
        style.motion === 'returned' ? 1 : 0,
      );
      n++;
    }
    mesh.count = n;
    mesh.visible = n > 0;
    mesh.instanceMatrix.needsUpdate = true;
    if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
    beacon.needsUpdate = true;
    overlayFx.alarmBeacons = n;
  };

  // the console's alarm overlay switch hides them
  useWorstAlarms(
    ref,
    CAPACITY,
    (alarms) => {
      state.current.alarms = alarms;
      state.current.styles = alarms.map(markerStyle);
      place();
    },
    () => {
      overlayFx.alarmBeacons = 0;
    },
  );

  useFrame((st) => {
    material.uniforms.uTime.value = st.clock.elapsedTime;
    material.uniforms.uScale.value = sceneFx.markerScale;
    // up close a full-strength column hides what it points at
    material.uniforms.uFade.value = Math.min(1, 0.3 + (sceneFx.markerScale - 1) * 0.7);
    const s = state.current;
    if (s.explode !== sceneFx.explode || s.building !== sceneFx.explodeBuilding || s.scale !== sceneFx.markerScale) {
      s.explode = sceneFx.explode;
      s.building = sceneFx.explodeBuilding;
      s.scale = sceneFx.markerScale;
      if (s.alarms.length) place();
    }
  });
  useEffect(
    () => () => {
      geometry.dispose();
      material.dispose();
    },
    [geometry, material],
  );
  return <instancedMesh ref={ref} args={[geometry, material, CAPACITY]} frustumCulled={false} raycast={() => null} renderOrder={12} />;
}
