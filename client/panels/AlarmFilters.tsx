import { useMemo } from 'react';
import { SEVERITIES } from '../../models/alarm';
import { ALARM_LIST_STATES, countAlarms } from '../../models/alarmState';
import { buildingTitle } from '../i18n/names';
import { deviceTypeName } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { listStateCount, type AlarmFilter } from '../overlays/alarmFilter';
import { useOpsStore } from '../stores/useOpsStore';
import { useOverlayStore } from '../stores/useOverlayStore';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';

/** Filters above the alarm list: severity chips, ISA-18.2 state (with the KPI bar's counts), building, device type; and the beep's mute switch. */
export function AlarmFilters() {
  const t = useT();
  const alarms = useOpsStore((s) => s.alarms);
  const counts = useMemo(() => countAlarms(alarms), [alarms]);
  const lang = useUiStore((s) => s.lang);
  const f = useOverlayStore((s) => s.alarmFilter);
  const muted = useOverlayStore((s) => s.muted);
  const compound = useTwinStore((s) => s.compound);
  const index = useTwinStore((s) => s.index);
  const set = useOverlayStore.getState().setAlarmFilter;
  const types = index ? (Object.keys(index.byType) as (keyof typeof index.byType)[]).filter((ty) => index.byType[ty].length > 0) : [];
  const toggleSeverity = (s: (typeof SEVERITIES)[number]) =>
    set({ severities: f.severities.includes(s) ? f.severities.filter((x) => x !== s) : [...f.severities, s] });
  return (
    <div className="alarm-filters" data-testid="alarm-filters">
      <div className="sev-chips" role="group" aria-label={t('alarmf.allSeverities')}>
        {SEVERITIES.map((s) => (
          <button
            key={s}
            type="button"
            className={`sev-chip ${s} ${f.severities.includes(s) ? 'on' : ''}`}
            aria-pressed={f.severities.includes(s)}
            data-testid={`alarm-filter-${s}`}
            onClick={() => toggleSeverity(s)}
          >
            {t(`severity.${s}`)}
          </button>
        ))}
        <button
          type="button"
          className={`mute ${muted ? 'on' : ''}`}
          aria-pressed={muted}
          data-testid="alarm-mute"
          title={muted ? t('ov.unmute') : t('ov.mute')}
          onClick={() => useOverlayStore.getState().setMuted(!muted)}
        >
          {muted ? `✕ ${t('ov.mute')}` : `♪ ${t('ov.unmute')}`}
        </button>
      </div>
      <div className="filter-row">
        <select value={f.state} data-testid="alarm-filter-state" onChange={(e) => set({ state: e.target.value as AlarmFilter['state'] })}>
          {ALARM_LIST_STATES.map((s) => {
            const n = listStateCount(counts, s);
            const label = t(`alarmst.filter.${s}`);
            return (
              <option key={s} value={s} data-count={n ?? undefined}>
                {n === null ? label : t('alarmst.filterCount', { label, n })}
              </option>
            );
          })}
        </select>
        <select value={f.buildingId ?? ''} data-testid="alarm-filter-building" onChange={(e) => set({ buildingId: e.target.value || null })}>
          <option value="">{t('alarmf.allBuildings')}</option>
          {compound?.buildings.map((b) => (
            <option key={b.id} value={b.id}>
              {buildingTitle(lang, b)}
            </option>
          ))}
        </select>
        <select value={f.deviceType ?? ''} data-testid="alarm-filter-type" onChange={(e) => set({ deviceType: e.target.value || null })}>
          <option value="">{t('alarmf.allTypes')}</option>
          {types.map((ty) => (
            <option key={ty} value={ty}>
              {deviceTypeName(lang, ty)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
