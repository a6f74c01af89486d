import { useStore } from 'zustand';
import { DEVICE_STATUSES, type DeviceStatus } from '../../models/reading';
import type { Device } from '../../models/compound';
import { DEVICE_TYPES, type DeviceType } from '../../models/deviceTypes';
import { deviceTypeName } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { cssColor, STATUS_CSS, TYPE_COLORS } from '../scene/deviceStyle';
import { liveStore } from '../stores/liveStore';
import { useUiStore } from '../stores/useUiStore';

export interface DeviceStatusTableProps {
  devices: readonly Device[];
}

/** Devices of a building counted by type and status; re-renders on status changes only, never on readings. */
export function DeviceStatusTable({ devices }: DeviceStatusTableProps) {
  useStore(liveStore, (s) => s.statusRev);
  const lang = useUiStore((s) => s.lang);
  const t = useT();
  const states = liveStore.getState().devices;
  const rows = new Map<DeviceType, Record<DeviceStatus, number> & { total: number }>();
  for (const d of devices) {
    let r = rows.get(d.type);
    if (!r) rows.set(d.type, (r = { total: 0, online: 0, offline: 0, alarm: 0, maintenance: 0 }));
    r.total++;
    r[states.get(d.id)?.status ?? 'offline']++;
  }
  if (!devices.length) return <div className="empty">{t('building.noDevices')}</div>;
  return (
    <table className="status-table" data-testid="device-status-table">
      <thead>
        <tr>
          <th />
          <th>{t('building.devices')}</th>
          {DEVICE_STATUSES.map((s) => (
            <th key={s} style={{ color: STATUS_CSS[s] }}>
              {t(`status.${s}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {DEVICE_TYPES.filter((ty) => rows.has(ty)).map((ty) => {
          const r = rows.get(ty)!;
          return (
            <tr key={ty}>
              <td>
                <i className="swatch" style={{ background: cssColor(TYPE_COLORS[ty]) }} />
              </td>
              <td className="type-name">
                {deviceTypeName(lang, ty)} <span className="dim">{r.total}</span>
              </td>
              {DEVICE_STATUSES.map((s) => (
                <td key={s} className={r[s] ? `n ${s}` : 'n zero'}>
                  {r[s]}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
