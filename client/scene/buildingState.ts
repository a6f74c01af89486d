import { DataTexture, NearestFilter, RGBAFormat, UnsignedByteType } from 'three';

const WIDTH = 256;

/** Channels of a building's texel. */
export const HOVER = 0;
export const SELECTED = 1;
export const ALARM = 2;
export const HIDDEN = 3;

/**
 * Per-building flags in a small texture (one RGBA texel per building) that the shell, line and label
 * shaders read by the building's index: highlighting one building writes 4 bytes, not a mesh.
 */
export class BuildingState {
  readonly texture: DataTexture;
  readonly size: [number, number];
  private readonly data: Uint8Array;

  constructor(count: number) {
    const h = Math.max(1, Math.ceil(count / WIDTH));
    this.data = new Uint8Array(WIDTH * h * 4);
    this.texture = new DataTexture(this.data, WIDTH, h, RGBAFormat, UnsignedByteType);
    this.texture.magFilter = NearestFilter;
    this.texture.minFilter = NearestFilter;
    this.texture.generateMipmaps = false;
    this.texture.needsUpdate = true;
    this.size = [WIDTH, h];
  }

  set(index: number, channel: number, value: number): void {
    if (index < 0) return;
    const at = index * 4 + channel;
    if (at >= this.data.length || this.data[at] === value) return;
    this.data[at] = value;
    this.texture.needsUpdate = true;
  }

  /** Sets one channel to `value` for `index` and to 0 for every other building. */
  only(index: number, channel: number, value = 255): void {
    for (let i = channel; i < this.data.length; i += 4) {
      const v = (i - channel) / 4 === index ? value : 0;
      if (this.data[i] !== v) {
        this.data[i] = v;
        this.texture.needsUpdate = true;
      }
    }
  }

  get(index: number, channel: number): number {
    return this.data[index * 4 + channel] ?? 0;
  }

  dispose(): void {
    this.texture.dispose();
  }
}

/** GLSL that fetches a building's flags; needs uniforms uState and uStateSize. */
export const STATE_GLSL = /* glsl */ `
uniform sampler2D uState;
uniform vec2 uStateSize;
vec4 buildingState(float i) {
  vec2 st = vec2((mod(i, uStateSize.x) + 0.5) / uStateSize.x, (floor(i / uStateSize.x) + 0.5) / uStateSize.y);
  return texture2D(uState, st);
}
`;
