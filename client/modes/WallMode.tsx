import { useMemo } from 'react';
import { useCompoundLoader } from '../live/useCompoundLoader';
import { SceneCanvas } from '../scene/SceneCanvas';
import { useSessionStore } from '../stores/useSessionStore';
import { AlarmFocusRing } from '../wall/AlarmFocusRing';
import { AlarmSummaryPanel } from '../wall/AlarmSummaryPanel';
import { AlarmTrendPanel } from '../wall/AlarmTrendPanel';
import { AlarmTicker } from '../wall/AlarmTicker';
import { EnergyPanel } from '../wall/EnergyPanel';
import { OnlinePanel } from '../wall/OnlinePanel';
import { PatrolPanel } from '../wall/PatrolPanel';
import { StaleWatermark } from '../wall/StaleWatermark';
import { SystemHealthPanel } from '../wall/SystemHealthPanel';
import { useAlarmChime } from '../wall/useAlarmChime';
import { useFeedHealth } from '../wall/useFeedHealth';
import { useHtmlClass } from '../wall/useHtmlClass';
import { usePatrolDirector } from '../wall/usePatrolDirector';
import { useSystemHealth } from '../wall/useSystemHealth';
import { useWorkOrderResponse } from '../wall/useWorkOrderStats';
import { WallHeader } from '../wall/WallHeader';
import { WorkOrderPanel } from '../wall/WorkOrderPanel';
import { WallPatrol } from '../wall/WallPatrol';
import { parseWallParams } from '../wall/wallParams';
import { WallVideoHost } from '../video/WallVideoHost';
import '../wall/wall.css';

/**
 * The command-centre wall display: the compound in 3D on an automatic patrol that alarms pre-empt,
 * KPI panels either side, an alarm ticker and a clock. Unattended: the sign-in gate trades the display
 * token for a session (never a form); the wall reconnects and resyncs by itself and says plainly when
 * its data has stopped.
 */
export function WallMode({ compoundId }: { compoundId: string }) {
  const params = useMemo(() => parseWallParams(window.location.search), []);
  useHtmlClass('mode-wall');
  const signedIn = useSessionStore((s) => s.status === 'signedIn');
  useCompoundLoader(compoundId, signedIn, { refusal: 'retry' });
  usePatrolDirector(params);
  useAlarmChime(params.sound);
  const verdict = useFeedHealth(params);
  const health = useSystemHealth();
  const meanResponse = useWorkOrderResponse(compoundId, signedIn);
  return (
    <div className="wall" data-testid="wall">
      <SceneCanvas controls={false}>
        <WallPatrol />
        <AlarmFocusRing />
      </SceneCanvas>
      <WallHeader />
      <aside className="wall-col wall-left" data-inset="left" data-testid="wall-kpis">
        <OnlinePanel />
        <AlarmSummaryPanel />
        <WorkOrderPanel meanResponseMin={meanResponse} />
        <EnergyPanel />
      </aside>
      <aside className="wall-col wall-right" data-inset="right">
        <SystemHealthPanel health={health} />
        <AlarmTrendPanel />
        <PatrolPanel />
      </aside>
      <WallVideoHost />
      <AlarmTicker />
      <StaleWatermark verdict={verdict} />
    </div>
  );
}
