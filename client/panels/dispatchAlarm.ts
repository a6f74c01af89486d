import type { Alarm } from '../../models/alarm';
import { categoryOfAlarm, PRIORITY_OF_SEVERITY } from '../../models/workOrder';
import { deviceLabel } from '../i18n/names';
import { pick } from '../i18n/translate';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { useWorkOrderUiStore } from '../stores/useWorkOrderUiStore';

/**
 * Opens the work-order form for an alarm: linked to it, with the title, category and priority the alarm
 * calls for (the same rules the server applies), for the officer to check, assign and submit.
 */
export function dispatchAlarm(a: Pick<Alarm, 'id' | 'compoundId' | 'deviceId' | 'ruleId' | 'severity' | 'message'>): void {
  const lang = useUiStore.getState().lang;
  const index = useTwinStore.getState().index;
  const d = index?.deviceById.get(a.deviceId);
  const name = d ? deviceLabel(lang, d, index) : a.deviceId;
  const p = d?.placement;
  useWorkOrderUiStore.getState().startDraft({
    alarmId: a.id,
    deviceId: a.deviceId,
    buildingId: p?.kind === 'building' ? p.buildingId : undefined,
    title: `${name}${lang === 'en' ? ': ' : '：'}${pick(lang, a.message)}`,
    category: categoryOfAlarm(a.ruleId),
    priority: PRIORITY_OF_SEVERITY[a.severity],
  });
}
