import { lazy, Suspense, useEffect, useState } from 'react';
import { useCompoundLoader } from '../live/useCompoundLoader';
import { useSession } from '../live/useSession';
import { LoginPanel } from '../panels/LoginPanel';
import { useSessionStore } from '../stores/useSessionStore';
import { useT } from '../i18n/useT';
import { BuildingPanel } from '../panels/BuildingPanel';
import { Breadcrumb } from '../panels/Breadcrumb';
import { CompoundPicker } from '../panels/CompoundSwitcher';
import { DevicePanel } from '../panels/DevicePanel';
import { LayerToggles } from '../panels/LayerToggles';
import { OpsPanel } from '../panels/OpsPanel';
import { Tooltip } from '../panels/Tooltip';
import { TopBar } from '../panels/TopBar';
import { OverlayBar } from '../panels/OverlayBar';
import { CriticalToast } from '../panels/CriticalToast';
import { useAlarmSound } from '../overlays/useAlarmSound';
import { useHeatmapData } from '../overlays/useHeatmapData';
import { useReplayDriver } from '../overlays/useReplayDriver';
import { ConsoleOverlays } from '../scene/ConsoleOverlays';
import { SceneCanvas } from '../scene/SceneCanvas';
import { useReplayStore } from '../stores/useReplayStore';
import { useWorkOrderUiStore } from '../stores/useWorkOrderUiStore';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { VideoHost } from '../video/VideoHost';

/** Esc closes the work-order form, pick mode or panel first, else walks one level back up the breadcrumb (unless typing). */
function useEscapeBack(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      const el = e.target as HTMLElement | null;
      if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT')) return;
      const wo = useWorkOrderUiStore.getState();
      if (wo.draft) wo.startDraft(null);
      else if (wo.placing) wo.setPlacing(false);
      else if (wo.detailId !== null) wo.open(null);
      else useUiStore.getState().back();
    };
    window.addEventListener('keydown', onKey);
    // a new selection (a device, a building) takes the right-hand panel back from a work order
    const unsub = useUiStore.subscribe((s, p) => {
      if (s.selection !== p.selection && useWorkOrderUiStore.getState().detailId !== null) useWorkOrderUiStore.getState().open(null);
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      unsub();
    };
  }, []);
}

// the work-order panels and the replay bar load when first used (the initial bundle stays lean)
const WorkOrderDetail = lazy(() => import('../panels/WorkOrderDetail').then((m) => ({ default: m.WorkOrderDetail })));
const WorkOrderForm = lazy(() => import('../panels/WorkOrderForm').then((m) => ({ default: m.WorkOrderForm })));
const ReplayBar = lazy(() => import('../panels/ReplayBar').then((m) => ({ default: m.ReplayBar })));
const ReplayBanner = lazy(() => import('../panels/ReplayBar').then((m) => ({ default: m.ReplayBanner })));

function RightPanel() {
  const hasDevice = useUiStore((s) => s.selection.deviceId !== null);
  const hasBuilding = useUiStore((s) => s.selection.buildingId !== null);
  const draft = useWorkOrderUiStore((s) => s.draft);
  const workOrderId = useWorkOrderUiStore((s) => s.detailId);
  if (draft)
    return (
      <Suspense fallback={null}>
        <WorkOrderForm key={JSON.stringify(draft)} />
      </Suspense>
    );
  if (workOrderId !== null)
    return (
      <Suspense fallback={null}>
        <WorkOrderDetail />
      </Suspense>
    );
  if (hasDevice) return <DevicePanel />;
  if (hasBuilding) return <BuildingPanel />;
  return null;
}

/** The officer's console: the 3D twin with KPIs, layers, alarms, work orders and drill-down panels. */
export function ConsoleMode({ compoundId }: { compoundId: string }) {
  const [attempt, setAttempt] = useState(0);
  useSession();
  const session = useSessionStore((s) => s.status);
  useCompoundLoader(compoundId, session === 'signedIn', { refusal: 'show', attempt });
  useEscapeBack();
  useAlarmSound();
  useHeatmapData(compoundId);
  useReplayDriver(compoundId);
  const replaying = useReplayStore((s) => s.active);
  const loading = useTwinStore((s) => s.loading);
  const error = useTwinStore((s) => s.error);
  const t = useT();
  return (
    <div className="app console">
      <SceneCanvas>
        <ConsoleOverlays />
      </SceneCanvas>
      <TopBar />
      <div className="left-col" data-inset="left">
        <LayerToggles />
        <OpsPanel />
      </div>
      <OverlayBar />
      <RightPanel />
      <VideoHost />
      <CriticalToast />
      {replaying && (
        <Suspense fallback={null}>
          <ReplayBanner />
          <ReplayBar />
        </Suspense>
      )}
      <Breadcrumb />
      <Tooltip />
      {session === 'signedOut' && <LoginPanel />}
      {session === 'unreachable' && (
        <div className="overlay" role="status">
          <div className="spinner" />
          {t('login.unreachable')}
        </div>
      )}
      {(loading || session === 'checking') && (
        <div className="overlay" role="status">
          <div className="spinner" />
          {t('app.loading')}
        </div>
      )}
      {error && session === 'signedIn' && (
        <div className="overlay error" role="alert" data-testid="load-error">
          <p>{t('app.loadFailed', { id: compoundId, error })}</p>
          <button type="button" onClick={() => setAttempt((a) => a + 1)}>
            {t('app.retry')}
          </button>
          <CompoundPicker failedId={compoundId} />
        </div>
      )}
    </div>
  );
}
