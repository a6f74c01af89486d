import type { Lang } from '../i18n/translate';
import { fill } from '../i18n/fill';

// Strings of cameras and video, used by the lazily loaded video code only (videoT), so they cost the initial
// bundle nothing. The main bundle's few (buttons, the snapshot thumbnail) are in videoHookText.ts.

const zh = {
  'video.title': '实时视频',
  'video.count': '{playing}/{max} 路播放',
  'video.pin': '固定',
  'video.unpin': '取消固定',
  'video.close': '关闭',
  'video.closeAll': '全部关闭',
  'video.play': '播放',
  'video.pause': '暂停',
  'video.connecting': '正在连接…',
  'video.paused': '已暂停（最多同时播放 {max} 路）',
  'video.retryIn': '{s} 秒后重试',
  'video.retrying': '正在重试…',
  'video.retry': '重试',
  'video.why.gateway_unreachable': '视频网关无法连接',
  'video.why.camera_offline': '摄像头离线',
  'video.why.no_stream': '该摄像头未配置视频',
  'video.why.no_ffmpeg': '服务器未安装 ffmpeg，演示摄像头无画面',
  'video.why.busy': '视频路数已满，请稍后',
  'video.why.forbidden': '无权查看该摄像头',
  'video.why.failed': '视频中断',
  'video.hint': '固定的画面在选择其他设备后保留',
  'video.snapshotTitle': '抓拍 · {time}',
  'video.snapshotClose': '关闭',
  'video.snapshotMissing': '抓拍图片无法加载',
  'video.replaySnapshot': '回放抓拍',
  'video.wallLive': '现场画面',
  'video.wallNoPicture': '暂无画面',
} as const;

export type VideoKey = keyof typeof zh;

const en: Record<VideoKey, string> = {
  'video.title': 'Live video',
  'video.count': '{playing}/{max} playing',
  'video.pin': 'Pin',
  'video.unpin': 'Unpin',
  'video.close': 'Close',
  'video.closeAll': 'Close all',
  'video.play': 'Play',
  'video.pause': 'Pause',
  'video.connecting': 'Connecting…',
  'video.paused': 'Paused (at most {max} play at once)',
  'video.retryIn': 'retrying in {s} s',
  'video.retrying': 'retrying…',
  'video.retry': 'Retry',
  'video.why.gateway_unreachable': 'Video gateway unreachable',
  'video.why.camera_offline': 'Camera offline',
  'video.why.no_stream': 'No video configured for this camera',
  'video.why.no_ffmpeg': 'ffmpeg is missing on the server: demo cameras have no picture',
  'video.why.busy': 'Too many streams, try again shortly',
  'video.why.forbidden': 'You may not view this camera',
  'video.why.failed': 'Stream interrupted',
  'video.hint': 'Pinned tiles stay when you select another device',
  'video.snapshotTitle': 'Snapshot · {time}',
  'video.snapshotClose': 'Close',
  'video.snapshotMissing': 'The snapshot could not be loaded',
  'video.replaySnapshot': 'Snapshot (replay)',
  'video.wallLive': 'Live',
  'video.wallNoPicture': 'No picture',
};

/** A video string in `lang`, `{name}` placeholders filled. */
export function videoT(lang: Lang, key: VideoKey, params?: Record<string, string | number>): string {
  return fill((lang === 'en' ? en : zh)[key] ?? key, params);
}

export const videoDicts = { zh, en };
