import { useEffect } from 'react';
import type { StaffMember, Team } from '../../models/staff';
import type { DictKey } from '../i18n/zh';
import { useT } from '../i18n/useT';
import { useUiStore } from '../stores/useUiStore';
import { useWorkOrderUiStore } from '../stores/useWorkOrderUiStore';
import { staffName } from './assigneeName';
import './workOrderForm.css';

export interface AssigneeSelectProps {
  compoundId: string;
  /** `staff:<id>`, `team:<id>`, or '' for none. */
  value: string;
  onChange: (ref: string) => void;
  /** What '' reads as: "not yet" in the form, "choose" when dispatching. */
  emptyLabel: DictKey;
  /** An older order's free-text assignee, shown (not choosable) when it has no reference. */
  legacyName?: string | null;
  testId: string;
  disabled?: boolean;
}

/** The compound's staff grouped by team (each team also assignable as a whole), loaded once per compound. */
export function AssigneeSelect({ compoundId, value, onChange, emptyLabel, legacyName, testId, disabled }: AssigneeSelectProps) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const state = useWorkOrderUiStore((s) => s.staff[compoundId]);
  useEffect(() => useWorkOrderUiStore.getState().loadStaff(compoundId), [compoundId]);
  const dir = state?.status === 'ready' ? state.directory : null;
  const groups: { key: string; label: string; team: Team | null; staff: StaffMember[] }[] = [];
  if (dir) {
    for (const team of dir.teams)
      groups.push({ key: `team:${team.id}`, label: staffName(lang, team), team, staff: dir.staff.filter((s) => s.teamId === team.id) });
    const loose = dir.staff.filter((s) => !dir.teams.some((x) => x.id === s.teamId));
    if (loose.length) groups.push({ key: 'none', label: t('woform.assignee.noTeam'), team: null, staff: loose });
  }
  // the value still shows while the directory loads, or when it names someone since deactivated
  const known = value === '' || groups.some((g) => g.key === value || g.staff.some((s) => `staff:${s.id}` === value));
  return (
    <>
      <select value={value} data-testid={testId} disabled={disabled || !dir} aria-busy={!dir} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t(emptyLabel)}</option>
        {!known && <option value={value}>{value}</option>}
        {groups.map((g) => (
          <optgroup key={g.key} label={g.label}>
            {g.team && <option value={g.key}>{t('woform.assignee.team', { team: g.label })}</option>}
            {g.staff.map((s) => (
              <option key={s.id} value={`staff:${s.id}`} data-trade={s.trade}>
                {staffName(lang, s)} · {t(`woform.trade.${s.trade}`)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {legacyName && value === '' && <span className="dim wo-field-note">{t('woform.assignee.legacy', { name: legacyName })}</span>}
      {state?.status === 'loading' && <span className="dim wo-field-note">{t('woform.assignee.loading')}</span>}
      {state?.status === 'failed' && (
        <span className="form-error wo-field-note" role="alert">
          {t('woform.assignee.failed', { error: state.error })}
        </span>
      )}
    </>
  );
}
