import { AdditiveBlending, Color, ShaderMaterial, UniformsLib, UniformsUtils, Vector2 } from 'three';
import { STATE_GLSL, type BuildingState } from './buildingState';
import { ACCENT, ALARM_RED, bindState } from './shellMaterial';

const vertex = /* glsl */ `
#include <common>
#include <fog_pars_vertex>
${STATE_GLSL}
attribute float aBuilding;
attribute float aKind;
varying float vKind;
varying vec4 vState;
void main() {
  vState = buildingState(aBuilding);
  vKind = aKind;
  vec4 mvPosition = modelViewMatrix * vec4(position, 1.0);
  gl_Position = projectionMatrix * mvPosition;
  if (vState.a > 0.5) gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
  #include <fog_vertex>
}`;

const fragment = /* glsl */ `
#include <common>
#include <fog_pars_fragment>
uniform vec3 uColor;
uniform vec3 uUnit;
uniform vec3 uAlarm;
uniform float uTime;
varying float vKind;
varying vec4 vState;
void main() {
  // 0 floor line, 1 outline, 2 unit division
  float k = vKind < 0.5 ? 0.16 : (vKind < 1.5 ? 0.5 : 0.42);
  vec3 col = vKind > 1.5 ? uUnit : uColor;
  float boost = 1.0 + vState.r * 1.4 + vState.g * 1.8;
  float pulse = 0.5 + 0.5 * sin(uTime * 5.0);
  col = mix(col, uAlarm, vState.b * (0.4 + 0.6 * pulse));
  gl_FragColor = vec4(col * k * boost, 1.0);
  #include <fog_fragment>
  #include <colorspace_fragment>
}`;

/** Floor lines, outlines and unit divisions, added on top of the shells so they read as light. */
export function createLineMaterial(state: BuildingState): ShaderMaterial {
  const m = new ShaderMaterial({
    uniforms: UniformsUtils.merge([
      UniformsLib.fog,
      {
        uState: { value: null },
        uStateSize: { value: new Vector2() },
        uColor: { value: ACCENT },
        uUnit: { value: new Color(0x9be7ff) },
        uAlarm: { value: ALARM_RED },
        uTime: { value: 0 },
      },
    ]),
    vertexShader: vertex,
    fragmentShader: fragment,
    fog: true,
    transparent: true,
    depthWrite: false,
    blending: AdditiveBlending,
  });
  return bindState(m, state);
}
