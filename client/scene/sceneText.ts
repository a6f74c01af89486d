// Strings drawn inside the 3D scene (spread into i18n/zh.ts and en.ts).
export const sceneZh = {
  /** A storey's tag beside an opened building's slab. */
  'scene.floorTag': '{n}层',
  /** The use-class legend's heading (buildings tinted by what they are used for). */
  'scene.legend.title': '建筑用途',
  /** Attribution when the basemap's server gave none. */
  'scene.basemap': '底图',
  /** The layer switch for every camera's view cone on the ground. */
  'scene.viewCones': '摄像机视域',
  'scene.viewCones.hint': '每台摄像机在地面上看得到的范围（被楼栋遮挡处截断）',
} as const;

export const sceneEn: Record<keyof typeof sceneZh, string> = {
  'scene.floorTag': '{n}F',
  'scene.legend.title': 'Building use',
  'scene.basemap': 'Basemap',
  'scene.viewCones': 'Camera views',
  'scene.viewCones.hint': 'What each camera sees on the ground (cut off where a building is in the way)',
};
