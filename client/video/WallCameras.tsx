import { useMemo } from 'react';
import { deviceLabel } from '../i18n/names';
import { useOpsStore } from '../stores/useOpsStore';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { CameraPlayer } from './CameraPlayer';
import { wallCamerasFor } from './wallCameras';
import { videoT } from './videoText';
import './video.css';

/**
 * The wall's live pictures of the alarm the patrol turned to: up to two cameras that see its device, beside
 * the 3D and clear of the KPI columns. Unattended: a stream that fails shows the still or a placeholder and
 * retries for ever, quietly; nothing asks for a click.
 */
export default function WallCameras({ alarmId }: { alarmId: number }) {
  const lang = useUiStore((s) => s.lang);
  const compound = useTwinStore((s) => s.compound);
  const index = useTwinStore((s) => s.index);
  const deviceId = useOpsStore((s) => s.alarms.find((a) => a.id === alarmId)?.deviceId ?? null);
  const cams = useMemo(() => {
    const d = deviceId ? index?.deviceById.get(deviceId) : undefined;
    return compound && d ? wallCamerasFor(compound, d) : [];
  }, [compound, index, deviceId]);
  if (cams.length === 0) return null;
  return (
    <aside className="wall-cams" data-testid="wall-cameras" data-alarm-id={alarmId} data-cameras={cams.join(',')} data-inset="right">
      {cams.map((id) => {
        const d = index?.deviceById.get(id);
        return (
          <figure key={id} className="wall-cam" data-testid="wall-camera" data-device-id={id}>
            <figcaption>
              <i className="cam-dot on" aria-hidden />
              <span>{d ? deviceLabel(lang, d, index ?? null) : id}</span>
              <small>{videoT(lang, 'video.wallLive')}</small>
            </figcaption>
            <div className="cam-frame">
              <CameraPlayer deviceId={id} playing quiet placeholder={videoT(lang, 'video.wallNoPicture')} />
            </div>
          </figure>
        );
      })}
    </aside>
  );
}
