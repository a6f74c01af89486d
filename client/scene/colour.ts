// Colour helpers of the scene's merged meshes: palettes are written as sRGB hex, vertex colours are linear in three.

export type Rgb = readonly [number, number, number];

/** 0xRRGGBB → [r, g, b] in 0..1 (sRGB). */
export const hex = (h: number): Rgb => [((h >> 16) & 255) / 255, ((h >> 8) & 255) / 255, (h & 255) / 255];

/** One sRGB channel (0..1) in linear light, for vertex colours. */
export const srgbToLinear = (c: number) => (c < 0.04045 ? c * 0.0773993808 : Math.pow(c * 0.9478672986 + 0.0521327014, 2.4));
