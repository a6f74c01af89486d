import { useEffect, useMemo, useState } from 'react';
import type { Alarm } from '../../models/alarm';
import { useT } from '../i18n/useT';
import { alarmQuery, filterAlarms, needsFetch } from '../overlays/alarmFilter';
import { overlayApi } from '../overlays/overlayApi';
import { useOpsStore } from '../stores/useOpsStore';
import { useOverlayStore } from '../stores/useOverlayStore';
import { useReplayStore } from '../stores/useReplayStore';
import { useTwinStore } from '../stores/useTwinStore';
import { AlarmFilters } from './AlarmFilters';
import { AlarmItem } from './AlarmItem';

const MAX_SHOWN = 80;
const NONE: Alarm[] = [];

/**
 * Closed alarms are not in the live snapshot (every open one is): fetched when the filter asks for them,
 * refetched when the live list changes (an acknowledgement or a clear closes one). Not while replaying: the list then shows the past.
 */
function useClearedAlarms(): Alarm[] {
  const f = useOverlayStore((s) => s.alarmFilter);
  const compoundId = useTwinStore((s) => s.compoundId);
  const live = useOpsStore((s) => s.alarms);
  const replaying = useReplayStore((s) => s.active);
  const [fetched, setFetched] = useState<Alarm[]>(NONE);
  const wanted = !replaying && needsFetch(f.state) && !!compoundId;
  useEffect(() => {
    if (!wanted) return setFetched(NONE);
    const ctrl = new AbortController();
    const timer = setTimeout(() => void overlayApi.alarms(alarmQuery(compoundId, f), ctrl.signal).then(setFetched, () => undefined), 150);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [wanted, compoundId, f, live]);
  return fetched;
}

/** The alarm list: filterable by severity, ISA-18.2 state (default: what needs attention), building and type; newest first; each flies to its device. */
export function AlarmList() {
  const alarms = useOpsStore((s) => s.alarms);
  const f = useOverlayStore((s) => s.alarmFilter);
  const replaying = useReplayStore((s) => s.active);
  const extra = useClearedAlarms();
  const t = useT();
  const shown = useMemo(() => filterAlarms(alarms, f, extra), [alarms, f, extra]);
  return (
    <div className="alarm-list-wrap">
      <AlarmFilters />
      {replaying && <div className="replay-note">{t('alarmf.replayNote')}</div>}
      {shown.length === 0 && (
        <div className="empty">{f.state === 'attention' && !f.severities.length && !f.buildingId && !f.deviceType ? t('alarmst.none') : t('alarmf.none')}</div>
      )}
      <ul className="alarm-list" data-testid="alarm-list" data-state={f.state}>
        {shown.slice(0, MAX_SHOWN).map((a) => (
          <AlarmItem key={a.id} alarm={a} actions={!replaying} />
        ))}
      </ul>
    </div>
  );
}
