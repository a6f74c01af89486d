import { DataTexture, NearestFilter, RGBAFormat, UnsignedByteType } from 'three';

/** Units (columns) and floors (rows) one opened building can colour. */
export const CELL_UNITS = 16;
export const CELL_FLOORS = 64;

/**
 * Heat colours of the opened building's cells, one texel per (unit, floor): the see-through storeys
 * read it by their unit and floor attributes. RGB = colour (sRGB), A = 0 none, 128 coloured, 255 outlier.
 * `on` is a shared uniform: switching the layer writes one number, not a material.
 */
export class CellHeat {
  readonly texture: DataTexture;
  readonly on = { value: 0 };
  private readonly data = new Uint8Array(CELL_UNITS * CELL_FLOORS * 4);

  constructor() {
    this.texture = new DataTexture(this.data, CELL_UNITS, CELL_FLOORS, RGBAFormat, UnsignedByteType);
    this.texture.magFilter = NearestFilter;
    this.texture.minFilter = NearestFilter;
    this.texture.generateMipmaps = false;
    this.texture.needsUpdate = true;
  }

  clear(): void {
    this.data.fill(0);
    this.texture.needsUpdate = true;
  }

  /** Colours unit `unit` (0-based; −1 for a building without units) on floor `floor` (1-based). */
  set(unit: number, floor: number, rgb: readonly [number, number, number], outlier: boolean): void {
    const u = Math.max(0, unit);
    if (u >= CELL_UNITS || floor < 1 || floor > CELL_FLOORS) return;
    const at = ((floor - 1) * CELL_UNITS + u) * 4;
    this.data[at] = rgb[0];
    this.data[at + 1] = rgb[1];
    this.data[at + 2] = rgb[2];
    this.data[at + 3] = outlier ? 255 : 128;
    this.texture.needsUpdate = true;
  }

  dispose(): void {
    this.texture.dispose();
  }
}

/** GLSL: the heat texel of a cell; needs uniforms uCellHeat. */
export const CELL_HEAT_GLSL = /* glsl */ `
uniform sampler2D uCellHeat;
uniform float uCellHeatOn;
vec4 cellHeat(float unit, float floorN) {
  vec2 st = vec2((max(unit, 0.0) + 0.5) / ${CELL_UNITS.toFixed(1)}, (floorN - 0.5) / ${CELL_FLOORS.toFixed(1)});
  return texture2D(uCellHeat, st);
}
`;
