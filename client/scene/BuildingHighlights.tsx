import { useEffect } from 'react';
import { SEVERITY_RANK } from '../../models/alarm';
import { needsAttention } from '../../models/alarmState';
import { useOpsStore } from '../stores/useOpsStore';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { ALARM, HIDDEN, HOVER, SELECTED } from './buildingState';
import { useSceneResources } from './SceneContext';

/** Alarm glow by severity: critical pulses hardest, warnings not at all. */
const ALARM_LEVEL = [255, 190, 110, 0];

/** Writes hover, selection, detail-mode and alarm flags into the building-state texture (no rendering). */
export function BuildingHighlights() {
  const { buildingState } = useSceneResources();
  useEffect(() => {
    const indexOf = (id: string | null | undefined) => (id ? (useTwinStore.getState().index?.buildingIndex.get(id) ?? -1) : -1);
    const syncUi = () => {
      const ui = useUiStore.getState();
      buildingState.only(ui.hover?.kind === 'building' ? indexOf(ui.hover.id) : -1, HOVER);
      const sel = indexOf(ui.selection.buildingId);
      buildingState.only(sel, SELECTED);
      buildingState.only(ui.explode || ui.translucent ? sel : -1, HIDDEN);
    };
    const syncAlarms = () => {
      const worst = new Map<number, number>();
      for (const a of useOpsStore.getState().alarms) {
        if (!needsAttention(a)) continue;
        const i = indexOf(a.buildingId);
        if (i < 0) continue;
        const level = ALARM_LEVEL[SEVERITY_RANK[a.severity]];
        worst.set(i, Math.max(worst.get(i) ?? 0, level));
      }
      const n = useTwinStore.getState().compound?.buildings.length ?? 0;
      for (let i = 0; i < n; i++) buildingState.set(i, ALARM, worst.get(i) ?? 0);
    };
    syncUi();
    syncAlarms();
    const unsubUi = useUiStore.subscribe((s, p) => {
      if (s.hover !== p.hover || s.selection !== p.selection || s.explode !== p.explode || s.translucent !== p.translucent) syncUi();
    });
    const unsubOps = useOpsStore.subscribe((s, p) => {
      if (s.alarms !== p.alarms) syncAlarms();
    });
    return () => {
      unsubUi();
      unsubOps();
    };
  }, [buildingState]);
  return null;
}
