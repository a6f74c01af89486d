import { ShaderMaterial } from 'three';
import { PIN_HEAD_Y } from './pinShape';

const HEAD_R = 1.25;
const vertex = /* glsl */ `
uniform float uTime;
uniform float uSide;
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
  vec4 v = viewMatrix * modelMatrix * instanceMatrix * vec4(p, 1.0);
  // the stem leans sideways in view space (foot on the point, head beside any alarm disc or beacon over it)
  v.x += uSide * clamp(position.y / ${(PIN_HEAD_Y - HEAD_R).toFixed(2)}, 0.0, 1.0);
  gl_Position = projectionMatrix * v;
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
  return new ShaderMaterial({
    uniforms: { uTime: { value: 0 }, uSide: { value: 0 } },
    vertexShader: vertex,
    fragmentShader: fragment,
    depthTest: false,
    depthWrite: false,
  });
}
