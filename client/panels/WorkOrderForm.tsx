import { useEffect, useState } from 'react';
import { PRIORITIES, WORK_ORDER_CATEGORIES, type Priority, type WorkOrderCategory, type WorkOrderCreate } from '../../models/workOrder';
import { formatInZone } from '../../models/zoneTime';
import { buildingTitle, deviceLabel } from '../i18n/names';
import { useT } from '../i18n/useT';
import { overlayApi } from '../overlays/overlayApi';
import { formatSlaMinutes, slaDue } from '../overlays/sla';
import { useOpsStore } from '../stores/useOpsStore';
import { useTwinStore } from '../stores/useTwinStore';
import { useUiStore } from '../stores/useUiStore';
import { useWorkOrderUiStore } from '../stores/useWorkOrderUiStore';
import { AssigneeSelect } from './AssigneeSelect';
import './workOrderForm.css';

/** "Now" for the deadlines shown, moving on every half minute while the form is open. */
function useNow(stepMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), stepMs);
    return () => clearInterval(id);
  }, [stepMs]);
  return now;
}

/**
 * A new work order from an alarm, a device, a building or a point picked in the scene: title (prefilled),
 * category, priority, assignee from the compound's staff and teams, and the SLA deadlines the priority
 * gives, in the compound's time zone. The server's refusal is shown here, the form stays open.
 */
export function WorkOrderForm() {
  const draft = useWorkOrderUiStore((s) => s.draft);
  const compoundId = useTwinStore((s) => s.compoundId);
  const zone = useTwinStore((s) => s.compound?.timeZone);
  const index = useTwinStore((s) => s.index);
  const lang = useUiStore((s) => s.lang);
  const t = useT();
  const now = useNow();
  const d = draft?.deviceId ? index?.deviceById.get(draft.deviceId) : undefined;
  const b = draft?.buildingId ? index?.buildingById.get(draft.buildingId) : undefined;
  const where = d
    ? deviceLabel(lang, d, index ?? null)
    : b
      ? buildingTitle(lang, b)
      : draft?.location
        ? t('wod.atPoint', { x: draft.location[0], y: draft.location[1] })
        : '';
  const [title, setTitle] = useState(() => draft?.title ?? t('wod.defaultTitle', { where }));
  const [category, setCategory] = useState<WorkOrderCategory>(draft?.category ?? 'repair');
  const [priority, setPriority] = useState<Priority>(draft?.priority ?? 'normal');
  const [assignee, setAssignee] = useState('');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!draft || !compoundId) return null;
  const due = slaDue(priority, now);
  const submit = async () => {
    if (!title.trim()) return setError(t('woform.titleRequired'));
    setBusy(true);
    setError(null);
    const body: Partial<WorkOrderCreate> = { compoundId, title: title.trim(), category, priority, description };
    if (draft.alarmId !== undefined) body.alarmId = draft.alarmId;
    else {
      if (draft.deviceId) body.deviceId = draft.deviceId;
      if (draft.buildingId) body.buildingId = draft.buildingId;
      if (draft.location) body.location = draft.location;
    }
    if (assignee) body.assignee = assignee;
    try {
      const w = await overlayApi.createWorkOrder(body);
      useOpsStore.getState().upsertWorkOrder(w);
      useWorkOrderUiStore.getState().open(w.id);
    } catch (err) {
      setError(t('wod.failed', { error: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };
  const stop = (e: React.KeyboardEvent) => e.stopPropagation();
  return (
    <aside className="panel side-panel wo-form" data-testid="workorder-form" data-alarm-id={draft.alarmId ?? ''} data-inset="right">
      <header className="panel-head">
        <div>
          <h2>{t('wod.new')}</h2>
          <span className="sub">
            {where}
            {draft.alarmId !== undefined && <span className="wo-from"> · {t('woform.fromAlarm', { id: draft.alarmId })}</span>}
          </span>
        </div>
        <button type="button" className="close" aria-label={t('wod.cancel')} onClick={() => useWorkOrderUiStore.getState().startDraft(null)}>
          ×
        </button>
      </header>
      <div className="panel-body scroll wo-form-body">
        <label className="wo-field">
          <span>{t('wod.newTitle')}</span>
          <input value={title} maxLength={200} data-testid="wo-new-title" onChange={(e) => setTitle(e.target.value)} onKeyDown={stop} />
        </label>
        <div className="wo-field-row">
          <label className="wo-field">
            <span>{t('wod.category')}</span>
            <select value={category} data-testid="wo-new-category" onChange={(e) => setCategory(e.target.value as WorkOrderCategory)}>
              {WORK_ORDER_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`wod.category.${c}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="wo-field">
            <span>{t('wod.priority')}</span>
            <select value={priority} data-testid="wo-new-priority" onChange={(e) => setPriority(e.target.value as Priority)}>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {t(`wo.priority.${p}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label className="wo-field">
          <span>{t('wod.assignee')}</span>
          <AssigneeSelect compoundId={compoundId} value={assignee} onChange={setAssignee} emptyLabel="woform.assignee.none" testId="wo-new-assignee" />
        </label>
        <div className="wo-due" data-testid="wo-new-due" aria-label={t('woform.due')}>
          <div className="wo-due-row" data-testid="wo-new-due-response" data-due={due.responseDueAt}>
            <span>{t('woform.due.response')}</span>
            <strong>{formatInZone(due.responseDueAt, zone, lang, 'md-hm')}</strong>
            <span className="dim">{t('woform.due.within', { span: formatSlaMinutes(due.responseMin, lang) })}</span>
          </div>
          <div className="wo-due-row" data-testid="wo-new-due-resolve" data-due={due.resolveDueAt}>
            <span>{t('woform.due.resolve')}</span>
            <strong>{formatInZone(due.resolveDueAt, zone, lang, 'md-hm')}</strong>
            <span className="dim">{t('woform.due.within', { span: formatSlaMinutes(due.resolveMin, lang) })}</span>
          </div>
          <div className="dim wo-due-hint">{t('woform.due.hint', { priority: t(`wo.priority.${priority}`), zone: zone ?? 'Asia/Shanghai' })}</div>
        </div>
        <label className="wo-field">
          <span>{t('wod.description')}</span>
          <textarea
            value={description}
            rows={3}
            maxLength={4000}
            data-testid="wo-new-description"
            onChange={(e) => setDescription(e.target.value)}
            onKeyDown={stop}
          />
        </label>
        {error && (
          <div className="form-error" role="alert" data-testid="wo-new-error">
            {error}
          </div>
        )}
        <div className="alarm-actions">
          <button type="button" className="primary" data-testid="wo-new-submit" disabled={busy || !title.trim()} onClick={() => void submit()}>
            {t('wod.create')}
          </button>
          <button type="button" onClick={() => useWorkOrderUiStore.getState().startDraft(null)}>
            {t('wod.cancel')}
          </button>
        </div>
      </div>
    </aside>
  );
}
