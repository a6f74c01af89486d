import { useT } from '../i18n/useT';
import { useOpsStore } from '../stores/useOpsStore';
import { AlarmItem } from './AlarmItem';

const MAX_SHOWN = 60;

/** Active alarms, most severe and newest first. */
export function AlarmList() {
  const alarms = useOpsStore((s) => s.alarms);
  const t = useT();
  const active = alarms.filter((a) => a.active);
  return (
    <div className="alarm-list-wrap">
      {active.length === 0 && <div className="empty">{t('alarm.none')}</div>}
      <ul className="alarm-list" data-testid="alarm-list">
        {active.slice(0, MAX_SHOWN).map((a) => (
          <AlarmItem key={a.id} alarm={a} />
        ))}
      </ul>
    </div>
  );
}
