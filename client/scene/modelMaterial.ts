import { DoubleSide, ShaderMaterial } from 'three';
import { STATE_GLSL, type BuildingState } from './buildingState';
import { bindState, buildingUniforms, STATE_TINT_GLSL } from './shellMaterial';

const vertex = /* glsl */ `
#include <common>
#include <fog_pars_vertex>
${STATE_GLSL}
uniform sampler2D uHeat;
attribute vec3 color;
attribute float aBuilding;
varying vec3 vColor;
varying vec3 vNormalW;
varying vec4 vState;
varying vec4 vHeat;
void main() {
  vState = buildingState(aBuilding);
  vHeat = texture2D(uHeat, vec2((mod(aBuilding, uStateSize.x) + 0.5) / uStateSize.x, (floor(aBuilding / uStateSize.x) + 0.5) / uStateSize.y));
  vColor = color;
  vNormalW = normalize(mat3(modelMatrix) * normal);
  vec4 mvPosition = modelViewMatrix * vec4(position, 1.0);
  gl_Position = projectionMatrix * mvPosition;
  // opened in detail: the see-through storeys take its place, as for an extruded building
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
varying vec3 vColor;
varying vec3 vNormalW;
varying vec4 vState;
varying vec4 vHeat;
void main() {
  vec3 n = normalize(vNormalW) * (gl_FrontFacing ? 1.0 : -1.0);
  float diff = max(dot(n, normalize(uLightDir)), 0.0);
  float sky = 0.5 + 0.5 * n.y;
  // the same light as the extruded shells, so modelled and extruded buildings sit in one scene
  vec3 col = vColor * (0.34 + 0.28 * sky + 0.62 * diff);
  if (vHeat.a > 0.02) col = pow(vHeat.rgb, vec3(2.2)) * (0.42 + 0.2 * sky + 0.5 * diff);
${STATE_TINT_GLSL}
}`;

/** glTF buildings (baked, vertex-coloured): lit like the shells, with the same hover/selection/alarm/heatmap/detail flags. */
export function createModelMaterial(state: BuildingState, heat: BuildingState): ShaderMaterial {
  const m = new ShaderMaterial({
    uniforms: buildingUniforms(),
    vertexShader: vertex,
    fragmentShader: fragment,
    fog: true,
    // imported models are not always closed or consistently wound
    side: DoubleSide,
  });
  m.uniforms.uHeat.value = heat.texture;
  return bindState(m, state);
}
