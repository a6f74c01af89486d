import { ShaderMaterial, Vector2, type Texture } from 'three';
import { STATE_GLSL, type BuildingState } from './buildingState';
import { bindState } from './shellMaterial';

const vertex = /* glsl */ `
${STATE_GLSL}
attribute vec3 aCenter;
attribute vec2 aCorner;
attribute float aBuilding;
attribute float aVisible;
uniform vec2 uViewport;
uniform float uScale;
varying vec2 vUv;
varying vec4 vState;
void main() {
  vState = aBuilding >= 0.0 ? buildingState(aBuilding) : vec4(0.0);
  vUv = uv;
  vec4 clip = projectionMatrix * viewMatrix * vec4(aCenter, 1.0);
  float grow = 1.0 + 0.18 * max(vState.g, vState.r);
  // constant size on screen: offset in pixels, converted to clip units
  clip.xy += aCorner * uScale * grow * 2.0 / uViewport * clip.w;
  gl_Position = clip;
  if (clip.w <= 0.0 || aVisible < 0.5) gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
}`;

const fragment = /* glsl */ `
uniform sampler2D uAtlas;
varying vec2 vUv;
varying vec4 vState;
void main() {
  vec4 c = texture2D(uAtlas, vUv);
  if (c.a < 0.02) discard;
  c.rgb *= 1.0 + 0.35 * max(vState.g, vState.r);
  gl_FragColor = c;
  #include <colorspace_fragment>
}`;

/** Screen-space labels from one atlas: always face the camera, constant pixel size, drawn over the scene. */
export function createLabelMaterial(atlas: Texture, state: BuildingState): ShaderMaterial {
  const m = new ShaderMaterial({
    uniforms: {
      uState: { value: null },
      uStateSize: { value: new Vector2() },
      uAtlas: { value: atlas },
      uViewport: { value: new Vector2(1920, 1080) },
      uScale: { value: 1 },
    },
    vertexShader: vertex,
    fragmentShader: fragment,
    transparent: true,
    depthTest: false,
    depthWrite: false,
  });
  return bindState(m, state);
}
