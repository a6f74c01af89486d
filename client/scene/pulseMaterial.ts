import { AdditiveBlending, ShaderMaterial } from 'three';

const vertex = /* glsl */ `
uniform float uSize;
attribute float aPhase;
varying vec2 vUv;
varying vec3 vColor;
varying float vPhase;
void main() {
  vUv = position.xy;
  vColor = instanceColor;
  vPhase = aPhase;
  // a billboard: the quad is laid out in view space around the instance's centre
  vec4 center = viewMatrix * modelMatrix * instanceMatrix * vec4(0.0, 0.0, 0.0, 1.0);
  center.xy += position.xy * uSize;
  gl_Position = projectionMatrix * center;
}`;

const fragment = /* glsl */ `
uniform float uTime;
varying vec2 vUv;
varying vec3 vColor;
varying float vPhase;
void main() {
  float r = length(vUv);
  if (r > 1.0) discard;
  // two rings expanding outward, fading as they grow, over a throbbing core
  float a = 0.0;
  for (int i = 0; i < 2; i++) {
    float p = fract(uTime * 0.9 + vPhase + float(i) * 0.5);
    float ring = 1.0 - smoothstep(0.0, 0.09, abs(r - (0.2 + 0.8 * p)));
    a += ring * (1.0 - p);
  }
  float beat = 0.75 + 0.25 * sin((uTime * 0.9 + vPhase) * 6.2832);
  float core = (1.0 - smoothstep(0.16 * beat, 0.22 * beat, r)) + 0.5 * (1.0 - smoothstep(0.0, 0.45, r));
  vec3 col = vColor * (a * 1.2 + core) + vec3(1.0) * (1.0 - smoothstep(0.0, 0.1, r)) * 0.6;
  gl_FragColor = vec4(col, 1.0);
  #include <colorspace_fragment>
}`;

/** Pulsing alarm markers: expanding rings on a billboard, animated entirely by the uTime uniform. */
export function createPulseMaterial(): ShaderMaterial {
  return new ShaderMaterial({
    uniforms: { uTime: { value: 0 }, uSize: { value: 3 } },
    vertexShader: vertex,
    fragmentShader: fragment,
    transparent: true,
    depthWrite: false,
    // an alarm shows through walls: it must never hide behind the building it is in
    depthTest: false,
    blending: AdditiveBlending,
  });
}
