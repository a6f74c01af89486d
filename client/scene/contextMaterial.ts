import { Color, DoubleSide, ShaderMaterial, UniformsLib, UniformsUtils, Vector2, type Texture } from 'three';

/** The floor's colour (GridFloor's base): the surroundings fade into it with distance, so they have no edge. */
export const FLOOR_COLOR = 0x050c18;

const vertex = /* glsl */ `
#include <common>
#include <fog_pars_vertex>
attribute vec3 aColor;
varying vec3 vColor;
varying vec2 vXZ;
varying vec2 vUv;
void main() {
  vColor = aColor;
  vUv = uv;
  vXZ = (modelMatrix * vec4(position, 1.0)).xz;
  vec4 mvPosition = modelViewMatrix * vec4(position, 1.0);
  gl_Position = projectionMatrix * mvPosition;
  #include <fog_vertex>
}`;

const fragment = /* glsl */ `
#include <common>
#include <fog_pars_fragment>
uniform vec3 uFloor;
uniform vec2 uCenter;
uniform vec2 uFade;
uniform sampler2D uMap;
uniform float uUseMap;
uniform float uMapDim;
varying vec3 vColor;
varying vec2 vXZ;
varying vec2 vUv;
void main() {
  vec3 col = vColor;
  if (uUseMap > 0.5) {
    // a raster basemap (usually light), darkened and tinted into the console's palette: a faint map under the context
    vec4 t = texture2D(uMap, vUv);
    float l = dot(t.rgb, vec3(0.2126, 0.7152, 0.0722));
    vec3 map = uFloor + mix(vec3(0.55, 0.7, 1.0) * l, t.rgb, 0.25) * uMapDim;
    col = mix(uFloor, map, t.a);
  }
  float d = length(vXZ - uCenter);
  col = mix(col, uFloor, smoothstep(uFade.x, uFade.y, d));
  gl_FragColor = vec4(col, 1.0);
  #include <fog_fragment>
  #include <colorspace_fragment>
}`;

export interface ContextMaterialOptions {
  /** Ground layers: no depth writes, painted in render order. Neighbours: depth as any solid. */
  flat: boolean;
  map?: Texture;
}

/**
 * The surroundings' material: vertex colours (linear), or a basemap texture; fades to the floor colour
 * between uFade.x and uFade.y metres from uCenter (three x/z), then the scene's fog.
 */
export function createContextMaterial(opts: ContextMaterialOptions): ShaderMaterial {
  const m = new ShaderMaterial({
    uniforms: UniformsUtils.merge([
      UniformsLib.fog,
      {
        uFloor: { value: new Color(FLOOR_COLOR) },
        uCenter: { value: new Vector2() },
        uFade: { value: new Vector2(1e6, 2e6) },
        uMap: { value: null },
        uUseMap: { value: opts.map ? 1 : 0 },
        uMapDim: { value: 0.02 },
      },
    ]),
    vertexShader: vertex,
    fragmentShader: fragment,
    fog: true,
    side: DoubleSide,
    depthWrite: !opts.flat,
  });
  // merge() clones textures: the texture that is updated as tiles arrive is bound after it
  m.uniforms.uMap.value = opts.map ?? null;
  return m;
}

/** Where the surroundings fade out: from `near` to `far` metres around the site's centre (three x/z). */
export function setContextFade(m: ShaderMaterial, center: readonly [number, number], near: number, far: number): void {
  (m.uniforms.uCenter.value as Vector2).set(center[0], center[1]);
  (m.uniforms.uFade.value as Vector2).set(near, far);
}
