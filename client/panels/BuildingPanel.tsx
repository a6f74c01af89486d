import { can } from '../../models/auth';
import { buildingTotals } from '../../models/compound';
import { needsAttention } from '../../models/alarmState';
import { buildingName, buildingTitle } from '../i18n/names';
import { useT } from '../i18n/useT';
import { useOpsStore, isOpenWorkOrder } from '../stores/useOpsStore';
import { useReplayStore } from '../stores/useReplayStore';
import { useSessionStore } from '../stores/useSessionStore';
import { useTwinStore } from '../stores/useTwinStore';
import { useWorkOrderUiStore } from '../stores/useWorkOrderUiStore';
import { useUiStore } from '../stores/useUiStore';
import { AlarmItem } from './AlarmItem';
import { DeviceStatusTable } from './DeviceStatusTable';
import { FloorStrip } from './FloorStrip';
import { formatValue } from './format';
import { UnitTable } from './UnitTable';
import { useBuildingEnergy } from './useBuildingEnergy';
import { WorkOrderList } from './WorkOrderList';

const EMPTY: never[] = [];

/** Everything about the selected building: households, units, floors, devices by status, alarms, work orders, energy. */
export function BuildingPanel() {
  const buildingId = useUiStore((s) => s.selection.buildingId);
  const explode = useUiStore((s) => s.explode);
  const translucent = useUiStore((s) => s.translucent);
  const index = useTwinStore((s) => s.index);
  const alarms = useOpsStore((s) => s.alarms);
  const workOrders = useOpsStore((s) => s.workOrders);
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const me = useSessionStore((s) => s.me);
  const replaying = useReplayStore((s) => s.active);
  const canOrder = !!me && can(me.user, 'workorder:manage') && !replaying;
  const b = buildingId ? index?.buildingById.get(buildingId) : undefined;
  const devices = (b && index?.devicesByBuilding.get(b.id)) || EMPTY;
  const energy = useBuildingEnergy(b ? devices : undefined);
  if (!b) return null;
  const tot = buildingTotals(b);
  const occPct = tot.households ? Math.round((tot.occupied / tot.households) * 100) : 0;
  const myAlarms = alarms.filter((a) => needsAttention(a) && a.buildingId === b.id);
  const myOrders = workOrders.filter((w) => w.buildingId === b.id && isOpenWorkOrder(w));
  const ui = useUiStore.getState;
  return (
    <aside className="panel side-panel building-panel" data-testid="building-panel" data-building-id={b.id} data-inset="right">
      <header className="panel-head">
        <div>
          <h2 data-testid="building-title">{b.use === 'residential' ? t('building.title', { n: b.number }) : buildingTitle(lang, b)}</h2>
          <span className="sub">
            {b.use === 'residential' && buildingName(lang, b) ? `${buildingName(lang, b)} · ` : ''}
            {t(`building.use.${b.use}`)}
            {b.builtYear ? ` · ${t('building.builtYear')} ${b.builtYear}` : ''}
          </span>
        </div>
        <button type="button" className="close" aria-label={t('building.close')} onClick={() => ui().selectBuilding(null)}>
          ×
        </button>
      </header>
      <div className="panel-body scroll">
        <div className="stat-grid">
          <div className="stat">
            <span>{t('building.floors')}</span>
            <b>{b.floors}</b>
          </div>
          <div className="stat">
            <span>{t('building.units')}</span>
            <b>{b.units.length}</b>
          </div>
          <div className="stat">
            <span>{t('building.households')}</span>
            <b>{tot.households}</b>
          </div>
          <div className="stat">
            <span>{t('building.occupancy')}</span>
            <b>{occPct}%</b>
          </div>
          <div className="stat">
            <span>{t('building.residents')}</span>
            <b>{tot.residents}</b>
          </div>
          <div className="stat">
            <span>{t('building.elderly')}</span>
            <b className={tot.elderlyAlone ? 'warn' : ''}>{tot.elderlyAlone}</b>
          </div>
          <div className="stat wide">
            <span>{t('building.energyToday')}</span>
            <b data-testid="building-energy">{energy === null ? t('building.energyUnknown') : `${formatValue(Math.round(energy * 10) / 10)} kWh`}</b>
          </div>
        </div>

        <div className="view-toggles" role="group" aria-label={t('building.view')}>
          <button type="button" data-testid="toggle-explode" className={explode ? 'on' : ''} aria-pressed={explode} onClick={() => ui().setExplode(!explode)}>
            {t('building.explode')}
          </button>
          <button
            type="button"
            data-testid="toggle-translucent"
            className={translucent ? 'on' : ''}
            aria-pressed={translucent}
            onClick={() => ui().setTranslucent(!translucent)}
          >
            {t('building.translucent')}
          </button>
          {canOrder && (
            <button
              type="button"
              className="wo-new-btn"
              data-testid="building-create-wo"
              onClick={() => useWorkOrderUiStore.getState().startDraft({ buildingId: b.id })}
            >
              ＋ {t('wod.fromBuilding')}
            </button>
          )}
          {canOrder && b.use === 'residential' && b.units.length > 0 && (
            // the printable sheet of the units' repair QR codes: the residents' page (its own entry), in a new tab
            <a
              className="view-toggle-link"
              data-testid="building-repair-qr"
              href={`/repair?compound=${encodeURIComponent(useTwinStore.getState().compoundId)}&sheet=${encodeURIComponent(b.id)}&lang=${lang}`}
              target="_blank"
              rel="noopener"
            >
              {t('building.repairQr')}
            </a>
          )}
        </div>

        <h3>{t('building.floorList')}</h3>
        <FloorStrip building={b} />

        {b.units.length > 0 && (
          <>
            <h3>{t('building.units')}</h3>
            <UnitTable building={b} />
          </>
        )}

        <h3>{t('building.devicesByType')}</h3>
        <DeviceStatusTable devices={devices} />

        <h3>
          {t('building.alarms')} <b className={myAlarms.length ? 'count hot' : 'count'}>{myAlarms.length}</b>
        </h3>
        {myAlarms.length === 0 ? (
          <div className="empty">{t('building.noAlarms')}</div>
        ) : (
          <ul className="alarm-list" data-testid="building-alarms">
            {myAlarms.map((a) => (
              <AlarmItem key={a.id} alarm={a} />
            ))}
          </ul>
        )}

        <h3>
          {t('building.workOrders')} <b className="count">{myOrders.length}</b>
        </h3>
        <WorkOrderList workOrders={myOrders} testId="building-workorders" />
      </div>
    </aside>
  );
}
