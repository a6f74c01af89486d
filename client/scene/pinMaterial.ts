import { ShaderMaterial } from 'three';

const vertex = /* glsl */ `
uniform float uTime;
attribute float aOverdue;
varying vec3 vColor;
varying vec3 vNormalW;
varying float vOverdue;
varying float vY;
void main() {
  vColor = instanceColor;
  vOverdue = aOverdue;
  vY = position.y;
  vNormalW = normalize(mat3(modelMatrix * instanceMatrix) * normal);
  // overdue pins bob so they catch the eye
  float bob = aOverdue * 0.6 * (0.5 + 0.5 * sin(uTime * 4.0)) * step(1.0, position.y);
  vec3 p = position + vec3(0.0, bob, 0.0);
  gl_Position = projectionMatrix * viewMatrix * modelMatrix * instanceMatrix * vec4(p, 1.0);
}`;

const fragment = /* glsl */ `
uniform float uTime;
varying vec3 vColor;
varying vec3 vNormalW;
varying float vOverdue;
varying float vY;
void main() {
  vec3 n = normalize(vNormalW);
  float light = 0.55 + 0.45 * max(dot(n, normalize(vec3(0.4, 0.9, 0.3))), 0.0);
  vec3 col = vColor * light;
  // overdue: the head flashes red
  float flash = vOverdue * step(5.0, vY) * (0.5 + 0.5 * sin(uTime * 6.0));
  col = mix(col, vec3(1.0, 0.18, 0.33), flash * 0.8);
  col += vColor * 0.25 * step(5.0, vY);
  gl_FragColor = vec4(col, 1.0);
  #include <colorspace_fragment>
}`;

/** Work-order pins: status colour per instance, lit head, overdue flash; time is a uniform (nothing per pin per frame). */
export function createPinMaterial(): ShaderMaterial {
  // like a map marker, a pin shows through the building it stands in or behind (back faces culled, so it still reads as a solid)
  return new ShaderMaterial({ uniforms: { uTime: { value: 0 } }, vertexShader: vertex, fragmentShader: fragment, depthTest: false, depthWrite: false });
}
