import { AdditiveBlending, Color, DoubleSide, ShaderMaterial } from 'three';
import { CELL_HEAT_GLSL, type CellHeat } from './cellHeat';

const vertex = /* glsl */ `
attribute float aFloor;
attribute float aUnit;
attribute float aOcc;
attribute float aElder;
attribute float aTop;
varying float vFloor;
varying float vUnit;
varying float vOcc;
varying float vElder;
varying float vTop;
varying vec3 vNormalW;
void main() {
  vFloor = aFloor; vUnit = aUnit; vOcc = aOcc; vElder = aElder; vTop = aTop;
  vNormalW = normalize(mat3(modelMatrix) * normal);
  gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
}`;

const fragment = /* glsl */ `
${CELL_HEAT_GLSL}
uniform vec3 uGlass;
uniform vec3 uAccent;
uniform vec3 uElder;
uniform float uSelFloor;
uniform float uSelUnit;
uniform float uHoverFloor;
uniform float uOpacity;
varying float vFloor;
varying float vUnit;
varying float vOcc;
varying float vElder;
varying float vTop;
varying vec3 vNormalW;
void main() {
  float selF = uSelFloor > 0.0 ? step(abs(vFloor - uSelFloor), 0.5) : 0.0;
  float selU = uSelUnit >= 0.0 ? step(abs(vUnit - uSelUnit), 0.5) : 0.0;
  float hov = step(abs(vFloor - uHoverFloor), 0.5);
  // others fade when one floor or unit is picked
  float focus = (uSelFloor > 0.0 || uSelUnit >= 0.0) ? max(selF, selU) : 1.0;
  float light = 0.55 + 0.45 * abs(normalize(vNormalW).y);
  vec3 col = mix(uGlass * (0.6 + 0.6 * vOcc), uElder, vElder * 0.55) * light;
  col = mix(col, uAccent, 0.55 * max(selF, selU) + 0.3 * hov);
  float a = (vTop > 0.5 ? 0.34 : 0.12) * uOpacity;
  a *= mix(0.35, 1.0, focus);
  // storeys above a picked floor fade almost away so the floor lies open to the camera
  if (uSelFloor > 0.0 && vFloor > uSelFloor + 0.5) a *= 0.25;
  a += 0.22 * max(selF, hov);
  if (uCellHeatOn > 0.5) {
    // energy heatmap: each unit-floor cell in its colour, denser so the colours read; outliers hatched
    vec4 h = cellHeat(vUnit, vFloor);
    if (h.a > 0.02) {
      col = pow(h.rgb, vec3(2.2)) * (0.75 + 0.35 * light);
      a = max(a, (vTop > 0.5 ? 0.62 : 0.4) * mix(0.45, 1.0, focus));
      if (h.a > 0.75) col = mix(col, vec3(1.0, 0.95, 0.85), 0.45 * step(0.5, fract((gl_FragCoord.x + gl_FragCoord.y) / 9.0)));
      col = mix(col, uAccent, 0.35 * max(selF, hov));
    }
  }
  gl_FragColor = vec4(col, a);
  #include <colorspace_fragment>
}`;

/** See-through storeys of the building in detail: occupancy brightens, lone-elderly homes warm, the picked floor/unit lights up. */
export function createDetailMaterial(cellHeat?: CellHeat): ShaderMaterial {
  return new ShaderMaterial({
    uniforms: {
      // shared with the heatmap layer, which writes them (not cloned: the same objects)
      uCellHeat: { value: cellHeat?.texture ?? null },
      uCellHeatOn: cellHeat?.on ?? { value: 0 },
      uGlass: { value: new Color(0x2a7fb8) },
      uAccent: { value: new Color(0x3fd0ff) },
      uElder: { value: new Color(0xffa860) },
      uSelFloor: { value: -1 },
      uSelUnit: { value: -1 },
      uHoverFloor: { value: -1 },
      uOpacity: { value: 1 },
    },
    vertexShader: vertex,
    fragmentShader: fragment,
    transparent: true,
    depthWrite: false,
    side: DoubleSide,
  });
}

const lineVertex = /* glsl */ `
attribute float aFloor;
attribute float aUnit;
varying float vFloor;
varying float vUnit;
void main() {
  vFloor = aFloor; vUnit = aUnit;
  gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
}`;

const lineFragment = /* glsl */ `
uniform vec3 uColor;
uniform float uSelFloor;
uniform float uSelUnit;
varying float vFloor;
varying float vUnit;
void main() {
  float sel = (uSelFloor > 0.0 ? step(abs(vFloor - uSelFloor), 0.5) : 0.0) + (uSelUnit >= 0.0 ? step(abs(vUnit - uSelUnit), 0.5) : 0.0);
  float any = (uSelFloor > 0.0 || uSelUnit >= 0.0) ? 1.0 : 0.0;
  float k = mix(0.45, 0.18, any) + 0.7 * min(sel, 1.0);
  if (uSelFloor > 0.0 && vFloor > uSelFloor + 0.5) k *= 0.35;
  gl_FragColor = vec4(uColor * k, 1.0);
  #include <colorspace_fragment>
}`;

export function createDetailLineMaterial(): ShaderMaterial {
  return new ShaderMaterial({
    uniforms: { uColor: { value: new Color(0x6fe0ff) }, uSelFloor: { value: -1 }, uSelUnit: { value: -1 } },
    vertexShader: lineVertex,
    fragmentShader: lineFragment,
    transparent: true,
    depthWrite: false,
    blending: AdditiveBlending,
  });
}
