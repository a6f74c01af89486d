import { ShaderMaterial, UniformsLib, UniformsUtils } from 'three';

const vertex = /* glsl */ `
#include <common>
#include <fog_pars_vertex>
varying vec3 vColor;
varying vec3 vNormalW;
varying vec3 vViewDir;
void main() {
  vec4 world = modelMatrix * instanceMatrix * vec4(position, 1.0);
  vNormalW = normalize(mat3(modelMatrix) * mat3(instanceMatrix) * normal);
  vViewDir = normalize(cameraPosition - world.xyz);
  vColor = instanceColor;
  vec4 mvPosition = viewMatrix * world;
  gl_Position = projectionMatrix * mvPosition;
  #include <fog_vertex>
}`;

const fragment = /* glsl */ `
#include <common>
#include <fog_pars_fragment>
varying vec3 vColor;
varying vec3 vNormalW;
varying vec3 vViewDir;
void main() {
  vec3 n = normalize(vNormalW);
  float diff = max(dot(n, normalize(vec3(0.5, 0.8, 0.35))), 0.0);
  float rim = pow(1.0 - max(dot(n, normalize(vViewDir)), 0.0), 2.0);
  // markers glow a little so they read against the dark ground at any distance
  vec3 col = vColor * (0.45 + 0.55 * diff) + vColor * 0.35 + vColor * rim * 0.6;
  gl_FragColor = vec4(col, 1.0);
  #include <fog_fragment>
  #include <colorspace_fragment>
}`;

/** Device markers: colour per instance (type colour or status colour), lit and slightly emissive. */
export function createDeviceMaterial(): ShaderMaterial {
  return new ShaderMaterial({ uniforms: UniformsUtils.merge([UniformsLib.fog]), vertexShader: vertex, fragmentShader: fragment, fog: true });
}
