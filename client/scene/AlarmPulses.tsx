import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import {
  CanvasTexture,
  Color,
  CustomBlending,
  InstancedBufferAttribute,
  type InstancedMesh,
  Matrix4,
  OneFactor,
  OneMinusSrcAlphaFactor,
  PlaneGeometry,
  ShaderMaterial,
  Vector3,
} from 'three';
import { SEVERITY_RANK, type Alarm } from '../../models/alarm';
import { alarmMarkers, MARKER_LIFT as DEVICE_LIFT, MARKER_SIZE_M as SIZE_M, type AlarmMarker } from '../overlays/alarmMarkers';
import { overlayFx } from '../overlays/overlayFx';
import { buildingHeight } from '../stores/twinIndex';
import { useTwinStore } from '../stores/useTwinStore';
import { explodeOffset, sceneFx, toThree } from './coords';
import { deviceMarkerCenter } from './deviceLocator';
import { FONT_FAMILY } from './labelAtlas';
import { useWorstAlarms } from './useWorstAlarms';

const CAPACITY = 512;
/** Critical, major, minor, warning (sRGB). */
const SEVERITY_COLORS = [0xff2d55, 0xff6a2d, 0xffb020, 0xffd84a].map((h) => new Color(h));
/** A building's warnings hang this many radii below its roof point, clear of the building's label above it. */
const BUILDING_LIFT = -1.5;
/** A building's warning marker is a little larger than one warning device's, still far below a minor. */
const BUILDING_SIZE = 1.1;
const MODE = { pulse: 0, steady: 1, returned: 2, static: 3 } as const;

const vertex = /* glsl */ `
uniform float uSize;
attribute vec4 aStyle; // disc radius (critical = 1), intensity, rings, pulse speed
attribute vec4 aMode;  // motion, phase, lift (radii), count (0 = no badge)
varying vec2 vLocal;
varying vec3 vColor;
varying vec4 vStyle;
varying vec4 vMode;
void main() {
  vColor = instanceColor;
  vStyle = aStyle;
  vMode = aMode;
  float lift = aMode.z;
  float badge = aMode.w > 0.5 ? 1.35 + (aMode.w >= 10.0 ? 2.0 : 1.0) * 1.05 : 0.0;
  // the quad covers, in disc radii around the anchor: the disc, the stem down to the anchor, the count badge
  vec2 lo = vec2(-1.0, lift > 0.0 ? 0.0 : lift - 1.0);
  vec2 hi = vec2(1.0 + badge, lift + 1.0);
  vLocal = mix(lo, hi, position.xy * 0.5 + 0.5);
  // a billboard laid out in view space: the disc rises above its device whatever the camera's angle
  vec4 center = viewMatrix * modelMatrix * instanceMatrix * vec4(0.0, 0.0, 0.0, 1.0);
  center.xy += vLocal * uSize * aStyle.x;
  gl_Position = projectionMatrix * center;
}`;

const fragment = /* glsl */ `
uniform float uTime;
uniform sampler2D uDigits;
varying vec2 vLocal;
varying vec3 vColor;
varying vec4 vStyle;
varying vec4 vMode;
float band(float r, float at, float w) { return 1.0 - smoothstep(0.0, w, abs(r - at)); }
void main() {
  float inten = vStyle.y;
  float mode = vMode.x;
  float lift = vMode.z;
  float count = vMode.w;
  float t = uTime * vStyle.w + vMode.y;
  vec2 d = vLocal - vec2(0.0, lift);
  float r = length(d);
  vec3 col = vec3(0.0);
  float hide = 0.0;
  if (r < 1.0) {
    float rings = 0.0;
    for (int i = 0; i < 2; i++) {
      if (float(i) < vStyle.z) {
        float p = fract(t + float(i) * 0.5);
        rings += band(r, 0.3 + 0.7 * p, 0.08) * (1.0 - p);
      }
    }
    float core;
    float white = 0.0;
    if (mode < 0.5) {
      // unacknowledged: a throbbing core under expanding rings
      float beat = 0.72 + 0.28 * sin(t * 6.2832);
      core = (1.0 - smoothstep(0.3 * beat, 0.38 * beat, r)) + 0.4 * (1.0 - smoothstep(0.0, 0.62, r));
      white = (1.0 - smoothstep(0.0, 0.14, r)) * 0.7;
      hide = 0.35 * (1.0 - smoothstep(0.3, 0.4, r));
    } else if (mode < 1.5) {
      // acknowledged, still in alarm: a steady dot in a steady ring
      core = (1.0 - smoothstep(0.3, 0.36, r)) * 0.9 + band(r, 0.56, 0.05) * 0.8;
      white = (1.0 - smoothstep(0.0, 0.1, r)) * 0.3;
      hide = 0.35 * (1.0 - smoothstep(0.3, 0.36, r));
    } else if (mode < 2.5) {
      // returned, unacknowledged: hollow and dashed, blinking slowly
      float dash = step(0.0, sin(atan(d.y, d.x) * 7.0));
      core = (band(r, 0.5, 0.08) * dash + band(r, 0.5, 0.02) * 0.35) * (0.45 + 0.55 * (0.5 + 0.5 * sin(t * 6.2832))) * 1.3;
    } else {
      // a warning: a flat, still dot
      core = (1.0 - smoothstep(0.36, 0.44, r)) * 0.9 + band(r, 0.62, 0.05) * 0.35;
      hide = 0.3 * (1.0 - smoothstep(0.36, 0.44, r));
    }
    col = (vColor * (rings * 1.2 + core) + vec3(white)) * inten;
  }
  // a thin stem from the device up to its disc
  if (lift > 0.0 && abs(vLocal.x) < 0.05 && vLocal.y > 0.35 && vLocal.y < lift - 0.95) col += vColor * 0.6 * inten;
  if (count > 0.5) {
    // the count on a dark plate right of the disc
    float nd = count >= 10.0 ? 2.0 : 1.0;
    vec2 b = vec2(vLocal.x - 1.15, d.y);
    float w = nd * 1.05 + 0.2;
    if (b.x > 0.0 && b.x < w && abs(b.y) < 0.85) {
      // readable but quiet: a dim frame, digits in the severity colour at the marker's own brightness
      hide = 0.7;
      col = vColor * 0.05;
      if (abs(b.y) > 0.78 || b.x < 0.07 || b.x > w - 0.07) col += vColor * 0.6 * inten;
      float gx = b.x - 0.1;
      if (gx > 0.0 && gx < nd * 1.05) {
        float k = floor(gx / 1.05);
        float digit = mod(floor(min(count, 99.0) / pow(10.0, nd - 1.0 - k)), 10.0);
        float g = texture2D(uDigits, vec2((digit + fract(gx / 1.05)) / 10.0, (b.y + 0.75) / 1.5)).a;
        col += mix(vColor, vec3(1.0), 0.3) * (0.45 + inten) * g;
      }
    }
  }
  if (hide <= 0.0 && col.r + col.g + col.b < 0.01) discard;
  gl_FragColor = vec4(col, hide);
  #include <colorspace_fragment>
}`;

/** Digits 0–9 side by side, white on transparent, for the building markers' counts. */
function digitTexture(): CanvasTexture {
  const canvas = document.createElement('canvas');
  canvas.width = 10 * 40;
  canvas.height = 64;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.font = `700 52px ${FONT_FAMILY}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (let i = 0; i < 10; i++) ctx.fillText(String(i), i * 40 + 20, 34);
  return new CanvasTexture(canvas);
}

function createMaterial(digits: CanvasTexture): ShaderMaterial {
  return new ShaderMaterial({
    uniforms: { uTime: { value: 0 }, uSize: { value: SIZE_M }, uDigits: { value: digits } },
    vertexShader: vertex,
    fragmentShader: fragment,
    transparent: true,
    depthWrite: false,
    // an alarm shows through walls: it must never hide behind the building it is in
    depthTest: false,
    // premultiplied: glow adds light (alpha 0), the count's plate darkens what lies behind it
    blending: CustomBlending,
    blendSrc: OneFactor,
    blendDst: OneMinusSrcAlphaFactor,
  });
}

const _m = new Matrix4();
const _p = new Vector3();

/**
 * Alarm markers, loudest first to the eye (one draw call, animated in the shader): critical
 * unacknowledged alarms are the largest, brightest, pulsing discs; major smaller, minor small; warnings
 * (提示) small, dim and still, and one marker with a count per building when there are several.
 * Acknowledged alarms hold still; returned-unacknowledged ones are hollow and blink slowly. Each disc
 * floats above its device on a thin stem, so a selected device is never hidden under its own marker.
 */
export function AlarmPulses() {
  const ref = useRef<InstancedMesh>(null);
  const attrs = useMemo(
    () => ({ style: new InstancedBufferAttribute(new Float32Array(CAPACITY * 4), 4), mode: new InstancedBufferAttribute(new Float32Array(CAPACITY * 4), 4) }),
    [],
  );
  const geometry = useMemo(() => new PlaneGeometry(2, 2).setAttribute('aStyle', attrs.style).setAttribute('aMode', attrs.mode), [attrs]);
  const digits = useMemo(digitTexture, []);
  const material = useMemo(() => createMaterial(digits), [digits]);
  const state = useRef({ markers: [] as AlarmMarker[], explode: -1, building: -2, scale: -1 });

  /** Where a marker's anchor is drawn now: the device's visual centre, or its building's roof point. */
  const anchor = (m: AlarmMarker): boolean => {
    const index = useTwinStore.getState().index!;
    if (m.kind === 'device') return deviceMarkerCenter(index, m.id, _p) !== null;
    const b = index.buildingById.get(m.id);
    const at = index.anchor.get(m.id);
    if (!b || !at) return false;
    toThree(_p, at[0], at[1], buildingHeight(b));
    if (index.buildingIndex.get(m.id) === sceneFx.explodeBuilding) _p.y += explodeOffset(b.floors, null, sceneFx.explode);
    return true;
  };

  const place = () => {
    const mesh = ref.current;
    const index = useTwinStore.getState().index;
    if (!mesh || !index) return;
    const list = state.current.markers;
    const shown = Math.min(list.length, CAPACITY);
    let n = 0;
    let devices = 0;
    // the most urgent are written last: drawn over the rest where they overlap
    for (let i = shown - 1; i >= 0; i--) {
      const m = list[i];
      if (!anchor(m)) continue;
      const building = m.kind === 'building';
      _m.makeTranslation(_p.x, _p.y, _p.z);
      mesh.setMatrixAt(n, _m);
      mesh.setColorAt(n, SEVERITY_COLORS[SEVERITY_RANK[m.severity]]);
      attrs.style.setXYZW(n, m.style.size * (building ? BUILDING_SIZE : 1), m.style.intensity, m.style.rings, m.style.speed);
      // spread the pulses so neighbours do not beat in step
      attrs.mode.setXYZW(n, MODE[m.style.motion], (m.alarmId * 0.618) % 1, building ? BUILDING_LIFT : DEVICE_LIFT, building ? m.count : 0);
      devices += m.count;
      n++;
    }
    mesh.count = n;
    mesh.visible = n > 0;
    mesh.instanceMatrix.needsUpdate = true;
    if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
    attrs.style.needsUpdate = true;
    attrs.mode.needsUpdate = true;
    overlayFx.alarmMarkers = devices;
    overlayFx.alarmMarkersDrawn = n;
  };

  useWorstAlarms(
    ref,
    CAPACITY,
    (alarms: Alarm[]) => {
      state.current.markers = alarmMarkers(alarms);
      place();
    },
    () => {
      overlayFx.alarmMarkers = 0;
      overlayFx.alarmMarkersDrawn = 0;
    },
  );

  useFrame((st) => {
    material.uniforms.uTime.value = st.clock.elapsedTime;
    material.uniforms.uSize.value = SIZE_M * sceneFx.markerScale;
    const s = state.current;
    // markers sit on the device's visual centre: re-placed when an exploded building or the marker scale moves it
    if (s.explode !== sceneFx.explode || s.building !== sceneFx.explodeBuilding || s.scale !== sceneFx.markerScale) {
      s.explode = sceneFx.explode;
      s.building = sceneFx.explodeBuilding;
      s.scale = sceneFx.markerScale;
      if (s.markers.length) place();
    }
  });

  useEffect(
    () => () => {
      geometry.dispose();
      material.dispose();
      digits.dispose();
    },
    [geometry, material, digits],
  );
  return <instancedMesh ref={ref} args={[geometry, material, CAPACITY]} frustumCulled={false} raycast={() => null} renderOrder={21} />;
}
