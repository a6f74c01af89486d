// Strings drawn inside the 3D scene (spread into i18n/zh.ts and en.ts).
export const sceneZh = {
  /** A storey's tag beside an opened building's slab. */
  'scene.floorTag': '{n}层',
} as const;

export const sceneEn: Record<keyof typeof sceneZh, string> = {
  'scene.floorTag': '{n}F',
};
