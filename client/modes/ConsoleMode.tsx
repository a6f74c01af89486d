import { useEffect, useState } from 'react';
import { useCompoundLoader } from '../live/useCompoundLoader';
import { useSession } from '../live/useSession';
import { LoginPanel } from '../panels/LoginPanel';
import { useSessionStore } from '../stores/useSessionStore';
import { useT } from '../i18n/useT';
import { BuildingPanel } from '../panels/BuildingPanel';
import { Breadcrumb } from '../panels/Breadcrumb';
import { DevicePanel } from '../panels/DevicePanel';
import { LayerToggles } from '../panels/LayerToggles';
import { OpsPanel } from '../panels/OpsPanel';
import { Tooltip } from '../panels/Tooltip';
import { TopBar } from '../panels/TopBar';
import { SceneCanvas } from '../scene/SceneCanvas';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';

/** Esc walks one level back up the breadcrumb (unless typing). */
function useEscapeBack(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      const el = e.target as HTMLElement | null;
      if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT')) return;
      useUiStore.getState().back();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

function RightPanel() {
  const hasDevice = useUiStore((s) => s.selection.deviceId !== null);
  const hasBuilding = useUiStore((s) => s.selection.buildingId !== null);
  if (hasDevice) return <DevicePanel />;
  if (hasBuilding) return <BuildingPanel />;
  return null;
}

/** The officer's console: the 3D twin with KPIs, layers, alarms, work orders and drill-down panels. */
export function ConsoleMode({ compoundId }: { compoundId: string }) {
  const [attempt, setAttempt] = useState(0);
  useSession();
  const session = useSessionStore((s) => s.status);
  useCompoundLoader(compoundId, attempt, session === 'signedIn');
  useEscapeBack();
  const loading = useTwinStore((s) => s.loading);
  const error = useTwinStore((s) => s.error);
  const t = useT();
  return (
    <div className="app console">
      <SceneCanvas />
      <TopBar />
      <div className="left-col" data-inset="left">
        <LayerToggles />
        <OpsPanel />
      </div>
      <RightPanel />
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
        </div>
      )}
    </div>
  );
}
