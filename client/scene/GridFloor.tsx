import { useEffect, useMemo } from 'react';
import { Color, ShaderMaterial, UniformsLib, UniformsUtils, Vector2 } from 'three';

export interface GridFloorProps {
  /** Centre of the compound in three coordinates (x, −y of the model). */
  center: readonly [number, number];
  radius: number;
}

const vertex = /* glsl */ `
#include <common>
#include <fog_pars_vertex>
varying vec2 vXZ;
void main() {
  vXZ = (modelMatrix * vec4(position, 1.0)).xz;
  vec4 mvPosition = modelViewMatrix * vec4(position, 1.0);
  gl_Position = projectionMatrix * mvPosition;
  #include <fog_vertex>
}`;

const fragment = /* glsl */ `
#include <common>
#include <fog_pars_fragment>
uniform vec3 uBase;
uniform vec3 uLine;
uniform vec2 uCenter;
uniform float uRadius;
varying vec2 vXZ;
float grid(vec2 p, float step) {
  vec2 g = abs(fract(p / step - 0.5) - 0.5) / fwidth(p / step);
  return 1.0 - min(min(g.x, g.y), 1.0);
}
void main() {
  float d = length(vXZ - uCenter) / uRadius;
  float fade = 1.0 - smoothstep(0.35, 1.0, d);
  float g = grid(vXZ, 10.0) * 0.35 + grid(vXZ, 50.0) * 0.65;
  vec3 col = uBase + uLine * g * fade;
  gl_FragColor = vec4(col, 1.0);
  #include <fog_fragment>
  #include <colorspace_fragment>
}`;

/** A dark floor with a faint 10 m / 50 m grid fading out around the compound. */
export function GridFloor({ center, radius }: GridFloorProps) {
  const material = useMemo(
    () =>
      new ShaderMaterial({
        uniforms: UniformsUtils.merge([
          UniformsLib.fog,
          { uBase: { value: new Color(0x050c18) }, uLine: { value: new Color(0x123a5c) }, uCenter: { value: new Vector2() }, uRadius: { value: 1 } },
        ]),
        vertexShader: vertex,
        fragmentShader: fragment,
        fog: true,
        depthWrite: false,
      }),
    [],
  );
  useEffect(() => {
    (material.uniforms.uCenter.value as Vector2).set(center[0], center[1]);
    material.uniforms.uRadius.value = radius;
  }, [material, center, radius]);
  useEffect(() => () => material.dispose(), [material]);
  return (
    <mesh position={[center[0], -0.02, center[1]]} rotation-x={-Math.PI / 2} material={material} renderOrder={-10} raycast={() => null}>
      <planeGeometry args={[radius * 2, radius * 2]} />
    </mesh>
  );
}
