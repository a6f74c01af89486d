import { beepStats } from './alarmSound';

/**
 * Overlay figures a browser test reads through `window.__twin.overlays`: written in place by the
 * overlay components when what they draw changes (plain object, no React, nothing allocated).
 */
export const overlayFx = {
  /** Pulsing alarm markers drawn (one per device with an active alarm). */
  alarmMarkers: 0,
  /** Work-order pins drawn. */
  workOrderPins: 0,
  /** Buildings or cells the heatmap colours, and how many of them are outliers. */
  heatCells: 0,
  heatOutliers: 0,
  /** The moment the scene shows while replaying, else null. */
  replayT: null as number | null,
  beeps: beepStats,
};
