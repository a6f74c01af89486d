import { lazy, Suspense, useEffect } from 'react';
import { can } from '../../models/auth';
import { useT } from '../i18n/useT';
import '../overlays/overlays.css';
import { useOverlayStore, type OverlayKind } from '../stores/useOverlayStore';
import { useReplayStore } from '../stores/useReplayStore';
import { useSessionStore } from '../stores/useSessionStore';
import { useWorkOrderUiStore } from '../stores/useWorkOrderUiStore';

const HeatmapPanel = lazy(() => import('./HeatmapPanel'));
// the broadcast tool (client/commands) loads when first opened
const BroadcastPanel = lazy(() => import('../commands/BroadcastPanel'));

const TOGGLES: { kind: OverlayKind; key: 'ov.alarms' | 'ov.heatmap' | 'ov.pins'; icon: string }[] = [
  { kind: 'alarms', key: 'ov.alarms', icon: '◉' },
  { kind: 'heatmap', key: 'ov.heatmap', icon: '▦' },
  { kind: 'pins', key: 'ov.pins', icon: '⚑' },
];

/** The overlays' switches across the top of the scene: alarm markers, energy heatmap, work-order pins, "new work order here", replay. */
export function OverlayBar() {
  const t = useT();
  const on = useOverlayStore((s) => s.on);
  const placing = useWorkOrderUiStore((s) => s.placing);
  const replaying = useReplayStore((s) => s.active);
  const me = useSessionStore((s) => s.me);
  const canAct = !!me && can(me.user, 'workorder:manage');
  const canOperate = !!me && !me.masked && can(me.user, 'operate');
  const broadcast = useOverlayStore((s) => s.broadcast) && canOperate;
  // signed out or no longer an operator: the tool closes (its scene layers go with it)
  useEffect(() => {
    if (!canOperate) useOverlayStore.getState().setBroadcast(false);
  }, [canOperate]);
  // replay shows single devices' history: closed to masked (evaluator) sessions
  const canReplay = !!me && !me.masked;
  return (
    <div className="overlay-dock" data-testid="overlay-bar">
      <div className="overlay-bar panel" data-inset="top" role="toolbar" aria-label={t('layers.title')}>
        {TOGGLES.map(({ kind, key, icon }) => (
          <button
            key={kind}
            type="button"
            className={on[kind] ? 'on' : ''}
            aria-pressed={on[kind]}
            data-testid={`overlay-${kind}`}
            onClick={() => useOverlayStore.getState().toggle(kind)}
          >
            <i aria-hidden>{icon}</i> {t(key)}
          </button>
        ))}
        {canAct && (
          <button
            type="button"
            className={placing ? 'on warn' : ''}
            aria-pressed={placing}
            data-testid="wo-place"
            disabled={replaying}
            onClick={() => useWorkOrderUiStore.getState().setPlacing(!placing)}
          >
            <i aria-hidden>＋</i> {t('ov.place')}
          </button>
        )}
        {canOperate && (
          <button
            type="button"
            className={broadcast ? 'on' : ''}
            aria-pressed={broadcast}
            data-testid="broadcast-open"
            onClick={() => useOverlayStore.getState().setBroadcast(!broadcast)}
          >
            <i aria-hidden>◎</i> {t('ov.broadcast')}
          </button>
        )}
        {canReplay && (
          <button
            type="button"
            className={replaying ? 'on replay' : ''}
            aria-pressed={replaying}
            data-testid="replay-open"
            onClick={() => (replaying ? useReplayStore.getState().stop() : useReplayStore.getState().start())}
          >
            <i aria-hidden>⟲</i> {t('ov.replay')}
          </button>
        )}
      </div>
      {placing && (
        <div className="overlay-hint" role="status" data-testid="wo-place-hint">
          {t('ov.placing')}
        </div>
      )}
      {on.heatmap && (
        <Suspense fallback={null}>
          <HeatmapPanel />
        </Suspense>
      )}
      {broadcast && (
        <Suspense fallback={null}>
          <BroadcastPanel />
        </Suspense>
      )}
    </div>
  );
}
