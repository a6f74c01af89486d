import { lazy, Suspense, useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { Alarm } from '../../models/alarm';
import { can } from '../../models/auth';
import { api } from '../live/api';
import { deviceLabel } from '../i18n/names';
import { deviceTypeName } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { cssColor, STATUS_CSS, TYPE_COLORS } from '../scene/deviceStyle';
import { liveStore } from '../stores/liveStore';
import { useOpsStore } from '../stores/useOpsStore';
import { useReplayStore } from '../stores/useReplayStore';
import { useSessionStore } from '../stores/useSessionStore';
import { useWorkOrderUiStore } from '../stores/useWorkOrderUiStore';
import { openCameraVideo } from '../video/useVideoStore';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { AlarmItem } from './AlarmItem';
import { LiveValues } from './LiveValues';

const SeriesChart = lazy(() => import('./SeriesChart'));
// gates' "open" and chargers' "stop charging" for operators (client/commands, lazy)
const DeviceCommands = lazy(() => import('../commands/DeviceCommands'));
const COMMANDABLE = new Set(['access_gate', 'parking_gate', 'ebike_charger']);

/** The selected device: live values in place, status, where it is, history chart and alarm history. */
export function DevicePanel() {
  const deviceId = useUiStore((s) => s.selection.deviceId);
  const lang = useUiStore((s) => s.lang);
  const index = useTwinStore((s) => s.index);
  const t = useT();
  const d = deviceId ? index?.deviceById.get(deviceId) : undefined;
  // selects a string, so readings (which do not change it) never re-render this panel
  const status = useStore(liveStore, (s) => (deviceId ? (s.devices.get(deviceId)?.status ?? null) : null));
  const alarmsRev = useOpsStore((s) => s.alarms);
  const me = useSessionStore((s) => s.me);
  const replaying = useReplayStore((s) => s.active);
  const canOrder = !!me && can(me.user, 'workorder:manage') && !replaying;
  const canCommand = !!me && !me.masked && can(me.user, 'operate') && !replaying;
  // keyed by device: a refresh after an alarm change keeps the previous list until the new one arrives (the chart's bands and opening metric do not flicker)
  const [loaded, setLoaded] = useState<{ deviceId: string; list: Alarm[] } | null>(null);
  useEffect(() => {
    if (!deviceId) return;
    const ctrl = new AbortController();
    const done = (list: Alarm[]) => setLoaded({ deviceId, list });
    api.alarms({ deviceId, state: 'all', limit: '20' }, ctrl.signal).then(done, () => !ctrl.signal.aborted && done([]));
    return () => ctrl.abort();
  }, [deviceId, alarmsRev]);
  const history = loaded && loaded.deviceId === deviceId ? loaded.list : null;
  if (!d || !index) return null;
  const p = d.placement;
  const b = p.kind === 'building' ? index.buildingById.get(p.buildingId) : undefined;
  const u = p.kind === 'building' && p.unitId ? index.unitById.get(p.unitId)?.unit : undefined;
  const floor = index.deviceFloor.get(d.id);
  const where = b
    ? [t('crumb.building', { n: b.number }), u ? t('crumb.unit', { n: u.number }) : null, floor ? t('crumb.floor', { n: floor }) : null]
        .filter(Boolean)
        .join(' · ')
    : t('device.ground');
  const st = status ?? 'unknown';
  return (
    <aside className="panel side-panel device-panel" data-testid="device-panel" data-device-id={d.id} data-inset="right">
      <header className="panel-head">
        <div>
          <h2 data-testid="device-title">{deviceLabel(lang, d, index)}</h2>
          <span className="sub">
            <i className="swatch" style={{ background: cssColor(TYPE_COLORS[d.type]) }} /> {deviceTypeName(lang, d.type)}
          </span>
        </div>
        <button type="button" className="close" aria-label={t('device.close')} onClick={() => useUiStore.getState().selectDevice(null)}>
          ×
        </button>
      </header>
      <div className="panel-body scroll">
        <div className="status-line">
          <span className={`status-pill ${st}`} data-testid="device-status" data-status={st} style={{ borderColor: status ? STATUS_CSS[status] : undefined }}>
            <i style={{ background: status ? STATUS_CSS[status] : undefined }} />
            {t(`status.${st}`)}
          </span>
          {canOrder && (
            <button
              type="button"
              className="wo-new-btn"
              data-testid="device-create-wo"
              onClick={() => useWorkOrderUiStore.getState().startDraft({ deviceId: d.id, buildingId: p.kind === 'building' ? p.buildingId : undefined })}
            >
              ＋ {t('wod.fromDevice')}
            </button>
          )}
          {d.type === 'camera' && (
            <button type="button" className="wo-new-btn watch-live" data-testid="device-live-video" onClick={() => openCameraVideo(d.id)}>
              {t('videoh.live')}
            </button>
          )}
        </div>
        {canCommand && COMMANDABLE.has(d.type) && (
          <Suspense fallback={null}>
            <DeviceCommands device={d} />
          </Suspense>
        )}
        <h3>{t('device.live')}</h3>
        <LiveValues device={d} />
        <dl className="facts">
          <dt>{t('device.id')}</dt>
          <dd className="mono">{d.id}</dd>
          <dt>{t('device.location')}</dt>
          <dd>{where}</dd>
          <dt>{t('device.installed')}</dt>
          <dd>{d.installedAt}</dd>
        </dl>
        <h3>{t('device.history')}</h3>
        <Suspense fallback={<div className="chart-placeholder">{t('device.chartLoading')}</div>}>
          <SeriesChart device={d} alarms={history} />
        </Suspense>
        <h3>{t('device.alarmHistory')}</h3>
        {history === null ? (
          <div className="empty">{t('device.chartLoading')}</div>
        ) : history.length === 0 ? (
          <div className="empty">{t('device.noAlarmHistory')}</div>
        ) : (
          <ul className="alarm-list compact" data-testid="device-alarm-history">
            {history.map((a) => (
              <AlarmItem key={a.id} alarm={a} actions={false} />
            ))}
          </ul>
        )}
      </div>
    </aside>
  );
}
