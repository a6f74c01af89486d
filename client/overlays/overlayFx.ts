import { beepStats } from './alarmSound';

/**
 * Overlay figures a browser test reads through `window.__twin.overlays`: written in place by the
 * overlay components when what they draw changes (plain object, no React, nothing allocated).
 */
export const overlayFx = {
  /** Devices the alarm markers stand for (every device with an alarm calling for attention, folded ones included). */
  alarmMarkers: 0,
  /** Alarm markers drawn: one per device, or one per building for its warnings (提示) when it has several. */
  alarmMarkersDrawn: 0,
  /** Light columns drawn (critical and major alarms only). */
  alarmBeacons: 0,
  /** Work-order pins drawn. */
  workOrderPins: 0,
  /** Buildings or cells the heatmap colours, and how many of them are outliers. */
  heatCells: 0,
  heatOutliers: 0,
  /** The moment the scene shows while replaying, else null. */
  replayT: null as number | null,
  beeps: beepStats,
};
