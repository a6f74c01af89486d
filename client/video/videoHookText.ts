// The few video strings the main bundle uses (the device panel's and the alarm's buttons, the snapshot
// thumbnail); spread into i18n/zh.ts and en.ts. The video panel's own strings are in videoText.ts.

export const videoHookZh = {
  'videoh.live': '实时视频',
  'videoh.watch': '查看实时',
  'videoh.snapshot': '抓拍',
  'videoh.snapshotOpen': '查看抓拍大图',
} as const;

export const videoHookEn: Record<keyof typeof videoHookZh, string> = {
  'videoh.live': 'Live video',
  'videoh.watch': 'Watch live',
  'videoh.snapshot': 'Snapshot',
  'videoh.snapshotOpen': 'Open the snapshot',
};
