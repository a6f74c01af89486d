import { Color, ShaderMaterial, UniformsLib, UniformsUtils, Vector2, Vector3 } from 'three';
import { STATE_GLSL, type BuildingState } from './buildingState';

export const ACCENT = new Color(0x3fd0ff);
export const ALARM_RED = new Color(0xff2d55);

/** The end of every building fragment shader: hover/selection accent and the pulsing alarm tint, then fog. */
export const STATE_TINT_GLSL = /* glsl */ `
  float pulse = 0.5 + 0.5 * sin(uTime * 5.0);
  col = mix(col, uAccent, vState.r * 0.16);
  col += uAccent * vState.g * 0.07;
  col = mix(col, uAlarm, vState.b * (0.25 + 0.35 * pulse));
  gl_FragColor = vec4(col, 1.0);
  #include <fog_fragment>
  #include <colorspace_fragment>`;

/** Uniforms shared by the shell and glTF building materials (state and heat textures are bound later). */
export function buildingUniforms() {
  return UniformsUtils.merge([
    UniformsLib.fog,
    {
      uState: { value: null },
      uStateSize: { value: new Vector2() },
      uHeat: { value: null },
      uTime: { value: 0 },
      uLightDir: { value: new Vector3(0.5, 0.8, 0.35) },
      uAccent: { value: ACCENT },
      uAlarm: { value: ALARM_RED },
    },
  ]);
}

const vertex = /* glsl */ `
#include <common>
#include <fog_pars_vertex>
${STATE_GLSL}
uniform sampler2D uHeat;
attribute vec2 aWall;
attribute float aBuilding;
attribute float aRoof;
attribute float aFloorH;
attribute vec4 aTint;
varying vec4 vTint;
varying vec2 vWall;
varying float vRoof;
varying float vFloorH;
varying float vSeed;
varying float vHeight;
varying vec3 vNormalW;
varying vec4 vState;
varying vec4 vHeat;
varying vec2 vXZ;
void main() {
  vState = buildingState(aBuilding);
  vTint = aTint;
  // the heatmap's texture has the same layout as the flags
  vHeat = texture2D(uHeat, vec2((mod(aBuilding, uStateSize.x) + 0.5) / uStateSize.x, (floor(aBuilding / uStateSize.x) + 0.5) / uStateSize.y));
  vXZ = position.xz;
  vWall = aWall;
  vRoof = aRoof;
  vFloorH = aFloorH;
  vSeed = aBuilding;
  vHeight = position.y;
  vNormalW = normalize(mat3(modelMatrix) * normal);
  vec4 mvPosition = modelViewMatrix * vec4(position, 1.0);
  gl_Position = projectionMatrix * mvPosition;
  // a building shown in detail elsewhere is dropped here: its triangles land outside clip space
  if (vState.a > 0.5) gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
  #include <fog_vertex>
}`;

const fragment = /* glsl */ `
#include <common>
#include <fog_pars_fragment>
uniform float uTime;
uniform vec3 uLightDir;
uniform vec3 uAccent;
uniform vec3 uAlarm;
varying vec2 vWall;
varying float vRoof;
varying float vFloorH;
varying float vSeed;
varying float vHeight;
varying vec3 vNormalW;
varying vec4 vState;
varying vec4 vHeat;
varying vec2 vXZ;
varying vec4 vTint;
vec3 lin(vec3 c) { return pow(c, vec3(2.2)); }
// sin-free hash (stable on every GPU, no precision speckle)
float hash2(vec2 p) {
  vec3 p3 = fract(vec3(p.xyx) * 0.1031);
  p3 += dot(p3, p3.yzx + 33.33);
  return fract((p3.x + p3.y) * p3.z);
}
void main() {
  vec3 n = normalize(vNormalW);
  float diff = max(dot(n, normalize(uLightDir)), 0.0);
  float sky = 0.5 + 0.5 * n.y;
  vec3 glass = lin(vec3(0.06, 0.1, 0.17));
  vec3 warm = lin(vec3(1.0, 0.8, 0.52));
  vec3 surf;
  vec3 emit = vec3(0.0);
  if (vRoof > 0.5) {
    surf = lin(vec3(0.17, 0.23, 0.33));
  } else {
    surf = mix(lin(vec3(0.13, 0.18, 0.27)), lin(vec3(0.25, 0.33, 0.46)), clamp(vHeight / 70.0, 0.0, 1.0));
    vec2 cell = vec2(vWall.x / 3.3, vWall.y / vFloorH);
    vec2 f = fract(cell);
    vec2 w = fwidth(cell);
    // fade the window grid to its average where cells shrink below a few pixels (no moiré)
    float detail = clamp(1.6 - max(w.x, w.y) * 3.0, 0.0, 1.0);
    float wx = smoothstep(0.22 - w.x, 0.22 + w.x, f.x) * (1.0 - smoothstep(0.78 - w.x, 0.78 + w.x, f.x));
    float wy = smoothstep(0.3 - w.y, 0.3 + w.y, f.y) * (1.0 - smoothstep(0.8 - w.y, 0.8 + w.y, f.y));
    float seed = floor(vSeed + 0.5);
    float lit = step(0.58, hash2(floor(cell) + vec2(seed * 37.0, seed * 11.0)));
    float win = mix(0.28, wx * wy, detail);
    float litWin = mix(0.28 * 0.42, wx * wy * lit, detail);
    surf = mix(surf, glass, win);
    emit = warm * litWin * 0.55;
  }
  // the use class's tint takes over the shell's blue, keeping its light and windows; an alarm wins over it
  float tintK = vTint.a * (1.0 - vState.b);
  if (tintK > 0.0) {
    float l = dot(surf, vec3(0.2126, 0.7152, 0.0722));
    surf = mix(surf, vTint.rgb * l * 2.2, tintK);
  }
  vec3 col = surf * (0.34 + 0.28 * sky + 0.62 * diff) + emit;
  if (vHeat.a > 0.02) {
    // energy heatmap: the building takes its colour, lit so its form still reads; outliers get bright hatching
    vec3 heat = lin(vHeat.rgb);
    col = heat * (0.42 + 0.2 * sky + 0.5 * diff) + emit * 0.2;
    if (vHeat.a > 0.75) {
      float d = (vRoof > 0.5 ? vXZ.x + vXZ.y : vWall.x + vWall.y) / 2.2;
      float hatch = smoothstep(0.4, 0.5, abs(fract(d) - 0.5) * 2.0);
      col = mix(col, vec3(1.0, 0.95, 0.85), hatch * 0.55);
    }
  }
${STATE_TINT_GLSL}
}`;

/** Building shells: shaded walls with a lit-window pattern, roofs, per-building hover/selection/alarm and heatmap colour. */
export function createShellMaterial(state: BuildingState, heat: BuildingState): ShaderMaterial {
  const m = new ShaderMaterial({
    uniforms: buildingUniforms(),
    vertexShader: vertex,
    fragmentShader: fragment,
    fog: true,
    // pushed back so the floor and unit lines always win the depth test
    polygonOffset: true,
    polygonOffsetFactor: 1,
    polygonOffsetUnits: 2,
  });
  m.uniforms.uHeat.value = heat.texture;
  return bindState(m, state);
}

/** Points a material's uState/uStateSize at the shared building-state texture (merge() clones values). */
export function bindState<M extends ShaderMaterial>(m: M, state: BuildingState): M {
  m.uniforms.uState.value = state.texture;
  (m.uniforms.uStateSize.value as Vector2).set(state.size[0], state.size[1]);
  return m;
}
